using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP002: a bucket setup that writes its bucket policy as a raw JSON string and a statement as an anonymous object, granting
/// <c>s3:*</c> (fires) or the object actions on the bucket's ARN (clean); both also carry a read-only statement on every resource
/// and a JSON message that is not a policy, which the rule reads and leaves alone.
/// </summary>
public sealed class WildcardIamPolicyScenario : IRuleScenario
{
    public string RuleId => "AWSBP002";

    /// <summary>The <c>s3:*</c> in the JSON policy and the <c>Action = "*"</c> of the serialised statement.</summary>
    public int DiagnosticsPerFile => 2;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var fires = variant == ScenarioVariant.Fires;
        var action = fires ? "\"s3:*\"" : "[\"s3:GetObject\", \"s3:PutObject\"]";
        var statementAction = fires ? "\"*\"" : "new[] { \"s3:GetObject\" }";
        var statementResource = fires ? "\"*\"" : $"\"arn:aws:s3:::{n.Bucket}/*\"";
        return CodeShapes.AwsFile(n, new[] { "System.Text.Json" }, $$$""""
            public sealed class {{{n.T}}}BucketSetup
            {
                private readonly IAmazonS3 _s3;

                public {{{n.T}}}BucketSetup(IAmazonS3 s3) => _s3 = s3;

                public Task ApplyAsync(string roleArn, CancellationToken cancellationToken)
                {
                    var policy = $$"""
                        {
                          "Version": "2012-10-17",
                          "Statement": [
                            { "Sid": "Uploader", "Effect": "Allow", "Principal": { "AWS": "{{roleArn}}" }, "Action": {{{action}}}, "Resource": "arn:aws:s3:::{{{n.Bucket}}}/*" },
                            { "Sid": "Inventory", "Effect": "Allow", "Principal": { "AWS": "{{roleArn}}" }, "Action": ["s3:ListBucket", "s3:GetBucketLocation"], "Resource": "*" }
                          ]
                        }
                        """;
                    return _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = "{{{n.Bucket}}}", Policy = policy }, cancellationToken);
                }

                public static string ExportStatement()
                    => JsonSerializer.Serialize(new { Effect = "Allow", Action = {{{statementAction}}}, Resource = {{{statementResource}}} });

                public static string AuditMessage(string user)
                    => $"{{\"Action\": \"PutBucketPolicy\", \"Resource\": \"{{{n.Bucket}}}\", \"User\": \"{user}\"}}";
            }
            """");
    }
}
