using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Rules.HardcodedCredentials;
using AwsBestPractice.Analyzers.Rules.HardcodedCredentials;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.HardcodedCredentials.HardcodedCredentialsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.HardcodedCredentials.HardcodedCredentialsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class HardcodedCredentialsTests
{
    // Made-up credentials (not valid anywhere). The test sources spell them out: the secret-hygiene gate collects them from
    // this file's raw string literals and checks that no diagnostic or fix title ever prints one in full.
    private const string KeyId = "AKIAZ5XKQ7MVRTL2WJ3N";
    private const string Secret = "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";
    private const string Token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo";
    private const string ExampleKeyId = "AKIAIOSFODNN7EXAMPLE";
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    // ---------------------------------------------------------------- not flagged (tricky negatives first)

    [Fact]
    public async Task LocalStackAndDynamoDbLocalClientsWithDummyKeysAreNotFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class LocalClients
            {
                public IAmazonS3 LocalStack() => new AmazonS3Client("test", "test", new AmazonS3Config { ServiceURL = "http://localhost:4566", ForcePathStyle = true });

                // The DynamoDB Local documentation's own placeholder credentials.
                public IAmazonDynamoDB DynamoLocal() => new AmazonDynamoDBClient("fakeMyKeyId", "fakeSecretAccessKey", new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });

                public AWSCredentials Dummies() => new BasicAWSCredentials("test", "test");
                public AWSCredentials Words() => new BasicAWSCredentials("dummy-access-key", "my-local-secret-key");
                public AWSCredentials Empty() => new BasicAWSCredentials("", "");
                public AWSCredentials Repeated() => new BasicAWSCredentials("xxxxxxxxxxxxxxxxxxxx", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
                public AWSCredentials WordsAndCounter() => new BasicAWSCredentials("LocalAccessKeyId1234", "MySecretKey1234567890");
                public AWSCredentials PlaceholderKeyShape() => new BasicAWSCredentials("AKIAXXXXXXXXXXXXXXXX", "<YOUR_SECRET_ACCESS_KEY>");
                public AWSCredentials Minio() => new BasicAWSCredentials("minioadmin", "minioadmin");
                public AWSCredentials Session() => new SessionAWSCredentials("test", "test", "test");
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task RealLookingKeysSentToALocalEndpointAreNotFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class LocalClients
            {
                public IAmazonDynamoDB InlineConfig()
                    => new AmazonDynamoDBClient("LKIAQAAAAAAAMVH6TUQG", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr", new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:8000" });

                public IAmazonS3 ConfigLocal()
                {
                    var config = new AmazonS3Config();
                    config.ServiceURL = "http://host.docker.internal:4566";
                    return new AmazonS3Client("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", config);
                }

                public IAmazonS3 CredentialsLocalGivenToALocalClient()
                {
                    var credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr");
                    var config = new AmazonS3Config { ServiceURL = "http://localstack:4566" };
                    return new AmazonS3Client(credentials, config);
                }

                public IAmazonS3 CredentialsPassedDirectly()
                    => new AmazonS3Client(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"), new AmazonS3Config { ServiceURL = "http://[::1]:9000" });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task KeysFromEnvironmentConfigurationOrParametersAreNotFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public interface ISettings
            {
                string this[string key] { get; }
                string GetValue(string key);
            }

            public class Clients
            {
                private readonly string _accessKey;
                private readonly string _secretKey = "placeholder-until-ctor";

                public Clients(string accessKey, string secretKey)
                {
                    _accessKey = accessKey;
                    _secretKey = secretKey;
                }

                public IAmazonS3 FromFields() => new AmazonS3Client(_accessKey, _secretKey, RegionEndpoint.EUWest1);

                public IAmazonS3 FromEnvironment()
                    => new AmazonS3Client(
                        Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"),
                        Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"),
                        RegionEndpoint.EUWest1);

                public AWSCredentials FromSettings(ISettings settings)
                    => new BasicAWSCredentials(settings["Aws:AccessKeyId"], settings.GetValue("Aws:SecretAccessKey"));

                public void ForwardToEnvironment(ISettings settings)
                    => Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", settings["Aws:SecretAccessKey"]);

                public void OtherVariable() => Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task ALocalAssignedTwiceWithDifferentValuesIsNotAConstant()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public AWSCredentials Pick(bool production)
                {
                    var secret = "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr";
                    if (!production)
                    {
                        secret = "aB3dE5gH7jK9mN1pQ3sT5vX7zB9dF1hJ3lN5pR7t";
                    }

                    return new BasicAWSCredentials("test", secret);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task TestFakeAndExampleKeysInDocumentationAreNotFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            /// <summary>Configure keys like <c>AKIAIOSFODNN7EXAMPLE</c> / <c>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</c> in your profile.</summary>
            public sealed class FakeCredentials : AWSCredentials
            {
                public override ImmutableCredentials GetCredentials() => new ImmutableCredentials("fake-key", "fake-secret", null);
            }

            public static class Help
            {
                public const string Usage = "Set AWS_ACCESS_KEY_ID, e.g. AKIAIOSFODNN7EXAMPLE, and AWS_SECRET_ACCESS_KEY, e.g. wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.";

                // Start with AKIA but are not a whole 20-character token.
                public const string TooLong = "AKIAZ5XKQ7MVRTL2WJ3NX";
                public const string TooShort = "AKIAZ5XKQ7MVRTL2WJ3";
                public const string Glued = "IDAKIAZ5XKQ7MVRTL2WJ3N";
                public const string Lowercase = "akiaz5xkq7mvrtl2wj3n";
                public const string Alphabet = "AKIAABCDEFGHIJKLMNOP";

                // Upper-case words that happen to have the shape (no digit, word-like vowels).
                public const string GeoRegion = "ASIAPACIFICSOUTHEAST";
                public const string EventName = "ACCAUNTSTATUSCHANGED";
            }
            """;
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task RemoteUnknownOrLookalikeServiceUrlDoesNotExemptRealKeys()
    {
        // An S3-compatible service (Wasabi, R2, MinIO in production) takes real credentials too.
        var source = """
            using Amazon.Runtime;
            using Amazon.S3;

            public class Clients
            {
                public IAmazonS3 Remote() => new AmazonS3Client({|#0:"LKIAQ7MVRTL2WJ3NZ5XK"|}, {|#1:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, new AmazonS3Config { ServiceURL = "https://s3.eu-central-1.wasabisys.com" });

                public IAmazonS3 Unknown(string url) => new AmazonS3Client("test", {|#2:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, new AmazonS3Config { ServiceURL = url });

                public IAmazonS3 Lookalike() => new AmazonS3Client("test", {|#3:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, new AmazonS3Config { ServiceURL = "https://localhost.attacker.example" });
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Cred(0, "access key ID", "LKIAQ7MVRTL2WJ3NZ5XK", "AmazonS3Client"),
            Cred(1, "secret access key", Secret, "AmazonS3Client"),
            Cred(2, "secret access key", Secret, "AmazonS3Client"),
            Cred(3, "secret access key", Secret, "AmazonS3Client"));
    }

    [Fact]
    public async Task NoSdkNoDiagnostics()
    {
        var source = """
            public class C
            {
                public string Key = "AKIAZ5XKQ7MVRTL2WJ3N";
            }
            """;
        var test = Verify.CreateTest(AwsSdk.None);
        test.TestCode = source;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BrokenCodeDoesNotCrash()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Broken
            {
                public object A() => new BasicAWSCredentials("AKIAZ5XKQ7MVRTL2WJ3N");
                public object B() => new AmazonS3Client("AKIAZ5XKQ7MVRTL2WJ3N", k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr);
                public object C() => new BasicAWSCredentials(undefinedKey, "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr");
                public object D() => new UnknownClient("AKIAIOSFODNN7EXAMPLE", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr");
                public void E() => Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID");
                public object F() => new AmazonS3Client(awsAccessKeyId: "AKIAZ5XKQ7MVRTL2WJ3N", awsSecretAccessKey: );
            }
            """;
        // Whatever is reported, nothing may throw: an analyzer exception surfaces as AD0001.
        var result = await RunAnalyzerAsync(source, AwsSdk.V4, allowErrors: true);
        Assert.DoesNotContain(result, d => d.Id == "AD0001");
        Assert.Contains(result, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task LocalsAssignedFromEachOtherOrThemselvesDoNotOverflowTheStack()
    {
        // Tracing a local to its constant value followed a = b; b = a; (valid code) and key = key + "…" forever: a stack overflow
        // kills the compiler, not just the analyzer. Chains that reuse a local many times are cut off by a step budget.
        var chain = string.Join("\n        ", System.Linq.Enumerable.Range(1, 40).Select(i => $"var c{i} = c{i - 1} + c{i - 1};"));
        var source = $$"""
            using Amazon.Runtime;

            public class Cycles
            {
                public AWSCredentials Swap(bool flip)
                {
                    string a = "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr", b = "AKIAZ5XKQ7MVRTL2WJ3N";
                    if (flip) { a = b; b = a; }
                    return new BasicAWSCredentials(b, a);
                }

                public AWSCredentials Self()
                {
                    string key = key + "AKIAZ5XKQ7MVRTL2WJ3N";
                    return new BasicAWSCredentials(key, key);
                }

                public AWSCredentials Doubling()
                {
                    var c0 = "x";
                    {{chain}}
                    return new BasicAWSCredentials(c40, c40);
                }
            }
            """;
        var result = await RunAnalyzerAsync(source, AwsSdk.V4, allowErrors: true);
        Assert.DoesNotContain(result, d => d.Id == "AD0001");
        Assert.Contains(result, d => d.Id == "CS0165"); // key used before it is assigned
    }

    // ---------------------------------------------------------------- flagged

    [Fact]
    public async Task BasicCredentialsWithLiteralsAreFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public AWSCredentials Create() => new BasicAWSCredentials({|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#1:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Cred(0, "access key ID", KeyId, "BasicAWSCredentials"),
            Cred(1, "secret access key", Secret, "BasicAWSCredentials"));
    }

    [Fact]
    public async Task ClientConstructorsAreMatchedByParameterName()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public IAmazonS3 Positional() => new AmazonS3Client({|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#1:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);

                public IAmazonS3 Named()
                    => new AmazonS3Client(region: RegionEndpoint.USEast1, awsSecretAccessKey: {|#2:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, awsAccessKeyId: {|#3:"AKIAZ5XKQ7MVRTL2WJ3N"|});

                public IAmazonS3 WithToken() => new AmazonS3Client({|#4:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#5:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, {|#6:"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo"|});

                public ITransferUtility Transfer() => new TransferUtility({|#7:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#8:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Cred(0, "access key ID", KeyId, "AmazonS3Client"),
            Cred(1, "secret access key", Secret, "AmazonS3Client"),
            Cred(2, "secret access key", Secret, "AmazonS3Client"),
            Cred(3, "access key ID", KeyId, "AmazonS3Client"),
            Cred(4, "access key ID", KeyId, "AmazonS3Client"),
            Cred(5, "secret access key", Secret, "AmazonS3Client"),
            Cred(6, "session token", Token, "AmazonS3Client"),
            Cred(7, "access key ID", KeyId, "TransferUtility"),
            Cred(8, "secret access key", Secret, "TransferUtility"));
    }

    [Fact]
    public async Task ConstantsFieldsAndLocalsAreFlaggedAtTheArgument()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                private const string AccessKey = {|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                private static readonly string SecretKey = "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";

                public IAmazonS3 FromConstants() => new AmazonS3Client({|#1:AccessKey|}, {|#2:SecretKey|});

                public AWSCredentials FromLocals()
                {
                    var token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo";
                    const string prefix = "k9Vx2Lq7RmT4pW8zYb3N";
                    return new SessionAWSCredentials({|#3:AccessKey|}, {|#4:prefix + "cF6hJd1GsA5eUo0iQwEr"|}, {|#5:token|});
                }

                public object Immutable() => new ImmutableCredentials({|#6:$"{AccessKey}"|}, {|#7:SecretKey|}, null);
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Shape(0, KeyId),
            Cred(1, "access key ID", KeyId, "AmazonS3Client"),
            Cred(2, "secret access key", Secret, "AmazonS3Client"),
            Cred(3, "access key ID", KeyId, "SessionAWSCredentials"),
            Cred(4, "secret access key", Secret, "SessionAWSCredentials"),
            Cred(5, "session token", Token, "SessionAWSCredentials"),
            Cred(6, "access key ID", KeyId, "ImmutableCredentials"),
            Cred(7, "secret access key", Secret, "ImmutableCredentials"));
    }

    [Fact]
    public async Task BaseConstructorCallsAreFlaggedButNotFixed()
    {
        var source = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public sealed class LocalStackS3 : AmazonS3Client
            {
                public LocalStackS3() : base("test", "test", new AmazonS3Config { ServiceURL = "http://localhost:4566", ForcePathStyle = true }) { }
            }

            public sealed class ProductionS3 : AmazonS3Client
            {
                public ProductionS3() : base({|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#1:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1) { }
            }

            public sealed class DeploymentCredentials : BasicAWSCredentials
            {
                public DeploymentCredentials() : base({|#2:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#3:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}) { }
            }
            """;
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.FixedCode = source;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Cred(0, "access key ID", KeyId, "AmazonS3Client"),
            Cred(1, "secret access key", Secret, "AmazonS3Client"),
            Cred(2, "access key ID", KeyId, "BasicAWSCredentials"),
            Cred(3, "secret access key", Secret, "BasicAWSCredentials"),
        });
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExampleKeysArePassedAsCredentialsAreFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public AWSCredentials Create() => new BasicAWSCredentials({|#0:"AKIAIOSFODNN7EXAMPLE"|}, {|#1:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"|});
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic(HardcodedCredentialsAnalyzer.Rule).WithLocation(0).WithMessage("AWS access key ID 'AKIA\u2026MPLE' is hardcoded in the call to 'BasicAWSCredentials'; use the default credential chain (environment, profile, IAM role) instead"),
            Verify.Diagnostic(HardcodedCredentialsAnalyzer.Rule).WithLocation(1).WithMessage("AWS secret access key 'wJal\u2026EKEY' is hardcoded in the call to 'BasicAWSCredentials'; use the default credential chain (environment, profile, IAM role) instead"));
    }

    [Fact]
    public async Task SetEnvironmentVariableWithAConstantIsFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public static class Bootstrap
            {
                public static void Configure()
                {
                    Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", {|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|});
                    Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", {|#1:"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"|}, EnvironmentVariableTarget.Process);
                    Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", {|#2:"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo"|});
                    Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "test");
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Cred(0, "access key ID", KeyId, "Environment.SetEnvironmentVariable"),
            Cred(1, "secret access key", Secret, "Environment.SetEnvironmentVariable"),
            Cred(2, "session token", Token, "Environment.SetEnvironmentVariable"));
    }

    [Fact]
    public async Task KeyShapedStringsAnywhereAreFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            using System.Collections.Generic;

            public static class Settings
            {
                public static readonly Dictionary<string, string> Values = new()
                {
                    ["aws_access_key_id"] = {|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|},
                    ["profile"] = "[default]\naws_access_key_id = {|#1:ASIAQ2MZ7T4KXW5PLRVN|}\n",
                };

                public static string Url(string bucket) => $"https://{bucket}.s3.amazonaws.com/?X-Amz-Credential={|#2:ABIA7XQ2MZ4KTW5PLRVN|}/20240101";
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Shape(0, KeyId),
            Shape(1, "ASIAQ2MZ7T4KXW5PLRVN"),
            Shape(2, "ABIA7XQ2MZ4KTW5PLRVN"));
    }

    [Fact]
    public async Task KeyShapedTextIsFlaggedOnlyInsideStringLiterals()
    {
        // The rule finds candidates by searching the file's text: the same characters in a comment, an XML doc, an identifier or a
        // character-by-character UTF-8 literal are not string literals; every kind of string literal is, and a literal holding two keys is
        // reported once.
        var source = """"
            using System;
            using Amazon.Runtime;

            /// <summary>Rotated key AKIAZ5XKQ7MVRTL2WJ3N is gone.</summary>
            [Obsolete("do not use {|#0:AKIAQ2MZ7T4KXW5PLRVN|}")]
            public static class Keys
            {
                // AKIAZ5XKQ7MVRTL2WJ3N (old key, removed)
                public const int AKIAZ5XKQ7MVRTL2WJ3X = 1;
                public const string Verbatim = {|#1:@"AKIAZ5XKQ7MVRTL2WJ3N"|};
                public const string Raw = {|#2:"""AKIA7XQ2MZ4KTW5PLRVN"""|};
                public static string Interpolated(int n) => $"{n}:{|#3:ASIAQ2MZ7T4KXW5PLRVN|}";
                public const string Two = "{|#4:AKIAZ5XKQ7MVRTL2WJ3N|} ASIAQ2MZ7T4KXW5PLRVN";
                public static ReadOnlySpan<byte> Utf8 => "AKIAZ5XKQ7MVRTL2WJ3N"u8;
            }
            """";
        await Verify.VerifyAnalyzerAsync(
            source,
            Shape(0, "AKIAQ2MZ7T4KXW5PLRVN"),
            Shape(1, KeyId),
            Shape(2, "AKIA7XQ2MZ4KTW5PLRVN"),
            Shape(3, "ASIAQ2MZ7T4KXW5PLRVN"),
            Shape(4, KeyId));
    }

    [Fact]
    public async Task RealLookingKeyIdIsFlaggedEvenForALocalEndpoint()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public IAmazonS3 Local() => new AmazonS3Client({|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|}, "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr", new AmazonS3Config { ServiceURL = "http://localhost:4566" });
            }
            """;
        await Verify.VerifyAnalyzerAsync(source, Shape(0, KeyId));
    }

    [Fact]
    public async Task CredentialsLocalUsedByARemoteClientIsFlagged()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            public class Clients
            {
                public (IAmazonS3, IAmazonS3) Create()
                {
                    var credentials = new BasicAWSCredentials({|#0:"AKIAIOSFODNN7EXAMPLE"|}, {|#1:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"|});
                    var local = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = "http://localhost:4566" });
                    var remote = new AmazonS3Client(credentials, RegionEndpoint.USEast1);
                    return (local, remote);
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            Cred(0, "access key ID", ExampleKeyId, "BasicAWSCredentials"),
            Cred(1, "secret access key", ExampleSecret, "BasicAWSCredentials"));
    }

    [Fact]
    public async Task MessagesNeverContainTheFullSecret()
    {
        var source = """
            using System;
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;
            using Amazon.DynamoDBv2;

            using System.Collections.Generic;

            public class Clients
            {
                private const string AccessKey = "AKIAZ5XKQ7MVRTL2WJ3N";
                public AWSCredentials A() => new BasicAWSCredentials(AccessKey, "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr");
                public AWSCredentials B() => new SessionAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo");
                public IAmazonS3 C() => new AmazonS3Client("AKIAZ5XKQ7MVRTL2WJ3N", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo", RegionEndpoint.USEast1);
                public void D() => Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr");
                public string E() => "key=AKIAZ5XKQ7MVRTL2WJ3N;";
            }
            """;
        var diagnostics = await RunAnalyzerAsync(source, AwsSdk.V4);
        Assert.Equal(11, diagnostics.Count(d => d.Id == RuleIdentifiers.HardcodedCredentials));
        foreach (var diagnostic in diagnostics)
        {
            var message = diagnostic.GetMessage();
            foreach (var secret in new[] { KeyId, Secret, Token, ExampleKeyId, ExampleSecret })
            {
                Assert.DoesNotContain(secret, message);
                Assert.DoesNotContain(secret.Substring(0, 10), message);
            }
        }
    }

    // ---------------------------------------------------------------- code fix

    [Fact]
    public async Task FixDropsTheKeysFromAClientConstructorAndKeepsTheRegion()
    {
        var source = """
            using Amazon;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Create() => new AmazonS3Client({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);

                public IAmazonS3 Named() => new AmazonS3Client(region: RegionEndpoint.EUWest1, awsSecretAccessKey: {|AWSBP001:"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"|}, awsAccessKeyId: {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|});

                public IAmazonS3 NoRegion() => new AmazonS3Client({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});

                public IAmazonS3 WithToken(AmazonS3Config config)
                    => new AmazonS3Client({|AWSBP001:"ASIAQ2MZ7T4KXW5PLRVN"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, {|AWSBP001:"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo"|}, config);

                public AmazonS3Client TargetTyped()
                {
                    AmazonS3Client client = new({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USWest2);
                    return client;
                }
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Create() => new AmazonS3Client(RegionEndpoint.USEast1);

                public IAmazonS3 Named() => new AmazonS3Client(region: RegionEndpoint.EUWest1);

                public IAmazonS3 NoRegion() => new AmazonS3Client();

                public IAmazonS3 WithToken(AmazonS3Config config)
                    => new AmazonS3Client(config);

                public AmazonS3Client TargetTyped()
                {
                    AmazonS3Client client = new(RegionEndpoint.USWest2);
                    return client;
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task FixKeepsTheCommentsOfRemovedArguments()
    {
        var source = """
            using Amazon;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Create()
                {
                    return new AmazonS3Client(
                        {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, // staging user
                        {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, /* rotated in May */
                        RegionEndpoint.EUWest1);
                }
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Create()
                {
                    return new AmazonS3Client(
                        // staging user
                        /* rotated in May */
                        RegionEndpoint.EUWest1);
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task FixDropsACredentialsObjectPassedToAClient()
    {
        var source = """
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;

            public class Storage
            {
                public IAmazonS3 Create(AmazonS3Config config)
                    => new AmazonS3Client(new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}), config);

                public ITransferUtility Transfer()
                    => new TransferUtility({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, Amazon.RegionEndpoint.USEast1);
            }
            """;
        var fixedSource = """
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Transfer;

            public class Storage
            {
                public IAmazonS3 Create(AmazonS3Config config)
                    => new AmazonS3Client(config);

                public ITransferUtility Transfer()
                    => new TransferUtility(Amazon.RegionEndpoint.USEast1);
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task FixRemovesACredentialsLocalAndThePrivateKeyConstants()
    {
        var source = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                // Keys of the deployment user.
                private const string AccessKey = {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                private static readonly string SecretKey = "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";

                public IAmazonS3 Create()
                {
                    // Sandbox account.
                    var credentials = new BasicAWSCredentials({|AWSBP001:AccessKey|}, {|AWSBP001:SecretKey|});
                    return new AmazonS3Client(credentials, RegionEndpoint.USEast1);
                }

                public IAmazonS3 FromLocals()
                {
                    var accessKey = {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                    const string secretKey = "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";
                    var region = RegionEndpoint.USEast1;
                    return new AmazonS3Client({|AWSBP001:accessKey|}, {|AWSBP001:secretKey|}, region);
                }
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                // Keys of the deployment user.
                public IAmazonS3 Create()
                {
                    // Sandbox account.
                    return new AmazonS3Client(RegionEndpoint.USEast1);
                }

                public IAmazonS3 FromLocals()
                {
                    var region = RegionEndpoint.USEast1;
                    return new AmazonS3Client(region);
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task FixKeepsPublicConstantsAndConstantsStillInUse()
    {
        var source = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                public const string AccessKey = {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                private const string SecretKey = "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";

                public IAmazonS3 Create() => new AmazonS3Client({|AWSBP001:AccessKey|}, {|AWSBP001:SecretKey|}, RegionEndpoint.USEast1);

                public string Describe() => "Secret length: " + SecretKey.Length;
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                public const string AccessKey = {|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                private const string SecretKey = "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";

                public IAmazonS3 Create() => new AmazonS3Client(RegionEndpoint.USEast1);

                public string Describe() => "Secret length: " + SecretKey.Length;
            }
            """;
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.FixedCode = fixedSource;
        test.FixedState.ExpectedDiagnostics.Add(Shape(0, KeyId)); // the public constant stays, and so does its report
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FixReplacesACredentialsObjectThatIsStillNeededWithTheDefaultResolver()
    {
        var source = """
            using Amazon.Runtime;

            public class Jobs
            {
                private static readonly AWSCredentials Shared = new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});

                public void Run() => Submit(new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}));

                public ImmutableCredentials Typed()
                {
                    BasicAWSCredentials credentials = new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
                    Submit(credentials);
                    return credentials.GetCredentials();
                }

                public ImmutableCredentials Session()
                {
                    var credentials = new SessionAWSCredentials({|AWSBP001:"ASIAQ2MZ7T4KXW5PLRVN"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, {|AWSBP001:"IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo"|});
                    return credentials.GetCredentials();
                }

                private static void Submit(AWSCredentials credentials) => _ = credentials;
            }
            """;
        var fixedSource = """
            using Amazon.Runtime;
            using Amazon.Runtime.Credentials;

            public class Jobs
            {
                private static readonly AWSCredentials Shared = DefaultAWSCredentialsIdentityResolver.GetCredentials();

                public void Run() => Submit(DefaultAWSCredentialsIdentityResolver.GetCredentials());

                public ImmutableCredentials Typed()
                {
                    AWSCredentials credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
                    Submit(credentials);
                    return credentials.GetCredentials();
                }

                public ImmutableCredentials Session()
                {
                    var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
                    return credentials.GetCredentials();
                }

                private static void Submit(AWSCredentials credentials) => _ = credentials;
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    [Fact]
    public async Task NoFixWhereTheResultWouldBeWrong()
    {
        // A token from a parameter (the fix would drop it), ImmutableCredentials, the environment, a key-shaped string and a
        // credentials type the default resolver cannot replace: reported, not fixed.
        var source = """
            using System;
            using Amazon.Runtime;

            public class Jobs
            {
                public AWSCredentials Session(string token) => new SessionAWSCredentials({|AWSBP001:"ASIAQ2MZ7T4KXW5PLRVN"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, token);

                public ImmutableCredentials Immutable() => new ImmutableCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, null);

                public void Environment() => System.Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|});

                public string Documented() => "Use the key {|AWSBP001:AKIAZ5XKQ7MVRTL2WJ3N|} for the demo";

                public BasicAWSCredentials Exact() => new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task FixAllRewritesEachCallOnce()
    {
        var first = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class First
            {
                public IAmazonS3 A() => new AmazonS3Client({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);

                public IAmazonS3 B()
                {
                    var credentials = new BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
                    return new AmazonS3Client(credentials);
                }
            }
            """;
        var second = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Second
            {
                private const string Key = {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|};
                private const string Secret = "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";

                public IAmazonS3 A() => new AmazonS3Client({|AWSBP001:Key|}, {|AWSBP001:Secret|}, RegionEndpoint.USEast1);
                public IAmazonS3 B() => new AmazonS3Client({|AWSBP001:Key|}, {|AWSBP001:Secret|}, RegionEndpoint.EUWest1);
                public AWSCredentials C() => new BasicAWSCredentials({|AWSBP001:Key|}, {|AWSBP001:Secret|});
            }
            """;
        var firstFixed = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class First
            {
                public IAmazonS3 A() => new AmazonS3Client(RegionEndpoint.USEast1);

                public IAmazonS3 B()
                {
                    return new AmazonS3Client();
                }
            }
            """;
        var secondFixed = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.Runtime.Credentials;
            using Amazon.S3;

            public class Second
            {
                public IAmazonS3 A() => new AmazonS3Client(RegionEndpoint.USEast1);
                public IAmazonS3 B() => new AmazonS3Client(RegionEndpoint.EUWest1);
                public AWSCredentials C() => DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            """;
        await Verify.VerifyFixAllAsync(new[] { first, second }, new[] { firstFixed, secondFixed });
    }

    [Fact]
    public async Task FixWorksInTopLevelStatements()
    {
        var source = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            var accessKey = {|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|};
            var credentials = new BasicAWSCredentials({|AWSBP001:accessKey|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
            using var s3 = new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
            System.Console.WriteLine(s3.Config.RegionEndpoint);
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            using var s3 = new AmazonS3Client(RegionEndpoint.EUWest1);
            System.Console.WriteLine(s3.Config.RegionEndpoint);
            """;
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = source;
        test.FixedCode = fixedSource;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task FixInAFieldInitializerAndAConstructor()
    {
        var source = """
            using Amazon;
            using Amazon.DynamoDBv2;
            using Amazon.S3;

            public class Repository
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);
                private readonly IAmazonDynamoDB _dynamo;

                public Repository()
                {
                    _dynamo = new AmazonDynamoDBClient({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.USEast1 });
                }
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.DynamoDBv2;
            using Amazon.S3;

            public class Repository
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client(RegionEndpoint.USEast1);
                private readonly IAmazonDynamoDB _dynamo;

                public Repository()
                {
                    _dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.USEast1 });
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource);
    }

    // ---------------------------------------------------------------- AWS SDK v3

    [Fact]
    public async Task V3CredentialsAreFlagged()
    {
        var source = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Keys() => new AmazonS3Client({|#0:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|#1:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);
                public AWSCredentials Basic() => new BasicAWSCredentials({|#2:"AKIAIOSFODNN7EXAMPLE"|}, {|#3:"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"|});
                public IAmazonS3 Local() => new AmazonS3Client("test", "test", new AmazonS3Config { ServiceURL = "http://localhost:4566", ForcePathStyle = true });
                public const string Doc = "Example: AKIAIOSFODNN7EXAMPLE";
            }
            """;
        await Verify.VerifyAnalyzerAsync(
            source,
            AwsSdk.V3,
            Cred(0, "access key ID", KeyId, "AmazonS3Client"),
            Cred(1, "secret access key", Secret, "AmazonS3Client"),
            Cred(2, "access key ID", ExampleKeyId, "BasicAWSCredentials"),
            Cred(3, "secret access key", ExampleSecret, "BasicAWSCredentials"));
    }

    [Fact]
    public async Task V3FixUsesFallbackCredentialsFactory()
    {
        var source = """
            using Amazon;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Keys() => new AmazonS3Client({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|}, RegionEndpoint.USEast1);

                public Amazon.Runtime.AWSCredentials Credentials() => new Amazon.Runtime.BasicAWSCredentials({|AWSBP001:"AKIAZ5XKQ7MVRTL2WJ3N"|}, {|AWSBP001:"k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr"|});
            }
            """;
        var fixedSource = """
            using Amazon;
            using Amazon.Runtime;
            using Amazon.S3;

            public class Storage
            {
                public IAmazonS3 Keys() => new AmazonS3Client(RegionEndpoint.USEast1);

                public Amazon.Runtime.AWSCredentials Credentials() => FallbackCredentialsFactory.GetCredentials();
            }
            """;
        await Verify.VerifyCodeFixAsync(source, fixedSource, AwsSdk.V3);
    }

    // ---------------------------------------------------------------- the heuristics, value by value

    [Theory]
    [InlineData("")]
    [InlineData("test")]
    [InlineData("fake")]
    [InlineData("dummy")]
    [InlineData("local")]
    [InlineData("key")]
    [InlineData("secret")]
    [InlineData("accessKey")]
    [InlineData("secretKey")]
    [InlineData("xxx")]
    [InlineData("foo")]
    [InlineData("placeholder")]
    [InlineData("minioadmin")]
    [InlineData("fakeMyKeyId")]
    [InlineData("fakeSecretAccessKey")]
    [InlineData("TestSecretAccessKeyForUnitTests")]
    [InlineData("LocalAccessKeyId1234")]
    [InlineData("MySecretKey1234567890")]
    [InlineData("Password123Password123")]
    [InlineData("minioadmin123456")]
    [InlineData("xxxxxxxxxxxxxxxxxxxx")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("my-secret-access-key")]
    [InlineData("dummy_access_key_for_tests")]
    [InlineData("<YOUR_SECRET_ACCESS_KEY>")]
    [InlineData("${AWS_SECRET_ACCESS_KEY}")]
    [InlineData("AKIAXXXXXXXXXXXXXXXX")]
    [InlineData("AKIAABCDEFGHIJKLMNOP")]
    public void PlaceholdersAreNotCredentials(string value)
        => Assert.False(CredentialValues.LooksLikeRealCredential(value), value);

    [Theory]
    [InlineData("AKIAZ5XKQ7MVRTL2WJ3N")]
    [InlineData("ASIAQ2MZ7T4KXW5PLRVN")]
    [InlineData("AKIAIOSFODNN7EXAMPLE")]
    [InlineData("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")]
    [InlineData("k9Vx2Lq7RmT4pW8zYb3NcF6hJd1GsA5eUo0iQwEr")]
    [InlineData("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6Nn3Jq8Tz0aFf7hXwW2mLr5YpK9sVc1bUe4dGo")]
    [InlineData("3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a")]
    public void KeysWithEntropyAreCredentials(string value)
        => Assert.True(CredentialValues.LooksLikeRealCredential(value), value);

    [Theory]
    [InlineData("AKIAZ5XKQ7MVRTL2WJ3N", true)]
    [InlineData("id=AKIAZ5XKQ7MVRTL2WJ3N;", true)]
    [InlineData("ACCAZ5XKQ7MVRTL2WJ3N/extra", true)]
    [InlineData("AKIAZ5XKQ7MVRTL2WJ3NX", false)]
    [InlineData("XAKIAZ5XKQ7MVRTL2WJ3N", false)]
    [InlineData("AKIAZ5XKQ7MVRTL2WJ3", false)]
    [InlineData("AKIAZ5XKQ7MVRTL2WJ31", false)]
    [InlineData("AKIAIOSFODNN7EXAMPLE", false)]
    [InlineData("AIDAZ5XKQ7MVRTL2WJ3N", false)]
    [InlineData("ASIAPACIFICSOUTHEAST", false)]
    [InlineData("ACCAUNTSTATUSCHANGED", false)]
    [InlineData("AKIAQWXZRTMVKLPNBGHD", true)]
    public void AccessKeyIdShapeIsAWholeToken(string text, bool expected)
        => Assert.Equal(expected, CredentialValues.TryFindAccessKeyId(text, includeExamples: false, out _));

    [Theory]
    [InlineData("http://localhost:4566", true)]
    [InlineData("localhost:8000", true)]
    [InlineData("http://127.0.0.1:8000", true)]
    [InlineData("http://127.1.2.3", true)]
    [InlineData("http://[::1]:9000", true)]
    [InlineData("http://host.docker.internal:4566", true)]
    [InlineData("http://localstack:4566", true)]
    [InlineData("http://localstack-main:4566", true)]
    [InlineData("http://dynamodb-local:8000", true)]
    [InlineData("https://s3.localhost.localstack.cloud:4566", true)]
    [InlineData("http://minio.localhost:9000", true)]
    [InlineData("http://0.0.0.0:8000", true)]
    [InlineData("https://s3.amazonaws.com", false)]
    [InlineData("https://localhost.attacker.example", false)]
    [InlineData("http://my-localstack:4566", true)]
    [InlineData("http://localstack.dev.example.com:4566", true)]
    [InlineData("http://dynamodb_local:8000", true)]
    [InlineData("http://example.com/localstack", false)]
    [InlineData("http://dev.localstack-example.com", false)]
    [InlineData("http://10.0.0.5:9000", false)]
    [InlineData("http://128.0.0.1:9000", false)]
    [InlineData("", false)]
    [InlineData("not a url", false)]
    public void LocalEndpoints(string url, bool expected)
        => Assert.Equal(expected, AwsBestPractice.Analyzers.Infrastructure.LocalEndpoint.IsLocalUrl(url));

    [Theory]
    [InlineData("http://localhost:", true)]
    [InlineData("://dynamodb-local:8000", true)]
    [InlineData("http://user:pass@127.0.0.1:8000/path", true)]
    [InlineData("http://[::1]:8000", true)]
    [InlineData("localhost:8000", true)]
    [InlineData("https://dynamodb.eu-west-1.amazonaws.com ?? http://localhost:8000", true)]
    [InlineData("http://", false)]
    [InlineData(":8000/localhost", false)]
    [InlineData("http://127.0.0.1.example.com", false)]
    [InlineData("DYNAMODB_URL", false)]
    public void LocalEndpointInAPieceOfAUrl(string text, bool expected)
        => Assert.Equal(expected, AwsBestPractice.Analyzers.Infrastructure.LocalEndpoint.MentionsLocalHost(text));

    [Fact]
    public void MaskShowsAtMostFourCharactersAtEachEnd()
    {
        Assert.Equal("wJal\u2026EKEY", CredentialValues.Mask("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        Assert.Null(CredentialValues.Mask("short-secret"));
    }

    // ---------------------------------------------------------------- helpers

    private static DiagnosticResult Cred(int location, string kind, string value, string call)
        => Verify.Diagnostic(HardcodedCredentialsAnalyzer.Rule)
            .WithLocation(location)
            .WithArguments(kind, " '" + value.Substring(0, 4) + "\u2026" + value.Substring(value.Length - 4) + "'", "the call to '" + call + "'");

    private static DiagnosticResult Shape(int location, string keyId)
        => Verify.Diagnostic(HardcodedCredentialsAnalyzer.Rule)
            .WithLocation(location)
            .WithArguments("access key ID", " '" + keyId.Substring(0, 4) + "\u2026" + keyId.Substring(keyId.Length - 4) + "'", "a string literal");

    private static async Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> RunAnalyzerAsync(string source, AwsSdk sdk, bool allowErrors = false)
    {
        var compilation = CSharpCompilation.Create(
            "Probe",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            ReferenceSets.For(sdk),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(default), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(new HardcodedCredentialsAnalyzer()), options);
        return await withAnalyzers.GetAllDiagnosticsAsync(CancellationToken.None);
    }
}
