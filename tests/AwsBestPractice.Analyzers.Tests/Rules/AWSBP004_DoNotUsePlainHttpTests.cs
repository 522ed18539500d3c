using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.DoNotUsePlainHttp.DoNotUsePlainHttpAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotUsePlainHttp.DoNotUsePlainHttpFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class DoNotUsePlainHttpTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon;
        using Amazon.DynamoDBv2;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private const string Parameters = "IAmazonS3 s3, string bucket, string key";

    private static DiagnosticResult D(int location, params object[] arguments)
        => Verify.Diagnostic("AWSBP004").WithLocation(location).WithArguments(arguments);

    private static string InMethod(string body, string members = "", string parameters = Parameters)
        => Code.InMethod(body, parameters, Usings, members);

    private const string UseHttp = "the client's requests";
    private const string Presigned = "the presigned URL (and whatever it uploads or downloads)";

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("http://localhost:4566")]
    [InlineData("http://127.0.0.1:8000")]
    [InlineData("http://localstack:4566")]
    [InlineData("http://dynamodb-local:8000")]
    [InlineData("http://minio:9000")]
    [InlineData("http://host.docker.internal:9000")]
    [InlineData("https://s3.eu-west-1.amazonaws.com")]
    public Task LocalEndpointsAndHttpsAreNotFlagged(string url)
        => Verify.VerifyAnalyzerAsync(InMethod($$"""
            var client = new AmazonS3Client(new AmazonS3Config { ServiceURL = "{{url}}", UseHttp = true, ForcePathStyle = true });
            """));

    [Fact]
    public Task UseHttpWithALocalServiceUrlSetLaterIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var config = new AmazonDynamoDBConfig { UseHttp = true };
            config.ServiceURL = LocalUrl;
            var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), config);
            """, members: "private const string LocalUrl = \"http://localhost:8000\";\n"));

    [Fact]
    public Task EndpointsFromConfigurationAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var config = new AmazonS3Config { ServiceURL = settings["S3:Endpoint"], UseHttp = true };
            var other = new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? "https://s3.amazonaws.com" };
            var fromFlag = new AmazonS3Config { UseHttp = useHttp };
            """, parameters: "IReadOnlyDictionary<string, string> settings, bool useHttp"));

    [Fact]
    public Task UseHttpFalseAndOtherTypesAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var config = new AmazonS3Config { UseHttp = false, RegionEndpoint = RegionEndpoint.EUWest1 };
            var mine = new Settings { UseHttp = true, ServiceURL = "http://example.com", Protocol = "HTTP" };
            """, members: """
            public sealed class Settings
            {
                public bool UseHttp { get; set; }
                public string ServiceURL { get; set; } = "";
                public string Protocol { get; set; } = "";
            }

            """));

    [Fact]
    public Task PresignedUrlsOfALocalClientOrAFakeAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var local = new AmazonS3Client(new AmazonS3Config { ServiceURL = "http://localhost:9000", ForcePathStyle = true });
            var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Protocol = Protocol.HTTP, Expires = DateTime.UtcNow.AddMinutes(5) };
            var url = local.GetPreSignedURL(request);
            var faked = fake.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Protocol = Protocol.HTTP });
            var https = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Protocol = Protocol.HTTPS, Expires = DateTime.UtcNow.AddMinutes(5) });
            """, members: """
            private readonly FakeS3 fake = new();

            public sealed class FakeS3
            {
                public string GetPreSignedURL(GetPreSignedUrlRequest request) => "https://example.com/" + request.Key;
            }

            """));

    [Fact]
    public Task CodeOfATestProjectIsNotFlagged()
        => Verify.VerifyNothingInTestProjectAsync(InMethod("var config = new AmazonS3Config { ServiceURL = \"http://s3.test.example.com\", UseHttp = true };"));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task UseHttpIsFlaggedAndRemoved()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var config = new AmazonS3Config
                {
                    RegionEndpoint = RegionEndpoint.EUWest1,
                    {|#0:UseHttp = true|}, // the proxy terminates TLS
                };
                var client = new AmazonS3Client(config);
                """),
            new[] { D(0, "UseHttp = true", UseHttp, "remove it so the client uses HTTPS") },
            InMethod("""
                var config = new AmazonS3Config
                {
                    RegionEndpoint = RegionEndpoint.EUWest1,
                    // the proxy terminates TLS
                };
                var client = new AmazonS3Client(config);
                """));

    [Fact]
    public Task UseHttpAssignedLaterIsRemovedOrTurnedOff()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.USEast1 };
                {|#0:config.UseHttp = true|};
                if (insecure)
                    {|#1:config.UseHttp = true|};
                """, parameters: "bool insecure"),
            new[]
            {
                D(0, "UseHttp = true", UseHttp, "remove it so the client uses HTTPS"),
                D(1, "UseHttp = true", UseHttp, "remove it so the client uses HTTPS"),
            },
            InMethod("""
                var config = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.USEast1 };
                if (insecure)
                    config.UseHttp = false;
                """, parameters: "bool insecure"));

    [Fact]
    public Task AnHttpServiceUrlIsFlaggedAndSwitchedToHttps()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var config = new AmazonS3Config { ServiceURL = {|#0:"http://s3.eu-west-1.amazonaws.com"|} };
                var dynamo = new AmazonDynamoDBConfig { ServiceURL = $"http://dynamodb.{region}.amazonaws.com" };
                """, parameters: "string region"),
            new[]
            {
                D(0, "ServiceURL http://s3.eu-west-1.amazonaws.com", UseHttp, "use the https:// endpoint"),
            },
            InMethod("""
                var config = new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com" };
                var dynamo = new AmazonDynamoDBConfig { ServiceURL = $"http://dynamodb.{region}.amazonaws.com" };
                """, parameters: "string region"));

    [Fact]
    public async Task AConstantServiceUrlIsReportedWithoutAFixAndWithoutUserInformation()
    {
        const string Members = "private const string Endpoint = \"HTTP://s3-proxy.corp.example.com\";\n";
        var test = Verify.CreateTest();
        test.TestCode = InMethod("""
            var config = new AmazonS3Config { ServiceURL = {|#0:Endpoint|} };
            config.ServiceURL = {|#1:"http://minio-user:s3cr3tPassw0rd@storage.example.com:9000"|};
            """, members: Members);
        test.ExpectedDiagnostics.Add(D(0, "ServiceURL http://s3-proxy.corp.example.com", UseHttp, "use the https:// endpoint"));
        test.ExpectedDiagnostics.Add(D(1, "ServiceURL http://storage.example.com", UseHttp, "use the https:// endpoint"));
        test.FixedCode = InMethod("""
            var config = new AmazonS3Config { ServiceURL = {|#0:Endpoint|} };
            config.ServiceURL = "https://minio-user:s3cr3tPassw0rd@storage.example.com:9000";
            """, members: Members);
        test.FixedState.ExpectedDiagnostics.Add(D(0, "ServiceURL http://s3-proxy.corp.example.com", UseHttp, "use the https:// endpoint"));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task AnHttpPresignedUrlIsFlaggedAndSwitchedToHttps()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET, Protocol = {|#0:Protocol.HTTP|}, Expires = DateTime.UtcNow.AddMinutes(10) };
                var url = await s3.GetPreSignedURLAsync(request);
                var upload = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddMinutes(10) };
                upload.Protocol = {|#1:Protocol.HTTP|};
                """),
            new[]
            {
                D(0, "Protocol.HTTP", Presigned, "use Protocol.HTTPS"),
                D(1, "Protocol.HTTP", Presigned, "use Protocol.HTTPS"),
            },
            InMethod("""
                var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET, Protocol = Protocol.HTTPS, Expires = DateTime.UtcNow.AddMinutes(10) };
                var url = await s3.GetPreSignedURLAsync(request);
                var upload = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddMinutes(10) };
                upload.Protocol = Protocol.HTTPS;
                """));

    [Fact]
    public Task UseHttpWithARegionEndpointAndInFieldsIsFlagged()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1, {|#0:UseHttp = true|} };
                {|#1:Shared.UseHttp = true|};
                """, members: "private static readonly AmazonS3Config Shared = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 };\n"),
            D(0, "UseHttp = true", UseHttp, "remove it so the client uses HTTPS"),
            D(1, "UseHttp = true", UseHttp, "remove it so the client uses HTTPS"));

    [Fact]
    public Task SdkV3ShapesAreFlaggedAndFixed()
        => Verify.VerifyCodeFixAsync(
            """
            using System;
            using Amazon;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Links
            {
                public string Create(IAmazonS3 s3, string bucket, string key)
                {
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1, [|UseHttp = true|] };
                    var other = new AmazonS3Config { ServiceURL = [|"http://s3.eu-west-1.amazonaws.com"|] };
                    return s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = [|Protocol.HTTP|] });
                }
            }
            """,
            """
            using System;
            using Amazon;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Links
            {
                public string Create(IAmazonS3 s3, string bucket, string key)
                {
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 };
                    var other = new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com" };
                    return s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTPS });
                }
            }
            """,
            AwsSdk.V3);

    [Fact]
    public Task FixAllSwitchesEveryPlaceToHttps()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                InMethod("""
                    var config = new AmazonS3Config { [|UseHttp = true|], RegionEndpoint = RegionEndpoint.USEast2 };
                    var other = new AmazonS3Config { ServiceURL = [|"http://s3.us-east-2.amazonaws.com"|] };
                    var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Protocol = [|Protocol.HTTP|], Expires = DateTime.UtcNow.AddMinutes(1) });
                    """),
                InMethod("var dynamo = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.EUWest1, [|UseHttp = true|] };").Replace("class Worker", "class Tables"),
            },
            new[]
            {
                InMethod("""
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.USEast2 };
                    var other = new AmazonS3Config { ServiceURL = "https://s3.us-east-2.amazonaws.com" };
                    var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Protocol = Protocol.HTTPS, Expires = DateTime.UtcNow.AddMinutes(1) });
                    """),
                InMethod("var dynamo = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.EUWest1 };").Replace("class Worker", "class Tables"),
            });
}
