using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.ReuseSdkClients.ReuseSdkClientsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.ReuseSdkClients.ReuseSdkClientsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class ReuseSdkClientsTests
{
    private const string Usings = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.SQS;

        """;

    /// <summary>
    /// The few ASP.NET Core and hosting types the tests need, declared with their real full names (the Microsoft.AspNetCore.App
    /// reference assemblies are not part of the test reference set).
    /// </summary>
    private const string AspNetStubs = """

        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }
            public sealed class OkResult : IActionResult { }
            public abstract class ControllerBase { public OkResult Ok() => new OkResult(); }
            public class ControllerAttribute : System.Attribute { }
            public sealed class ApiControllerAttribute : ControllerAttribute { }
            public sealed class HttpGetAttribute : System.Attribute { }
            public sealed class HttpPostAttribute : System.Attribute { }
        }

        namespace Microsoft.AspNetCore.Routing
        {
            public interface IEndpointRouteBuilder { }
        }

        namespace Microsoft.AspNetCore.Builder
        {
            public sealed class WebApplication : Microsoft.AspNetCore.Routing.IEndpointRouteBuilder
            {
                public static WebApplication Create() => new WebApplication();
                public void Run() { }
            }

            public static class EndpointRouteBuilderExtensions
            {
                public static object MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
                public static object MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public abstract class BackgroundService
            {
                protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
            }
        }
        """;

    private const string AspNetUsings = Usings + """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Hosting;

        """;

    // ---------------------------------------------------------------- not flagged (the tricky cases first)

    [Fact]
    public async Task ClientsCreatedOnceInFieldsAndConstructors_AreNotFlagged()
    {
        // A static field initialiser, a static constructor, and the constructor or field of a class that is not a controller:
        // created once per application or per service instance.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class ReportStore
            {
                private static readonly IAmazonS3 Shared = new AmazonS3Client(RegionEndpoint.EUWest1);
                private static readonly HttpClient Http = new HttpClient();
                private static readonly IAmazonSQS Queue;
                private readonly IAmazonS3 _own = new AmazonS3Client();
                private readonly IAmazonS3 _fromConstructor;

                static ReportStore() => Queue = new AmazonSQSClient();

                public ReportStore() => _fromConstructor = new AmazonS3Client();

                public async Task SaveAsync(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        await Shared.PutObjectAsync(new PutObjectRequest { BucketName = "reports", Key = key });
                        await _own.DeleteObjectAsync("reports", key);
                        await _fromConstructor.DeleteObjectAsync("archive", key);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ProgramTopLevelStatementsOutsideLoops_AreNotFlagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            var s3 = new AmazonS3Client(RegionEndpoint.USEast1);
            using var http = new HttpClient();
            foreach (var key in args)
            {
                await s3.DeleteObjectAsync("bucket", key);
                await http.GetStringAsync("https://example.com/" + key);
            }
            """;
        await test.RunAsync();
    }

    [Fact]
    public async Task CachedFactoriesAndLazyClients_AreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class ClientCache
            {
                private static IAmazonS3? _client;
                private static readonly Lazy<IAmazonS3> LazyClient = new Lazy<IAmazonS3>(() => new AmazonS3Client());
                private static readonly ConcurrentDictionary<string, IAmazonS3> PerRegion = new();
                private IAmazonSQS? _queue;

                public static IAmazonS3 Client => _client ??= new AmazonS3Client();

                public async Task RunAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        _client ??= new AmazonS3Client();
                        _queue ??= new AmazonSQSClient();
                        var lazy = new Lazy<IAmazonS3>(() => new AmazonS3Client());
                        var regional = PerRegion.GetOrAdd("eu-west-1", region => new AmazonS3Client(RegionEndpoint.GetBySystemName(region)));
                        await LazyClient.Value.ListBucketsAsync(cancellationToken);
                        await regional.ListBucketsAsync(cancellationToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task OneClientPerRegionOrAccount_IsNotFlagged()
    {
        // The constructor arguments depend on the loop: one client per region, per account's credentials, per endpoint.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Inventory
            {
                public async Task<int> CountAsync(IEnumerable<string> regions, IEnumerable<AWSCredentials> accounts, string[] endpoints)
                {
                    var total = 0;
                    foreach (var region in regions)
                    {
                        using var s3 = new AmazonS3Client(RegionEndpoint.GetBySystemName(region));
                        total += (await s3.ListBucketsAsync()).Buckets?.Count ?? 0;
                    }

                    foreach (var credentials in accounts)
                    {
                        var s3 = new AmazonS3Client(credentials, RegionEndpoint.USEast1);
                        total += (await s3.ListBucketsAsync()).Buckets?.Count ?? 0;
                    }

                    for (var i = 0; i < endpoints.Length; i++)
                    {
                        var config = new AmazonS3Config { ServiceURL = endpoints[i] };
                        var s3 = new AmazonS3Client(config);
                        total += (await s3.ListBucketsAsync()).Buckets?.Count ?? 0;
                    }

                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task CliToolMainAndCommandClass_AreNotFlagged()
    {
        // One invocation per process: the client is created once and reused by the loop.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    var s3 = new AmazonS3Client();
                    foreach (var key in args)
                    {
                        await s3.DeleteObjectAsync("bucket", key);
                    }

                    return await new DeleteCommand().ExecuteAsync(args);
                }
            }

            public sealed class DeleteCommand
            {
                public async Task<int> ExecuteAsync(string[] keys)
                {
                    using var s3 = new AmazonS3Client(RegionEndpoint.EUWest1);
                    foreach (var key in keys)
                    {
                        await s3.DeleteObjectAsync("bucket", key);
                    }

                    return 0;
                }
            }
            """);
    }

    [Fact]
    public async Task TestClasses_AreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class UploadTests
            {
                [Xunit.Fact]
                public async Task UploadsEveryKey()
                {
                    foreach (var key in new[] { "a", "b" })
                    {
                        var s3 = new AmazonS3Client(new AmazonS3Config { ServiceURL = "http://localhost:4566" });
                        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "test", Key = key });
                    }
                }

                public class Nested
                {
                    public void Helper()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            using var http = new HttpClient();
                        }
                    }
                }
            }

            namespace Xunit
            {
                public sealed class FactAttribute : System.Attribute { }
            }
            """);
    }

    [Fact]
    public async Task LambdaHandlers_AreLeftToAWSBP010()
    {
        // AWSBP010 owns Lambda handlers: the same creation is reported once, by AWSBP010.
        var test = Verify.CreateTest();
        test.OtherAnalyzers.Add(new CreateClientOutsideHandlerAnalyzer());
        test.TestCode = Usings + """
            using Amazon.Lambda.Core;

            public class Function
            {
                public async Task Handle(string[] keys, ILambdaContext context)
                {
                    foreach (var key in keys)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.DeleteObjectAsync("bucket", key);
                    }

                    var cache = new ConcurrentDictionary<string, IAmazonS3>();
                    cache.GetOrAdd("eu-west-1", {|AWSBP010:new AmazonS3Client()|});
                }
            }
            """;
        await test.RunAsync();
    }

    [Fact]
    public async Task ControllersReceivingTheClientThroughDependencyInjection_AreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(AspNetUsings + """
            [ApiController]
            public class OrdersController : ControllerBase
            {
                private static readonly HttpClient Http = new HttpClient();
                private static IAmazonSQS? _queue;
                private readonly IAmazonS3 _s3;

                public OrdersController(IAmazonS3 s3) => _s3 = s3;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    _queue ??= new AmazonSQSClient();
                    await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    await Http.GetStringAsync("https://example.com/" + id);
                    return Ok();
                }

                private static IAmazonS3 CreateForTool() => new AmazonS3Client();
            }
            """ + AspNetStubs);
    }

    [Fact]
    public async Task FakeClientsAndRequestObjects_AreNotFlagged()
    {
        // A type of the user's own implementing a service interface is no SDK client; requests and configs are cheap objects.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class FakeService : IAmazonService
            {
                public IClientConfig Config => new AmazonS3Config();
                public static ClientConfig CreateDefaultClientConfig() => new AmazonS3Config();
                public static IAmazonService CreateDefaultServiceClient(AWSCredentials credentials, ClientConfig config) => new FakeService();
            }

            public class Worker
            {
                public void Run(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var fake = new FakeService();
                        var request = new PutObjectRequest { BucketName = "b", Key = key };
                        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 };
                    }
                }
            }
            """);
    }

    // ---------------------------------------------------------------- flagged

    [Fact]
    public async Task ClientsCreatedInForForeachAndWhileLoops_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Sync
            {
                public async Task RunAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
                {
                    for (var i = 0; i < keys.Count; i++)
                    {
                        var s3 = {|#0:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                        await s3.DeleteObjectAsync("bucket", keys[i], cancellationToken);
                    }

                    foreach (var key in keys)
                    {
                        await {|#1:new AmazonS3Client()|}.DeleteObjectAsync("bucket", key, cancellationToken);
                    }

                    while (!cancellationToken.IsCancellationRequested)
                    {
                        using var sqs = {|#2:new AmazonSQSClient()|};
                        await sqs.ListQueuesAsync("orders", cancellationToken);
                    }
                }
            }
            """,
            Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments("AmazonS3Client", "is created on every iteration of the loop", "create it once, before the loop or in a field, and reuse it"),
            Verify.Diagnostic("AWSBP070").WithLocation(1).WithArguments("AmazonS3Client", "is created on every iteration of the loop", "create it once, before the loop or in a field, and reuse it"),
            Verify.Diagnostic("AWSBP070").WithLocation(2).WithArguments("AmazonSQSClient", "is created on every iteration of the loop", "create it once, before the loop or in a field, and reuse it"));
    }

    [Fact]
    public async Task HttpClientInALoopAndInAParallelLoop_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Crawler
            {
                public async Task CrawlAsync(IEnumerable<string> urls)
                {
                    foreach (var url in urls)
                    {
                        using var http = [|new HttpClient()|];
                        await http.GetStringAsync(url);
                    }

                    await Parallel.ForEachAsync(urls, async (url, token) =>
                    {
                        var s3 = [|new AmazonS3Client()|];
                        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "pages", Key = url }, token);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task ClientCreatedInAControllerAction_IsFlagged()
    {
        await Verify.VerifyAnalyzerAsync(AspNetUsings + """
            [ApiController]
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """ + AspNetStubs,
            Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments(
                "AmazonS3Client",
                "is created on every request to 'OrdersController.PostAsync'",
                "register it once (AddAWSService<T>() or a singleton) and inject it, or keep it in a static field"));
    }

    [Fact]
    public async Task ClientCreatedInAControllerConstructorOrInstanceField_IsFlagged()
    {
        // The framework creates a controller for every request, so its constructor and field initialisers run per request too;
        // an instance-field cache (??=) of a controller lives one request as well.
        await Verify.VerifyAnalyzerAsync(AspNetUsings + """
            public class ReportsController : ControllerBase
            {
                private readonly IAmazonSQS _sqs = {|#0:new AmazonSQSClient()|};
                private readonly IAmazonS3 _s3;
                private IAmazonS3? _cached;

                public ReportsController()
                {
                    _s3 = {|#1:new AmazonS3Client()|};
                }

                [HttpGet]
                public async Task<IActionResult> GetAsync(string id)
                {
                    _cached ??= [|new AmazonS3Client()|];
                    await _s3.GetObjectAsync("reports", id);
                    return Ok();
                }
            }
            """ + AspNetStubs,
            Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments(
                "AmazonSQSClient",
                "is created on every request to 'ReportsController' (a controller is created per request)",
                "register it once (AddAWSService<T>() or a singleton) and inject it, or keep it in a static field"),
            Verify.Diagnostic("AWSBP070").WithLocation(1).WithArguments(
                "AmazonS3Client",
                "is created on every request to 'ReportsController' (a controller is created per request)",
                "register it once (AddAWSService<T>() or a singleton) and inject it, or keep it in a static field"));
    }

    [Fact]
    public async Task ClientCreatedInAMinimalApiHandler_IsFlagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = AspNetUsings + """
            var app = WebApplication.Create();
            app.MapPost("/orders/{id}", async (string id) =>
            {
                var s3 = {|#0:new AmazonS3Client()|};
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
            });
            app.Run();
            """ + AspNetStubs;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments(
            "AmazonS3Client",
            "is created on every request to the MapPost handler",
            "register it once (AddAWSService<T>() or a singleton) and inject it, or keep it in a static field"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ServiceWhoseConstructorCreatesAClient_CreatedPerActionOrPerIteration_IsFlagged()
    {
        await Verify.VerifyAnalyzerAsync(AspNetUsings + """
            public class QueueService
            {
                private readonly IAmazonSQS _sqs;

                public QueueService() => _sqs = new AmazonSQSClient();

                public Task SendAsync(string body) => _sqs.SendMessageAsync("https://sqs.example/q", body);
            }

            public class Downloader
            {
                private readonly HttpClient _http = new HttpClient();
            }

            public class Plain
            {
                public Plain(string name) { }
            }

            public class NotifyController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await {|#0:new QueueService()|}.SendAsync(id);
                    var plain = new Plain(id);
                    return Ok();
                }
            }

            public class Batch
            {
                public void Run(IEnumerable<string> items)
                {
                    foreach (var item in items)
                    {
                        var downloader = {|#1:new Downloader()|};
                        var plain = new Plain(item);
                    }
                }
            }
            """ + AspNetStubs,
            Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments(
                "QueueService",
                "creates a new 'AmazonSQSClient' in its constructor and is created on every request to 'NotifyController.PostAsync'",
                "create the service once (a singleton or a field) or give it the client through its constructor"),
            Verify.Diagnostic("AWSBP070").WithLocation(1).WithArguments(
                "Downloader",
                "creates a new 'HttpClient' in its constructor and is created on every iteration of the loop",
                "create the service once (a singleton or a field) or give it the client through its constructor"));
    }

    [Fact]
    public async Task ClientPassedAsTheValueOfGetOrAddOrTryAdd_IsFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class RegionalClients
            {
                private readonly ConcurrentDictionary<string, IAmazonS3> _clients = new();
                private readonly Dictionary<string, IAmazonSQS> _queues = new();

                public IAmazonS3 For(string region)
                    => _clients.GetOrAdd(region, {|#0:new AmazonS3Client(RegionEndpoint.GetBySystemName(region))|});

                public void Remember(string region)
                    => _queues.TryAdd(region, [|new AmazonSQSClient()|]);
            }
            """,
            Verify.Diagnostic("AWSBP070").WithLocation(0).WithArguments(
                "AmazonS3Client",
                "is created on every call to 'GetOrAdd', even when the cache already holds a client",
                "pass a factory (key => new …) so the client is created only when the cache has none"));
    }

    [Fact]
    public async Task ClientCreatedInABackgroundServiceLoop_IsFlagged()
    {
        await Verify.VerifyAnalyzerAsync(AspNetUsings + """
            public sealed class PollingWorker : BackgroundService
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();

                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        var sqs = [|new AmazonSQSClient()|];
                        var messages = await sqs.ReceiveMessageAsync("https://sqs.example/q", stoppingToken);
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """ + AspNetStubs);
    }

    [Fact]
    public async Task SdkV3Clients_AreFlaggedToo()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.S3;

            public class Sync
            {
                public async Task RunAsync(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var s3 = [|new AmazonS3Client()|];
                        await s3.DeleteObjectAsync("bucket", key);
                    }
                }
            }
            """, AwsSdk.V3);
    }

    // ---------------------------------------------------------------- fixes

    [Fact]
    public async Task LoopFix_MovesTheDeclarationBeforeTheLoop_KeepingComments()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
                {
                    var count = 0;

                    // Delete every key.
                    foreach (var key in keys)
                    {
                        // The archive bucket lives in Ireland.
                        var s3 = [|new AmazonS3Client(RegionEndpoint.EUWest1)|]; // shared config
                        await s3.DeleteObjectAsync("archive", key, cancellationToken);
                        count++;
                    }
                }
            }
            """, Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
                {
                    var count = 0;

                    // The archive bucket lives in Ireland.
                    var s3 = new AmazonS3Client(RegionEndpoint.EUWest1); // shared config
                    // Delete every key.
                    foreach (var key in keys)
                    {
                        await s3.DeleteObjectAsync("archive", key, cancellationToken);
                        count++;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LoopFix_IntroducesALocalForADirectCreation_AndHoistsOutOfNestedLoops()
    {
        // The client depends on nothing of either loop, so it goes before the outer one; the bucket local is in scope there.
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string[]> batches, string bucket, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        foreach (var batch in batches)
                        {
                            foreach (var key in batch)
                            {
                                await [|new AmazonS3Client()|].DeleteObjectAsync(bucket, key, cancellationToken);
                            }
                        }
                    }
                }
            }
            """, Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string[]> batches, string bucket, CancellationToken cancellationToken)
                {
                    var s3Client = new AmazonS3Client();
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        foreach (var batch in batches)
                        {
                            foreach (var key in batch)
                            {
                                await s3Client.DeleteObjectAsync(bucket, key, cancellationToken);
                            }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LoopFix_TurnsAUsingStatementIntoAUsingDeclarationBeforeTheLoop()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Crawler
            {
                public async Task CrawlAsync(IEnumerable<string> urls)
                {
                    foreach (var url in urls)
                    {
                        using (var http = [|new HttpClient()|])
                        {
                            var page = await http.GetStringAsync(url);
                            Console.WriteLine(page.Length);
                        }
                    }
                }
            }
            """, Usings + """
            public class Crawler
            {
                public async Task CrawlAsync(IEnumerable<string> urls)
                {
                    using var http = new HttpClient();
                    foreach (var url in urls)
                    {
                        var page = await http.GetStringAsync(url);
                        Console.WriteLine(page.Length);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LoopFix_NotOfferedWhenTheLoopDisposesOrConfiguresTheClient()
    {
        // A shared client must not be disposed after the first iteration, nor reconfigured once it has sent a request.
        var source = Usings + """
            public class Crawler
            {
                public async Task CrawlAsync(IEnumerable<string> urls)
                {
                    foreach (var url in urls)
                    {
                        var http = [|new HttpClient()|];
                        http.Timeout = TimeSpan.FromSeconds(5);
                        await http.GetStringAsync(url);
                        http.Dispose();
                    }
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task LoopFix_RenamesTheHoistedLocalWhenAnotherLoopUsesTheSameName()
    {
        await Verify.VerifyCodeFixAsync(
            Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var s3 = [|new AmazonS3Client()|];
                        await s3.DeleteObjectAsync("a", key);
                    }

                    foreach (var key in keys)
                    {
                        var s3 = [|new AmazonS3Client()|];
                        await s3.DeleteObjectAsync("b", key);
                    }
                }
            }
            """,
            Usings + """
            public class Sync
            {
                public async Task RunAsync(IEnumerable<string> keys)
                {
                    var s3Client = new AmazonS3Client();
                    foreach (var key in keys)
                    {
                        await s3Client.DeleteObjectAsync("a", key);
                    }

                    var s3 = new AmazonS3Client();
                    foreach (var key in keys)
                    {
                        await s3.DeleteObjectAsync("b", key);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ControllerFix_MovesTheClientToAStaticReadonlyField()
    {
        await Verify.VerifyCodeFixAsync(AspNetUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly string _bucket;

                public OrdersController(string bucket) => _bucket = bucket;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    var s3 = [|new AmazonS3Client(RegionEndpoint.EUWest1)|];
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = id });
                    return Ok();
                }
            }
            """ + AspNetStubs, AspNetUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly string _bucket;
                private static readonly IAmazonS3 _s3Client = new AmazonS3Client(RegionEndpoint.EUWest1);

                public OrdersController(string bucket) => _bucket = bucket;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3Client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = id });
                    return Ok();
                }
            }
            """ + AspNetStubs);
    }

    [Fact]
    public async Task MinimalApiFix_CreatesTheClientOnceBeforeTheRoute()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = AspNetUsings + """
            var app = WebApplication.Create();
            app.MapGet("/orders/{id}", async (string id) =>
            {
                var s3 = [|new AmazonS3Client()|];
                return await s3.GetObjectAsync("orders", id);
            });
            app.Run();
            """ + AspNetStubs;
        test.FixedCode = AspNetUsings + """
            var app = WebApplication.Create();
            IAmazonS3 s3Client = new AmazonS3Client();
            app.MapGet("/orders/{id}", async (string id) =>
            {
                return await s3Client.GetObjectAsync("orders", id);
            });
            app.Run();
            """ + AspNetStubs;
        await test.RunAsync();
    }

    [Fact]
    public async Task GetOrAddFix_UsesTheFactoryOverload()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class RegionalClients
            {
                private readonly ConcurrentDictionary<string, IAmazonS3> _clients = new();

                public IAmazonS3 For(string region)
                    => _clients.GetOrAdd(region, [|new AmazonS3Client(RegionEndpoint.GetBySystemName(region))|]);
            }
            """, Usings + """
            public class RegionalClients
            {
                private readonly ConcurrentDictionary<string, IAmazonS3> _clients = new();

                public IAmazonS3 For(string region)
                    => _clients.GetOrAdd(region, _ => new AmazonS3Client(RegionEndpoint.GetBySystemName(region)));
            }
            """);
    }

    /// <summary>The ASP.NET Core hosting types the dependency-injection fix needs, with their real full names.</summary>
    private const string HostingStubs = """

        namespace Microsoft.AspNetCore.Mvc
        {
            public interface IActionResult { }
            public sealed class OkResult : IActionResult { }
            public abstract class ControllerBase { public OkResult Ok() => new OkResult(); }
            public sealed class HttpPostAttribute : System.Attribute { }
        }

        namespace Microsoft.AspNetCore.Builder
        {
            public sealed class WebApplicationBuilder
            {
                public Microsoft.Extensions.DependencyInjection.IServiceCollection Services { get; } = null!;
                public WebApplication Build() => new WebApplication();
            }

            public sealed class WebApplication
            {
                public static WebApplicationBuilder CreateBuilder(string[] args) => new WebApplicationBuilder();
                public void Run() { }
            }
        }
        """;

    private const string ControllerUsings = """
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Microsoft.AspNetCore.Mvc;

        """;

    private static Verify.Test DependencyInjectionTest(string program, string controller, string fixedProgram, string fixedController, bool topLevel)
    {
        var test = Verify.CreateTest();
        test.TestState.AdditionalReferences.AddRange(ReferenceSets.AspNetCoreSetup);
        test.OutputKind = topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        test.TestState.Sources.Add(("/0/Program.cs", program));
        test.TestState.Sources.Add(("/0/OrdersController.cs", controller + HostingStubs));
        test.FixedState.Sources.Add(("/0/Program.cs", fixedProgram));
        test.FixedState.Sources.Add(("/0/OrdersController.cs", fixedController + HostingStubs));
        return test;
    }

    [Fact]
    public async Task DependencyInjectionFix_RegistersTheClientInProgramAndInjectsIt()
    {
        var test = DependencyInjectionTest(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<System.TimeProvider>(System.TimeProvider.System);
            var app = builder.Build();
            app.Run();
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    var s3 = [|new AmazonS3Client()|];
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            """
            using Amazon.S3;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<System.TimeProvider>(System.TimeProvider.System);
            builder.Services.AddAWSService<IAmazonS3>();
            var app = builder.Build();
            app.Run();
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly IAmazonS3 _s3Client;

                public OrdersController(IAmazonS3 s3Client)
                {
                    _s3Client = s3Client;
                }

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            topLevel: true);
        await test.RunAsync();
    }

    [Fact]
    public async Task DependencyInjectionFix_InStartupConfigureServices_AddsAConstructorParameter()
    {
        var test = DependencyInjectionTest(
            """
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSingleton<System.TimeProvider>(System.TimeProvider.System);
                }
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly string _bucket;

                public OrdersController(System.TimeProvider clock) => _bucket = "orders-" + clock.GetUtcNow().Year;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await [|new AmazonS3Client()|].PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = id });
                    return Ok();
                }
            }
            """,
            """
            using Amazon.S3;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddSingleton<System.TimeProvider>(System.TimeProvider.System);
                    services.AddAWSService<IAmazonS3>();
                }
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly string _bucket;
                private readonly IAmazonS3 _s3Client;

                public OrdersController(System.TimeProvider clock, IAmazonS3 s3Client)
                {
                    _bucket = "orders-" + clock.GetUtcNow().Year;
                    _s3Client = s3Client;
                }

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3Client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = id });
                    return Ok();
                }
            }
            """,
            topLevel: false);
        await test.RunAsync();
    }

    [Fact]
    public async Task DependencyInjectionFix_ReusesTheInjectedFieldWhenTheServiceIsRegistered()
    {
        var test = DependencyInjectionTest(
            """
            using Amazon.S3;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddAWSService<IAmazonS3>();
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly IAmazonS3 _s3;

                public OrdersController(IAmazonS3 s3) => _s3 = s3;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    using var client = [|new AmazonS3Client()|];
                    await client.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    await _s3.DeleteObjectAsync("staging", id);
                    return Ok();
                }
            }
            """,
            """
            using Amazon.S3;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services) => services.AddAWSService<IAmazonS3>();
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly IAmazonS3 _s3;

                public OrdersController(IAmazonS3 s3) => _s3 = s3;

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    await _s3.DeleteObjectAsync("staging", id);
                    return Ok();
                }
            }
            """,
            topLevel: false);
        await test.RunAsync();
    }

    [Fact]
    public async Task DependencyInjectionFixAll_RegistersEachServiceOnceForSeveralControllers()
    {
        // Fix All works on the solution: the second controller finds the registration the first one added.
        var test = DependencyInjectionTest(
            """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Run();
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await [|new AmazonS3Client()|].PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }

            public class ReturnsController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await [|new AmazonS3Client()|].DeleteObjectAsync("orders", id);
                    return Ok();
                }
            }
            """,
            """
            using Amazon.S3;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAWSService<IAmazonS3>();
            var app = builder.Build();
            app.Run();
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private readonly IAmazonS3 _s3Client;

                public OrdersController(IAmazonS3 s3Client)
                {
                    _s3Client = s3Client;
                }

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }

            public class ReturnsController : ControllerBase
            {
                private readonly IAmazonS3 _s3Client;

                public ReturnsController(IAmazonS3 s3Client)
                {
                    _s3Client = s3Client;
                }

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await _s3Client.DeleteObjectAsync("orders", id);
                    return Ok();
                }
            }
            """,
            topLevel: true);
        await test.RunAsync();
    }

    [Fact]
    public async Task DependencyInjectionFix_OffersTheStaticFieldAsTheSecondAction()
    {
        var test = DependencyInjectionTest(
            """
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                }
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    var s3 = [|new AmazonS3Client()|];
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            """
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                }
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            topLevel: false);
        test.CodeActionEquivalenceKey = AwsBestPractice.Analyzers.CodeFixes.Rules.ReuseSdkClients.ReuseSdkClientsFixer.StaticFieldEquivalenceKey;
        test.CodeActionIndex = 1;
        await test.RunAsync();
    }

    [Fact]
    public async Task DependencyInjectionFix_NotOfferedWhenTheControllerIsCreatedExplicitly_FallsBackToTheStaticField()
    {
        // `new OrdersController()` elsewhere would break with a new constructor parameter; a client with arguments cannot be
        // registered as it is either.
        var test = DependencyInjectionTest(
            """
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                }

                public static object Make() => new OrdersController();
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    var s3 = [|new AmazonS3Client()|];
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            """
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                }

                public static object Make() => new OrdersController();
            }
            """,
            ControllerUsings + """
            public class OrdersController : ControllerBase
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                [HttpPost]
                public async Task<IActionResult> PostAsync(string id)
                {
                    await s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "orders", Key = id });
                    return Ok();
                }
            }
            """,
            topLevel: false);
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_InDocumentProjectAndSolution_ProducesCompilingCode()
    {
        await Verify.VerifyFixAllAsync(
            new[]
            {
                Usings + """
                public class First
                {
                    public async Task RunAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
                    {
                        foreach (var key in keys)
                        {
                            var s3 = [|new AmazonS3Client()|];
                            using var http = [|new HttpClient()|];
                            await s3.DeleteObjectAsync("a", key, cancellationToken);
                            await http.GetStringAsync(key, cancellationToken);
                        }

                        foreach (var key in keys)
                        {
                            var s3 = [|new AmazonS3Client()|];
                            await s3.DeleteObjectAsync("b", key, cancellationToken);
                        }
                    }
                }
                """,
                Usings + """
                public class Second
                {
                    private readonly ConcurrentDictionary<string, IAmazonSQS> _queues = new();

                    public IAmazonSQS For(string region) => _queues.GetOrAdd(region, [|new AmazonSQSClient()|]);

                    public async Task RunAsync(IEnumerable<string> keys)
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            await [|new AmazonS3Client()|].ListBucketsAsync();
                            await [|new AmazonS3Client()|].ListBucketsAsync();
                        }
                    }
                }
                """,
            },
            new[]
            {
                Usings + """
                public class First
                {
                    public async Task RunAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
                    {
                        var s3Client = new AmazonS3Client();
                        using var http = new HttpClient();
                        foreach (var key in keys)
                        {
                            await s3Client.DeleteObjectAsync("a", key, cancellationToken);
                            await http.GetStringAsync(key, cancellationToken);
                        }

                        var s3 = new AmazonS3Client();
                        foreach (var key in keys)
                        {
                            await s3.DeleteObjectAsync("b", key, cancellationToken);
                        }
                    }
                }
                """,
                Usings + """
                public class Second
                {
                    private readonly ConcurrentDictionary<string, IAmazonSQS> _queues = new();

                    public IAmazonSQS For(string region) => _queues.GetOrAdd(region, _ => new AmazonSQSClient());

                    public async Task RunAsync(IEnumerable<string> keys)
                    {
                        var s3Client = new AmazonS3Client();
                        var s3Client2 = new AmazonS3Client();
                        for (var i = 0; i < 3; i++)
                        {
                            await s3Client.ListBucketsAsync();
                            await s3Client2.ListBucketsAsync();
                        }
                    }
                }
                """,
            });
    }
}
