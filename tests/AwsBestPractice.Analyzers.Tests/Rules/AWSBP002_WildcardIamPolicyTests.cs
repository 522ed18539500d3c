using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    AwsBestPractice.Analyzers.Rules.WildcardIamPolicy.WildcardIamPolicyAnalyzer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class WildcardIamPolicyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Amazon.Auth.AccessControlPolicy;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private static string InMethod(string body, string members = "")
        => Code.InMethod(body, "IAmazonS3 s3, string bucket, string service", Usings, members);

    private static DiagnosticResult Diagnostic(int location, string statement, string what)
        => CSharpVerifier<AwsBestPractice.Analyzers.Rules.WildcardIamPolicy.WildcardIamPolicyAnalyzer, EmptyCodeFixProvider>
            .Diagnostic("AWSBP002").WithLocation(location).WithArguments(statement, what);

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task DenyStatementsAndNotActionAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var deny = "{ \"Version\": \"2012-10-17\", \"Statement\": [{ \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\" }] }";
            var allExceptIam = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"NotAction\": \"iam:*\", \"Resource\": \"*\" }] }";
            await s3.PutBucketPolicyAsync(bucket, deny + allExceptIam);
            """));

    [Fact]
    public Task ReadActionsOnEveryResourceAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod(""""
            var policy = """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    { "Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ec2:Describe*", "dynamodb:GetItem", "dynamodb:Query", "s3:HeadBucket"], "Resource": "*" },
                    { "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::orders-archive/*" }
                  ]
                }
                """;
            await s3.PutBucketPolicyAsync(bucket, policy);
            """"));

    [Fact]
    public Task TheDefaultKmsKeyPolicyIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod(""""
            var keyPolicy = """
                {
                  "Version": "2012-10-17",
                  "Id": "key-default-1",
                  "Statement": [
                    { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" },
                    { "Sid": "Allow use of the key", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Orders" }, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*" }
                  ]
                }
                """;
            Console.WriteLine(keyPolicy);
            """"));

    [Fact]
    public Task JsonThatIsNotAPolicyIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            // An audit event and a UI rule: an Action, but no Statement and no Effect; Effect of a game card.
            var audit = "{ \"Action\": \"*\", \"Resource\": \"*\", \"User\": \"admin\" }";
            var card = new { Effect = "Burn", Action = "*" };
            var label = "Effect: Allow, Action: *";
            Console.WriteLine(audit + card + label);
            """));

    [Fact]
    public Task ValuesThatAreNotConstantAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var policy = $"{{ \"Statement\": [{{ \"Effect\": \"Allow\", \"Action\": \"{service}:*\", \"Resource\": \"arn:aws:s3:::{bucket}/*\" }}] }}";
            var statement = new { Effect = "Allow", Action = service, Resource = "*" };
            Console.WriteLine(policy + statement);
            """));

    [Fact]
    public Task NarrowSdkBuilderStatementsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var policy = new Policy("orders").WithStatements(
                new Statement(Statement.StatementEffect.Allow)
                    .WithActionIdentifiers(new ActionIdentifier("s3:GetObject"), new ActionIdentifier("s3:PutObject"))
                    .WithResources(new Resource("arn:aws:s3:::orders/*")),
                new Statement(Statement.StatementEffect.Deny).WithActionIdentifiers(new ActionIdentifier("*")).WithResources(new Resource("*")));
            Console.WriteLine(policy.ToJson());
            """));

    [Fact]
    public Task HalfTypedPoliciesDoNotThrow()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var a = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": ";
            var b = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": [\"s3:Get\", , ], \"Resource\": { ] } ";
            var c = "{ \"Statement\": \"Effect\" }]]}}";
            var d = "\"Effect\": \"Allow\" \\u00";
            Console.WriteLine(a + b + c + d);
            """));

    [Fact]
    public Task TestProjectsAreNotFlagged()
        => CSharpVerifier<AwsBestPractice.Analyzers.Rules.WildcardIamPolicy.WildcardIamPolicyAnalyzer, EmptyCodeFixProvider>.VerifyNothingInTestProjectAsync(InMethod("""
            var policy = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\" }] }";
            Console.WriteLine(policy);
            """));

    [Fact]
    public Task ProjectsWithoutTheAwsSdkAreNotAnalysed()
        => Verify.VerifyAnalyzerAsync("""
            public class Setup
            {
                public const string Policy = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\" }] }";
            }
            """, AwsSdk.None);

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task ARegularStringLiteralIsReportedOnTheActionMember()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var policy = "{ \"Version\": \"2012-10-17\", \"Statement\": [{ \"Effect\": \"Allow\", {|#0:\"Action\": \"*\"|}, \"Resource\": \"*\" }] }";
                await s3.PutBucketPolicyAsync(bucket, policy);
                """),
            Diagnostic(0, "Statement[0]", "every action ('*')"));

    [Fact]
    public Task AVerbatimStringWithAServiceWildcardIsReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                const string Policy = @"{
                    ""Statement"": [
                        { ""Sid"": ""ReadOrders"", ""Effect"": ""Allow"", ""Action"": ""dynamodb:GetItem"", ""Resource"": ""arn:aws:dynamodb:eu-west-1:111122223333:table/Orders"" },
                        { ""Sid"": ""Queues"", ""Effect"": ""Allow"", {|#0:""Action"": ""sqs:*""|}, ""Resource"": ""arn:aws:sqs:eu-west-1:111122223333:orders"" }
                    ]
                }";
                Console.WriteLine(Policy);
                """),
            Diagnostic(0, "'Queues'", "every sqs action ('sqs:*')"));

    [Fact]
    public Task ARawStringWithAWildcardInAListIsReportedOnTheItem()
        => Verify.VerifyAnalyzerAsync(
            InMethod(""""
                var policy = """
                    {
                      "Version": "2012-10-17",
                      "Statement": {
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", {|#0:"s3:*"|}],
                        "Resource": "arn:aws:s3:::orders/*"
                      }
                    }
                    """;
                await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy });
                """"),
            Diagnostic(0, "Statement[0]", "every s3 action ('s3:*')"));

    [Fact]
    public Task AWriteActionOnEveryResourceIsReportedOnTheResource()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var policy = $"{{ \"Statement\": [{{ \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::{bucket}/*\" }}, {{ \"Effect\": \"Allow\", \"Action\": [\"s3:ListBucket\", \"s3:DeleteObject\"], {|#0:\"Resource\": \"*\"|} }}] }}";
                await s3.PutBucketPolicyAsync(bucket, policy);
                """),
            Diagnostic(0, "Statement[1]", "'s3:DeleteObject' on every resource ('*')"));

    [Fact]
    public Task AConcatenatedPolicyIsReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var policy = "{ \"Statement\": [" + Statement + "] }";
                Console.WriteLine(policy);
                """,
                members: """
                private const string Statement = "{ \"Sid\": \"Admin\", \"Effect\": \"Allow\", " + "{|#0:\"Action\": \"*\"|}" + ", \"Resource\": \"*\" }";

                """),
            Diagnostic(0, "'Admin'", "every action ('*')"));

    [Fact]
    public Task AnAnonymousObjectSerialisedToJsonIsReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var policy = JsonSerializer.Serialize(new
                {
                    Version = "2012-10-17",
                    Statement = new[]
                    {
                        new { Effect = "Allow", Action = new[] { "s3:GetObject" }, Resource = new[] { "arn:aws:s3:::orders/*" } },
                        new { Effect = "Allow", Action = new[] { {|#0:"*"|} }, Resource = new[] { "*" } },
                    },
                });
                await s3.PutBucketPolicyAsync(bucket, policy);
                """),
            Diagnostic(0, "Statement[1]", "every action ('*')"));

    [Fact]
    public Task ADictionaryStatementIsReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var statement = new Dictionary<string, object>
                {
                    ["Sid"] = "Orders",
                    ["Effect"] = "Allow",
                    {|#0:["Action"] = "dynamodb:*"|},
                    ["Resource"] = "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders",
                };
                var legacy = new Dictionary<string, object> { { "Effect", "Allow" }, { "Action", "s3:PutObject" }, {|#1:{ "Resource", "*" }|} };
                Console.WriteLine(JsonSerializer.Serialize(new { Statement = new[] { statement, legacy } }));
                """),
            Diagnostic(0, "'Orders'", "every dynamodb action ('dynamodb:*')"),
            Diagnostic(1, "(no Sid)", "'s3:PutObject' on every resource ('*')"));

    [Fact]
    public Task TheSdkBuilderIsReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var policy = new Policy().WithStatements(
                    new Statement(Statement.StatementEffect.Allow)
                        .WithActionIdentifiers({|#0:new ActionIdentifier("*")|})
                        .WithResources(new Resource("*")));
                var statement = new Statement(Statement.StatementEffect.Allow) { Id = "Uploads" };
                statement.Actions.Add(new ActionIdentifier("s3:PutObject"));
                statement.Resources.Add({|#1:new Resource("*")|});
                policy.Statements.Add(statement);
                await s3.PutBucketPolicyAsync(bucket, policy.ToJson());
                """),
            Diagnostic(0, "(no Sid)", "every action ('*')"),
            Diagnostic(1, "'Uploads'", "'s3:PutObject' on every resource ('*')"));

    [Fact]
    public Task TheSdkBuilderIsReportedWithSdkV3()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var statement = new Statement(Statement.StatementEffect.Allow);
                statement.Id = "Admin";
                statement.Actions = new List<ActionIdentifier> { {|#0:new ActionIdentifier("s3:*")|} };
                statement.Resources.Add(new Resource("arn:aws:s3:::orders"));
                await s3.PutBucketPolicyAsync(bucket, new Policy { Statements = new List<Statement> { statement } }.ToJson());
                """),
            AwsSdk.V3,
            Diagnostic(0, "'Admin'", "every s3 action ('s3:*')"));

    [Fact]
    public Task KmsWildcardForARoleAndPoliciesInsideTemplatesAreReported()
        => Verify.VerifyAnalyzerAsync(
            InMethod(""""
                var template = """
                    {
                      "Resources": {
                        "OrdersRole": {
                          "Type": "AWS::IAM::Role",
                          "Properties": {
                            "Policies": [{ "PolicyName": "orders", "PolicyDocument": { "Statement": [{ "Effect": "Allow", {|#0:"Action": "iam:*"|}, "Resource": "*" }] } }]
                          }
                        }
                      }
                    }
                    """;
                var keyPolicy = "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Principal\": { \"AWS\": \"arn:aws:iam::111122223333:role/Orders\" }, {|#1:\"Action\": \"kms:*\"|}, \"Resource\": \"*\" }] }";
                Console.WriteLine(template + keyPolicy);
                """"),
            Diagnostic(0, "Statement[0]", "every iam action ('iam:*')"),
            Diagnostic(1, "Statement[0]", "every kms action ('kms:*')"));
}
