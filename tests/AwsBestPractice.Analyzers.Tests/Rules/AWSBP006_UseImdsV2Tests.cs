using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseImdsV2.UseImdsV2Analyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseImdsV2.UseImdsV2Fixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class UseImdsV2Tests
{
    private const string Usings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        """;

    private const string UsingsWithSdk = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Amazon.Util;
        """;

    private const string Members = """
        private const string MetadataRoot = "http://169.254.169.254/latest/meta-data/";

        """;

    private static string InMethod(string body, string usings = Usings)
        => Code.InMethod(body, "HttpClient http, string role, string url", usings, Members);

    private static DiagnosticResult Diagnostic(int location, string call, string path, string advice)
        => Verify.Diagnostic("AWSBP006").WithLocation(location).WithArguments(call, path, advice);

    /// <summary>A fix whose fixed state still has diagnostics (marked <c>[|…|]</c>): requests the fix does not rewrite.</summary>
    private static async Task VerifyPartialFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
    {
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedCode = fixedSource;
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    private static string Use(string member) => "use EC2InstanceMetadata." + member + ", which uses IMDSv2";

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task ATokenRequestedFirstIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "http://169.254.169.254/latest/api/token");
            tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "21600");
            var token = await (await http.SendAsync(tokenRequest)).Content.ReadAsStringAsync();
            http.DefaultRequestHeaders.Add("X-aws-ec2-metadata-token", token);
            var id = await http.GetStringAsync(MetadataRoot + "instance-id");
            """));

    [Fact]
    public Task ARequestMessageCarryingTheTokenHeaderIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            using var request = new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "placement/availability-zone");
            request.Headers.Add(TokenHeader, role);
            var zone = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            """).Replace("    private const string MetadataRoot", "    private const string TokenHeader = \"X-aws-ec2-metadata-token\";\n    private const string MetadataRoot"));

    [Fact]
    public Task TheEcsTaskMetadataEndpointAndOtherHostsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var task = await http.GetStringAsync("http://169.254.170.2/v4/metadata");
            var credentials = await http.GetStringAsync("http://169.254.170.2" + Environment.GetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"));
            var page = await http.GetStringAsync("https://169.254.169.254.example.com/latest/meta-data/instance-id");
            var anything = await http.GetStringAsync(url);
            var notConstant = await http.GetStringAsync($"http://{role}/latest/meta-data/instance-id");
            """));

    [Fact]
    public Task TheSdksInstanceMetadataIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var id = EC2InstanceMetadata.InstanceId;
            var zone = EC2InstanceMetadata.GetData("/placement/availability-zone");
            var region = EC2InstanceMetadata.Region?.SystemName;
            """, UsingsWithSdk));

    [Fact]
    public Task TheSdksTokenBeforeARawRequestIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var token = EC2InstanceMetadata.FetchApiToken();
            using var request = new HttpRequestMessage(HttpMethod.Get, EC2InstanceMetadata.EC2MetadataRoot + "/instance-id");
            request.Headers.Add("X-aws-ec2-metadata-token", token);
            var raw = await http.GetStringAsync(MetadataRoot + "ami-id");
            """, UsingsWithSdk));

    [Fact]
    public Task PutsAndOtherMethodsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            using var put = new HttpRequestMessage(HttpMethod.Put, "http://169.254.169.254/latest/api/token");
            using var post = new HttpRequestMessage(HttpMethod.Post, MetadataRoot + "instance-id");
            await http.PutAsync("http://169.254.169.254/latest/api/token", new StringContent(string.Empty));
            """));

    [Fact]
    public Task TestProjectsAreNotFlagged()
        => Verify.VerifyNothingInTestProjectAsync(InMethod("""var id = await http.GetStringAsync(MetadataRoot + "instance-id");"""));

    [Fact]
    public Task ProjectsWithoutTheAwsSdkAreNotAnalysed()
        => Verify.VerifyAnalyzerAsync(InMethod("""var id = await http.GetStringAsync(MetadataRoot + "instance-id");"""), AwsSdk.None);

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task AnAwaitedGetStringAsyncBecomesTheSdkProperty()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var id = await {|#0:http.GetStringAsync("http://169.254.169.254/latest/meta-data/instance-id")|}; // the instance
                var zone = (await {|#1:http.GetStringAsync(MetadataRoot + "placement/availability-zone")|}.ConfigureAwait(false)).Trim();
                Console.WriteLine(id + zone);
                """),
            new[]
            {
                Diagnostic(0, "HttpClient.GetStringAsync", "/latest/meta-data/instance-id", Use("InstanceId")),
                Diagnostic(1, "HttpClient.GetStringAsync", "/latest/meta-data/placement/availability-zone", Use("AvailabilityZone")),
            },
            InMethod("""
                var id = EC2InstanceMetadata.InstanceId; // the instance
                var zone = (EC2InstanceMetadata.AvailabilityZone).Trim();
                Console.WriteLine(id + zone);
                """, UsingsWithSdk));

    [Fact]
    public Task AUriRegionIpv6AndOtherPathsAreFixed()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var region = await {|#0:http.GetStringAsync(new Uri("http://169.254.169.254/latest/meta-data/placement/region"))|};
                var ip = await {|#1:http.GetStringAsync(new Uri(new Uri("http://[fd00:ec2::254]/latest/meta-data/"), "local-ipv4"))|};
                var root = MetadataRoot;
                var publicIp = await {|#2:http.GetStringAsync($"{root}public-ipv4")|};
                Console.WriteLine(region + ip + publicIp);
                """),
            new[]
            {
                Diagnostic(0, "HttpClient.GetStringAsync", "/latest/meta-data/placement/region", Use("Region?.SystemName")),
                Diagnostic(1, "HttpClient.GetStringAsync", "/latest/meta-data/local-ipv4", Use("PrivateIpAddress")),
                Diagnostic(2, "HttpClient.GetStringAsync", "/latest/meta-data/public-ipv4", Use("GetData(\"/public-ipv4\")")),
            },
            InMethod("""
                var region = EC2InstanceMetadata.Region?.SystemName;
                var ip = EC2InstanceMetadata.PrivateIpAddress;
                var root = MetadataRoot;
                var publicIp = EC2InstanceMetadata.GetData("/public-ipv4");
                Console.WriteLine(region + ip + publicIp);
                """, UsingsWithSdk));

    [Fact]
    public Task AWebClientDownloadIsFixedAndRequestsThatAreNotStringsAreReported()
        => VerifyPartialFixAsync(
            InMethod("""
                #pragma warning disable SYSLIB0014 // WebClient and WebRequest are obsolete
                using var web = new WebClient();
                var host = {|#0:web.DownloadString(MetadataRoot + "hostname")|};
                var request = {|#1:WebRequest.Create("http://169.254.169.254/latest/user-data")|};
                using var response = await {|#2:http.GetAsync(MetadataRoot + "instance-type")|};
                using var message = {|#3:new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "ami-id")|};
                using var sent = await http.SendAsync(message);
                #pragma warning restore SYSLIB0014
                """),
            new[]
            {
                Diagnostic(0, "WebClient.DownloadString", "/latest/meta-data/hostname", Use("Hostname")),
                Diagnostic(1, "WebRequest.Create", "/latest/user-data", Use("UserData")),
                Diagnostic(2, "HttpClient.GetAsync", "/latest/meta-data/instance-type", Use("InstanceType")),
                Diagnostic(3, "new HttpRequestMessage", "/latest/meta-data/ami-id", Use("AmiId")),
            },
            InMethod("""
                #pragma warning disable SYSLIB0014 // WebClient and WebRequest are obsolete
                using var web = new WebClient();
                var host = EC2InstanceMetadata.Hostname;
                var request = [|WebRequest.Create("http://169.254.169.254/latest/user-data")|];
                using var response = await [|http.GetAsync(MetadataRoot + "instance-type")|];
                using var message = [|new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "ami-id")|];
                using var sent = await http.SendAsync(message);
                #pragma warning restore SYSLIB0014
                """, UsingsWithSdk));

    [Fact]
    public Task RoleCredentialsAreReportedWithoutAFix()
        => VerifyPartialFixAsync(
            InMethod("""
                var json = await {|#0:http.GetStringAsync($"http://169.254.169.254/latest/meta-data/iam/security-credentials/{role}")|};
                """),
            new[]
            {
                Diagnostic(0, "HttpClient.GetStringAsync", "/latest/meta-data/iam/security-credentials/…",
                    "do not read the role's credentials yourself: the SDK's default credential chain gets them from the instance profile with IMDSv2"),
            },
            InMethod("""
                var json = await [|http.GetStringAsync($"http://169.254.169.254/latest/meta-data/iam/security-credentials/{role}")|];
                """));

    [Fact]
    public Task ATokenRequestedAfterTheCallDoesNotProtectIt()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var id = await {|#0:http.GetStringAsync(MetadataRoot + "instance-id")|};
                using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "http://169.254.169.254/latest/api/token");
                """),
            Diagnostic(0, "HttpClient.GetStringAsync", "/latest/meta-data/instance-id", Use("InstanceId")));

    [Fact]
    public Task AnUnknownPathInAVersionedTreeIsReportedWithTheTokenAdvice()
        => Verify.VerifyAnalyzerAsync(
            InMethod("""
                var id = await {|#0:http.GetStreamAsync("http://169.254.169.254/2021-07-15/meta-data/instance-id")|};
                """),
            Diagnostic(0, "HttpClient.GetStreamAsync", "/2021-07-15/meta-data/instance-id",
                "request a token with a PUT to /latest/api/token and send it in the X-aws-ec2-metadata-token header"));

    [Fact]
    public Task SdkV3IsFixedToo()
        => Verify.VerifyCodeFixAsync(
            InMethod("""var id = await [|http.GetStringAsync(MetadataRoot + "instance-id")|];"""),
            InMethod("""var id = EC2InstanceMetadata.InstanceId;""", UsingsWithSdk),
            AwsSdk.V3);

    [Fact]
    public Task FixAllFixesEveryDocument()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                InMethod("""
                    var id = await [|http.GetStringAsync(MetadataRoot + "instance-id")|];
                    var type = await [|http.GetStringAsync(MetadataRoot + "instance-type")|];
                    """),
                InMethod("""var zone = await [|http.GetStringAsync(MetadataRoot + "placement/availability-zone")|];""").Replace("class Worker", "class Worker2"),
            },
            new[]
            {
                InMethod("""
                    var id = EC2InstanceMetadata.InstanceId;
                    var type = EC2InstanceMetadata.InstanceType;
                    """, UsingsWithSdk),
                InMethod("""var zone = EC2InstanceMetadata.AvailabilityZone;""", UsingsWithSdk).Replace("class Worker", "class Worker2"),
            });
}
