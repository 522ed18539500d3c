using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler.CreateClientOutsideHandlerAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.CreateClientOutsideHandler.CreateClientOutsideHandlerFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class CreateClientOutsideHandlerTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon;
        using Amazon.Lambda.Core;
        using Amazon.S3;
        using Amazon.S3.Model;

        """;

    // ---------------------------------------------------------------- not flagged (the tricky cases first)

    [Fact]
    public async Task ClientsCreatedOnceOutsideTheHandler_AreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static readonly IAmazonS3 StaticClient = new AmazonS3Client();
                private readonly IAmazonS3 _instanceClient = new AmazonS3Client(RegionEndpoint.USEast1);
                private static readonly HttpClient Http = new HttpClient();
                private static readonly Lazy<IAmazonS3> LazyClient = new Lazy<IAmazonS3>(() => new AmazonS3Client());
                private readonly IAmazonS3 _fromConstructor;
                private static readonly IAmazonS3 FromStaticConstructor;

                static Function()
                {
                    FromStaticConstructor = new AmazonS3Client();
                }

                public Function()
                {
                    _fromConstructor = new AmazonS3Client();
                }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await StaticClient.ListBucketsAsync();
                    await LazyClient.Value.ListBucketsAsync();
                    await _instanceClient.ListBucketsAsync();
                    await _fromConstructor.ListBucketsAsync();
                    await FromStaticConstructor.ListBucketsAsync();
                    return await Http.GetStringAsync(input);
                }
            }
            """);
    }

    [Fact]
    public async Task LazyCachingInsideTheHandler_IsNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static IAmazonS3? _coalesced;
                private static IAmazonS3? _checked;
                private static IAmazonS3? _locked;
                private static IAmazonS3? _interlocked;
                private static IAmazonS3? _lazyInitialized;
                private static readonly object Gate = new object();
                private HttpClient? _instanceHttp;

                private static IAmazonS3? Property { get; set; }

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    _coalesced ??= new AmazonS3Client();
                    Property ??= new AmazonS3Client();
                    _instanceHttp ??= new HttpClient();

                    if (_checked == null)
                    {
                        _checked = new AmazonS3Client();
                    }

                    if (_locked is null)
                    {
                        lock (Gate)
                        {
                            if (_locked is null)
                            {
                                _locked = new AmazonS3Client(RegionEndpoint.EUWest1);
                            }
                        }
                    }

                    Interlocked.CompareExchange(ref _interlocked, new AmazonS3Client(), null);
                    LazyInitializer.EnsureInitialized(ref _lazyInitialized, () => new AmazonS3Client());
                    await _coalesced.ListBucketsAsync();
                }

                private static IAmazonS3 Client => _coalesced ??= new AmazonS3Client();
            }
            """);
    }

    [Fact]
    public async Task ClientsCachedPerKeyOrRecreatedOnlyAfterAFailure_AreNotFlagged()
    {
        // Caching patterns, not per-invocation creation: a per-region client cache (factory overload of GetOrAdd, a
        // TryGetValue/ContainsKey miss, a region switch that remembers the region), a client replaced only in a catch, a
        // Lazy<T> cached in the handler, a guarded local function, IMemoryCache-style GetOrCreate on an injected cache.
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            public interface IClientCache
            {
                T GetOrCreate<T>(string key, Func<string, T> factory);
            }

            public static class ClientCacheExtensions
            {
                public static IAmazonS3 GetOrCreateAsync(this IClientCache cache, string key, Func<string, IAmazonS3> factory) => cache.GetOrCreate(key, factory);
            }

            public sealed class Input
            {
                public string Region { get; set; } = "";
            }

            public class Function
            {
                private static readonly ConcurrentDictionary<string, IAmazonS3> Clients = new();
                private readonly ConcurrentDictionary<string, IAmazonS3> _clients = new();
                private static readonly Dictionary<string, IAmazonS3> ByRegion = new();
                private static IAmazonS3 _s3 = new AmazonS3Client();
                private static IAmazonS3? _regional;
                private static string? _regionalFor;
                private static Lazy<IAmazonS3>? _lazy;
                private readonly IClientCache _cache;

                public Function(IClientCache cache) => _cache = cache;

                public async Task FunctionHandler(Input input, ILambdaContext context)
                {
                    var a = Clients.GetOrAdd(input.Region, r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));
                    var b = _clients.GetOrAdd(input.Region, static r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));
                    var c = _cache.GetOrCreate(input.Region, r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));
                    var d = _cache.GetOrCreateAsync(input.Region, r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));

                    if (!ByRegion.TryGetValue(input.Region, out var e))
                    {
                        e = new AmazonS3Client(RegionEndpoint.GetBySystemName(input.Region));
                        ByRegion[input.Region] = e;
                    }

                    if (!Clients.ContainsKey(input.Region))
                    {
                        Clients.TryAdd(input.Region, new AmazonS3Client(RegionEndpoint.GetBySystemName(input.Region)));
                    }

                    if (input.Region != _regionalFor)
                    {
                        _regional = new AmazonS3Client(RegionEndpoint.GetBySystemName(input.Region));
                        _regionalFor = input.Region;
                    }

                    _lazy ??= new Lazy<IAmazonS3>(() => new AmazonS3Client());

                    IAmazonS3 Regional()
                    {
                        if (_regional is null)
                        {
                            var created = new AmazonS3Client(RegionEndpoint.EUWest1);
                            _regional = created;
                        }

                        return _regional;
                    }

                    try
                    {
                        await _s3.ListBucketsAsync();
                    }
                    catch (ObjectDisposedException)
                    {
                        _s3 = new AmazonS3Client();
                        await _s3.ListBucketsAsync();
                    }

                    await Task.WhenAll(a.ListBucketsAsync(), b.ListBucketsAsync(), c.ListBucketsAsync(), d.ListBucketsAsync(), e.ListBucketsAsync(), Regional().ListBucketsAsync(), _lazy.Value.ListBucketsAsync());
                }
            }
            """);
    }

    [Fact]
    public async Task CacheLookalikesThatCreateAClientOnEveryInvocation_AreFlaggedAndFixed()
    {
        // The eager GetOrAdd/TryAdd overloads build a client before looking the key up; a condition on the input or on state
        // the branch does not update is not a cache guard; a client created in a catch but not kept is thrown away; a
        // dictionary local to the invocation caches nothing.
        await Verify.VerifyCodeFixAsync(Usings + """
            using System.Collections.Concurrent;

            public sealed class Input
            {
                public string Region { get; set; } = "";
                public bool Verbose { get; set; }
            }

            public class Function
            {
                private static readonly ConcurrentDictionary<string, IAmazonS3> Clients = new();
                private static IAmazonS3? _s3;
                private static bool _initialized;

                public async Task FunctionHandler(Input input, ILambdaContext context)
                {
                    var a = Clients.GetOrAdd(input.Region, {|AWSBP010:new AmazonS3Client()|});
                    Clients.TryAdd(input.Region, {|AWSBP010:new AmazonS3Client()|});
                    if (input.Verbose)
                    {
                        _s3 = {|AWSBP010:new AmazonS3Client()|};
                    }

                    if (!_initialized)
                    {
                        _s3 = {|AWSBP010:new AmazonS3Client()|};
                    }

                    var perInvocation = new ConcurrentDictionary<string, IAmazonS3>();
                    var b = perInvocation.GetOrAdd(input.Region, r => {|AWSBP010:new AmazonS3Client()|});
                    try
                    {
                        await a.ListBucketsAsync();
                    }
                    catch (AmazonS3Exception)
                    {
                        using var fresh = {|AWSBP010:new AmazonS3Client()|};
                        await fresh.ListBucketsAsync();
                    }

                    await b.ListBucketsAsync();
                }
            }
            """, Usings + """
            using System.Collections.Concurrent;

            public sealed class Input
            {
                public string Region { get; set; } = "";
                public bool Verbose { get; set; }
            }

            public class Function
            {
                private static readonly ConcurrentDictionary<string, IAmazonS3> Clients = new();
                private static IAmazonS3? _s3;
                private static bool _initialized;
                private static readonly IAmazonS3 _s3Client = new AmazonS3Client();

                public async Task FunctionHandler(Input input, ILambdaContext context)
                {
                    var a = Clients.GetOrAdd(input.Region, _s3Client);
                    Clients.TryAdd(input.Region, _s3Client);
                    if (input.Verbose)
                    {
                        _s3 = _s3Client;
                    }

                    if (!_initialized)
                    {
                        _s3 = _s3Client;
                    }

                    var perInvocation = new ConcurrentDictionary<string, IAmazonS3>();
                    var b = perInvocation.GetOrAdd(input.Region, r => _s3Client);
                    try
                    {
                        await a.ListBucketsAsync();
                    }
                    catch (AmazonS3Exception)
                    {
                        await _s3Client.ListBucketsAsync();
                    }

                    await b.ListBucketsAsync();
                }
            }
            """);
    }

    private const string FakeDb = """

        public sealed class FakeConnection : DbConnection
        {
            public FakeConnection() { }
            public FakeConnection(string connectionString) => ConnectionString = connectionString;
        #pragma warning disable CS8765
            public override string ConnectionString { get; set; } = "";
        #pragma warning restore CS8765
            public override string Database => "db";
            public override string DataSource => "db";
            public override string ServerVersion => "1";
            public override ConnectionState State => ConnectionState.Closed;
            public override void ChangeDatabase(string databaseName) { }
            public override void Close() { }
            public override void Open() { }
            protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();
            protected override DbCommand CreateDbCommand() => throw new NotSupportedException();
        }

        public sealed class FakeConnectionStringBuilder : DbConnectionStringBuilder
        {
            public string Host { get; set; } = "";
            public string Password { get; set; } = "";
            public bool Pooling { get; set; } = true;
        }

        namespace Amazon.RDS.Util
        {
            public static class RDSAuthTokenGenerator
            {
                public static string GenerateAuthToken(string hostname, int port, string dbUser) => "token";
            }
        }
        """;

    [Fact]
    public async Task PooledDbConnections_ReuseTheProcessWidePool_AndAreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Data;
            using System.Data.Common;
            using Amazon.RDS.Util;

            public class Function
            {
                private const string ConnectionString = "Host=db;Database=orders;Pooling=true";
                private static readonly string Token = RDSAuthTokenGenerator.GenerateAuthToken("db", 5432, "app");

                public async Task FunctionHandler(string connectionString, ILambdaContext context)
                {
                    using var constant = new FakeConnection(ConnectionString);
                    using var fromInput = new FakeConnection(connectionString);
                    using var fromEnvironment = new FakeConnection(Environment.GetEnvironmentVariable("DB") ?? "");
                    using var tokenFromTheStaticField = new FakeConnection($"Host=db;Password={Token}");
                    var builder = new FakeConnectionStringBuilder { Host = "db", Pooling = true };
                    using var fromBuilder = new FakeConnection(builder.ConnectionString);
                    using var unset = new FakeConnection();
                    unset.ConnectionString = "Host=db;Max Pool Size=10";
                    await constant.OpenAsync();
                }
            }
            """ + FakeDb);
    }

    [Fact]
    public async Task DbConnectionsThatOpenANewPhysicalConnectionEachTime_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Data;
            using System.Data.Common;
            using Amazon.RDS.Util;

            public class Function
            {
                private const string NoPooling = "Server=db;Pooling=no";

                public async Task FunctionHandler(string user, ILambdaContext context)
                {
                    using var constant = {|#0:new FakeConnection(NoPooling)|};
                    var token = RDSAuthTokenGenerator.GenerateAuthToken("db.cluster.eu-west-1.rds.amazonaws.com", 5432, user);
                    using var withToken = {|#1:new FakeConnection($"Host=db;Username={user};Password={token}")|};
                    var builder = new FakeConnectionStringBuilder { Host = "db" };
                    builder.Pooling = false;
                    using var fromBuilder = {|#2:new FakeConnection(builder.ConnectionString)|};
                    var tokenBuilder = new FakeConnectionStringBuilder { Host = "db", Password = RDSAuthTokenGenerator.GenerateAuthToken("db", 5432, user) };
                    using var assigned = {|#3:new FakeConnection()|};
                    assigned.ConnectionString = tokenBuilder.ConnectionString;
                    await constant.OpenAsync();
                }
            }
            """ + FakeDb,
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("FakeConnection", "FunctionHandler", "its connection string disables pooling, so every invocation opens a new physical connection; enable pooling or connect outside the handler (a static DbDataSource)"),
            Verify.Diagnostic("AWSBP010").WithLocation(1).WithArguments("FakeConnection", "FunctionHandler", "its connection string carries an RDS IAM auth token generated per invocation, which creates a new connection pool each time; build the data source outside the handler and refresh the token there (or use RDS Proxy)"),
            Verify.Diagnostic("AWSBP010").WithLocation(2).WithArguments("FakeConnection", "FunctionHandler", "its connection string disables pooling, so every invocation opens a new physical connection; enable pooling or connect outside the handler (a static DbDataSource)"),
            Verify.Diagnostic("AWSBP010").WithLocation(3).WithArguments("FakeConnection", "FunctionHandler", "its connection string carries an RDS IAM auth token generated per invocation, which creates a new connection pool each time; build the data source outside the handler and refresh the token there (or use RDS Proxy)"));
    }

    [Fact]
    public async Task DbConnection_MessageAdvisesConnectingOutsideTheHandler()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Data;
            using System.Data.Common;

            public class Function
            {
                public async Task FunctionHandler(string id, ILambdaContext context)
                {
                    using var connection = {|#0:new FakeConnection { ConnectionString = "Host=db;Pooling=false" }|};
                    await connection.OpenAsync();
                }
            }
            """ + FakeDb,
            Verify.Diagnostic("AWSBP010").WithLocation(0)
                .WithMessage("'FakeConnection' is created inside the Lambda handler 'FunctionHandler'; its connection string disables pooling, so every invocation opens a new physical connection; enable pooling or connect outside the handler (a static DbDataSource)"));
    }

    [Fact]
    public async Task CodeOutsideTheHandlerBody_IsNotFlagged()
    {
        // A helper that returns a client it keeps (factories that create one are flagged: see below), other methods of the
        // handler class, code that is not a Lambda handler at all (AWSBP070's business), and non-client SDK objects.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static readonly IAmazonS3 Shared = new AmazonS3Client();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var client = CreateClient();
                    var config = new AmazonS3Config { ServiceURL = "http://localhost:4566" };
                    var request = new PutObjectRequest { BucketName = "bucket", Key = input };
                    await client.PutObjectAsync(request);
                }

                private static IAmazonS3 CreateClient() => Shared;

                public async Task Warmup()
                {
                    using var client = new AmazonS3Client();
                    await client.ListBucketsAsync();
                }
            }

            public class ReportJob
            {
                public async Task RunAsync(string input)
                {
                    using var client = new AmazonS3Client();
                    using var http = new HttpClient();
                    await client.ListBucketsAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task BrokenCode_DoesNotCrash()
    {
        var source = Usings + """
            public class Function
            {
                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var a = new AmazonS3Client(undefinedRegion);
                    var b = new UnknownClient();
                    var c = new AmazonS3Client(
                    await a.ListBucketsAsync();
                }

                public async Task Flagged(ILambdaContext context)
                {
                    var d = {|AWSBP010:new AmazonS3Client(RegionEndpoint.USEast1)|};
                    d.NoSuchMethod();
                    var e = {|AWSBP010:new HttpClient { Timeout = missing }|};
                }

                public void Other(ILambdaContext context) => new AmazonS3Client(RegionEndpoint.
            }
            """;
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- flagged: every handler shape

    [Fact]
    public async Task ClientCreatedInContextHandler_IsFlaggedWithMessage()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|#0:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """,
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "FunctionHandler")
                .WithMessage("'AmazonS3Client' is created inside the Lambda handler 'FunctionHandler'; create it once outside the handler (static field or constructor) so warm invocations reuse it"));
    }

    [Fact]
    public async Task HttpClientAndDbConnection_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Data;
            using System.Data.Common;
            using Amazon.DynamoDBv2;
            using Amazon.Lambda.Annotations;

            public class Function
            {
                [LambdaFunction]
                public async Task<string> Get(string url)
                {
                    using var http = {|AWSBP010:new HttpClient()|};
                    using var custom = {|AWSBP010:new TracingHttpClient()|};
                    using var connection = {|AWSBP010:new FakeConnection("Host=db; pooling = False")|};
                    var dynamo = {|AWSBP010:new AmazonDynamoDBClient()|};
                    return await http.GetStringAsync(url);
                }
            }

            public sealed class TracingHttpClient : HttpClient { }
            """ + FakeDb);
    }

    [Fact]
    public async Task OwnTypesNamedLikeClients_AreNotFlagged()
    {
        // The classification compares a base type's name before its symbol: a type that only shares the name is not a client.
        await Verify.VerifyAnalyzerAsync(Usings + """
            using Amazon.Lambda.Annotations;

            public class Function
            {
                [LambdaFunction]
                public string Get(string url)
                {
                    var http = new Contoso.Http.HttpClient(url);
                    var connection = new Contoso.Data.DbConnection();
                    var client = new Contoso.Aws.AmazonServiceClient();
                    var derived = new Contoso.Aws.OrdersClient();
                    return http.Url + connection + client + derived;
                }
            }

            namespace Contoso.Http
            {
                public class HttpClient
                {
                    public HttpClient(string url) => Url = url;
                    public string Url { get; }
                }
            }

            namespace Contoso.Data
            {
                public class DbConnection { }
            }

            namespace Contoso.Aws
            {
                public class AmazonServiceClient { }
                public sealed class OrdersClient : AmazonServiceClient { }
            }
            """);
    }

    [Fact]
    public async Task CreationsInLambdasAndLocalFunctionsOfTheHandler_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Generic;
            using System.Linq;

            public class Function
            {
                private IAmazonS3? _client;

                public async Task FunctionHandler(List<string> keys, ILambdaContext context)
                {
                    await Task.WhenAll(keys.Select(async key =>
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.DeleteObjectAsync("bucket", key);
                    }));

                    IAmazonS3 Create() => {|AWSBP010:new AmazonS3Client()|};
                    await Create().ListBucketsAsync();

                    // Assigned unconditionally: still a new client per invocation.
                    _client = {|AWSBP010:new AmazonS3Client()|};
                }
            }
            """);
    }

    [Fact]
    public async Task BootstrapHandlers_InAClass_AreFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public class Program
            {
                public static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<string, string>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    await LambdaBootstrapBuilder.Create<string, string>(async input =>
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.ListBucketsAsync();
                        return input;
                    }, new DefaultLambdaJsonSerializer()).Build().RunAsync();

                    // Not a handler: runs once at start-up.
                    using var startup = new AmazonS3Client();
                }

                private static async Task<string> Handle(string input)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }

                private static async Task<string> NotPassedToCreate(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }

                public class Nested
                {
                    public async Task<string> Handler(string input, ILambdaContext context)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.ListBucketsAsync();
                        return input;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task BootstrapHandlers_InAnotherPartOfAPartialClass_AreFlagged()
    {
        var test = Verify.CreateTest();
        test.TestState.Sources.Add(("Program.cs", Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public partial class Program
            {
                public static async Task Main()
                    => await LambdaBootstrapBuilder.Create<string, string>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            }
            """));
        test.TestState.Sources.Add(("Program.Handler.cs", Usings + """
            public partial class Program
            {
                private static async Task<string> Handle(string input)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task MethodGroupsPassedToOtherCreateMethods_AreNotHandlers()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Factory
            {
                public static Func<string, Task<string>> Create(Func<string, Task<string>> f, object serializer) => f;
            }

            public class Program
            {
                public static async Task Main()
                {
                    var f = Factory.Create(Handle, new DefaultLambdaJsonSerializer());
                    await LambdaBootstrapBuilder.Create<string, string>(Other, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }

                private static async Task<string> Other(string input) => await Task.FromResult(input);

                private static async Task<string> Handle(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """);
    }

    [Fact]
    public async Task BootstrapHandlers_OfAnotherClassInTheSameDocument_AreFlagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Factory
            {
                public static Func<string, Task<string>> Create(Func<string, Task<string>> f, object serializer) => f;
            }

            public class Program
            {
                public static async Task Main()
                {
                    var f = Factory.Create(Functions.NotAHandler, new DefaultLambdaJsonSerializer());
                    var instance = new InstanceFunctions();
                    await LambdaBootstrapBuilder.Create<string, string>(Functions.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    await LambdaBootstrapBuilder.Create<string, string>(instance.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }
            }

            public static class Functions
            {
                public static async Task<string> Handle(string input)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }

                public static async Task<string> NotAHandler(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }

            public sealed class InstanceFunctions
            {
                public async Task<string> Handle(string input)
                {
                    using var http = {|AWSBP010:new HttpClient()|};
                    return await http.GetStringAsync(input);
                }
            }

            public static class SameNameNotPassed
            {
                public static async Task<string> Handle(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """;
        await test.RunAsync();
    }

    [Fact]
    public async Task MethodGroupsOfAnotherClass_InAClassLibrary_AreNotSearched()
    {
        // A class library does not start the Lambda runtime client; its documents are not searched for Create calls.
        await Verify.VerifyAnalyzerAsync(Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Entry
            {
                public static Task RunAsync()
                    => LambdaBootstrapBuilder.Create<string, string>(Functions.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            }

            public static class Functions
            {
                public static async Task<string> Handle(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """);
    }

    [Fact]
    public async Task BootstrapHandlers_OfAnotherClassInAnotherDocument_AreFlagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("Program.cs", Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            await LambdaBootstrapBuilder.Create<string, string>(MyApp.Functions.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            await LambdaBootstrapBuilder.Create<string, string>(new MyApp.InstanceFunctions().Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            await LambdaBootstrapBuilder.Create<string, string>(MyApp.Other.Run, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            """));
        test.TestState.Sources.Add(("Functions.cs", Usings + """
            namespace MyApp;

            public static class Functions
            {
                public static async Task<string> Handle(string input)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }

                // Same name as the handler passed from Other: not this method.
                public static async Task<string> Run(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }

            public sealed class InstanceFunctions
            {
                public async Task<string> Handle(string input)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }

                // An instance method passed through a type name cannot be this one.
                public async Task<string> Run(string input)
                {
                    var s3 = new AmazonS3Client();
                    await s3.ListBucketsAsync();
                    return input;
                }
            }

            public static class Other
            {
                public static Task<string> Run(string input) => Task.FromResult(input);
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task BootstrapHandlers_OfAnotherDocument_QualifiedNameMustNameTheType()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestState.Sources.Add(("Program.cs", Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            namespace Company
            {
                public static class Program
                {
                    public static async Task Main()
                    {
                        await LambdaBootstrapBuilder.Create<string, string>(Legacy.Functions.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                        await LambdaBootstrapBuilder.Create<string, string>(global::Company.Orders.Functions.Run, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                        await LambdaBootstrapBuilder.Create<string, string>(new Orders.Reports().Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                    }
                }
            }
            """));
        test.TestState.Sources.Add(("Functions.cs", Usings + """
            namespace Company.Orders
            {
                public static class Functions
                {
                    // Legacy.Functions.Handle is passed, not this method.
                    public static async Task<string> Handle(string input)
                    {
                        var s3 = new AmazonS3Client();
                        await s3.ListBucketsAsync();
                        return input;
                    }

                    public static async Task<string> Run(string input)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.ListBucketsAsync();
                        return input;
                    }
                }

                // "Orders.Reports", written inside namespace Company, names Company.Orders.Reports.
                public sealed class Reports
                {
                    public async Task<string> Handle(string input)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.ListBucketsAsync();
                        return input;
                    }
                }
            }

            namespace Legacy
            {
                public static class Functions
                {
                    public static Task<string> Handle(string input) => Task.FromResult(input);
                }
            }

            namespace Other.Orders
            {
                // Same spelling as Company.Orders.Functions, but global:: pins the whole name.
                public static class Functions
                {
                    public static async Task<string> Run(string input)
                    {
                        var s3 = new AmazonS3Client();
                        await s3.ListBucketsAsync();
                        return input;
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_HandlerOfAnotherClassInAnotherDocument_HoistsIntoItsOwnClass()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        const string Program = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            await LambdaBootstrapBuilder.Create<string, string>(Functions.Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            """;
        test.TestState.Sources.Add(("Program.cs", Program));
        test.TestState.Sources.Add(("Functions.cs", Usings + """
            public static class Functions
            {
                public static async Task<string> Handle(string input)
                {
                    // The buckets this account owns.
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.ListBucketsAsync();
                    return input;
                }
            }
            """));
        test.FixedState.Sources.Add(("Program.cs", Program));
        test.FixedState.Sources.Add(("Functions.cs", Usings + """
            public static class Functions
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                public static async Task<string> Handle(string input)
                {
                    // The buckets this account owns.
                    await s3Client.ListBucketsAsync();
                    return input;
                }
            }
            """));
        await test.RunAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1010)]
    [InlineData(4090)]
    [InlineData(8170)]
    [InlineData(-1)]
    public void BootstrapBuilderSpellingIsFoundAcrossTheChunksOfAText(int position)
    {
        var text = new string('x', 8192 + AwsBestPractice.Analyzers.Infrastructure.SourceTexts.WholeStringLength);
        if (position >= 0)
        {
            text = text.Substring(0, position) + "LambdaBootstrapBuilder" + text.Substring(position);
        }

        var source = Microsoft.CodeAnalysis.Text.SourceText.From(text);
        Assert.Equal(position >= 0, AwsBestPractice.Analyzers.Infrastructure.SourceTexts.ContainsOrdinal(source, "LambdaBootstrapBuilder"));
        Assert.False(AwsBestPractice.Analyzers.Infrastructure.SourceTexts.ContainsOrdinal(Microsoft.CodeAnalysis.Text.SourceText.From(new string('x', 1020) + "LambdaBootstrapBuilde"), "LambdaBootstrapBuilder"));
    }

    [Fact]
    public async Task BootstrapHandlers_InTopLevelStatements_AreFlagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            using var startup = new AmazonS3Client();
            var handler = async (string input) =>
            {
                var s3 = {|AWSBP010:new AmazonS3Client()|};
                await s3.ListBucketsAsync();
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            await LambdaBootstrapBuilder.Create<string, string>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            async Task<string> Handle(string input)
            {
                using var s3 = {|AWSBP010:new AmazonS3Client()|};
                await s3.ListBucketsAsync();
                return input;
            }

            async Task<string> NotAHandler(string input)
            {
                using var s3 = new AmazonS3Client();
                await s3.ListBucketsAsync();
                return input;
            }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.Errors;
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- the fix

    [Fact]
    public async Task Fix_LocalBecomesStaticReadonlyFieldOfTheServiceInterface()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = "bucket", Key = input });
                    return input;
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await s3Client.PutObjectAsync(new PutObjectRequest { BucketName = "bucket", Key = input });
                    return input;
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_KeepsTheCommentAtTheEndOfTheRemovedLine()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:new AmazonS3Client()|}; // one client per call (to be hoisted)
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    // one client per call (to be hoisted)
                    await s3Client.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_RemovesUsingDeclarationAndUsingStatement()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private const string Bucket = "bucket";

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    // One client per call.
                    using var s3 = {|AWSBP010:new AmazonS3Client(RegionEndpoint.USEast1)|};
                    await s3.DeleteObjectAsync(Bucket, input);
                    using (var http = {|AWSBP010:new HttpClient()|})
                    {
                        var body = await http.GetStringAsync(input);
                        context.Logger.LogLine(body);
                    }
                }
            }
            """, Usings + """
            public class Function
            {
                private const string Bucket = "bucket";
                private static readonly IAmazonS3 s3Client = new AmazonS3Client(RegionEndpoint.USEast1);
                private static readonly HttpClient httpClient = new HttpClient();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    // One client per call.
                    await s3Client.DeleteObjectAsync(Bucket, input);
                    var body = await httpClient.GetStringAsync(input);
                    context.Logger.LogLine(body);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_CreationUsedDirectly_AndConfigFromEnvironment()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                public async Task FunctionHandler(Stream input, ILambdaContext context)
                {
                    await {|AWSBP010:new AmazonS3Client(new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("S3_URL") })|}.ListBucketsAsync();
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client(new AmazonS3Config { ServiceURL = Environment.GetEnvironmentVariable("S3_URL") });

                public async Task FunctionHandler(Stream input, ILambdaContext context)
                {
                    await s3Client.ListBucketsAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_TargetTypedNewAndUnderscoreNamingAndNameClash()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private readonly string _bucket = "bucket";
                private static readonly IAmazonS3 _s3Client = new AmazonS3Client(RegionEndpoint.EUWest1);

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    AmazonS3Client s3 = {|AWSBP010:new()|};
                    await s3.DeleteObjectAsync(_bucket, input);
                    await _s3Client.DeleteObjectAsync(_bucket, input);
                }
            }
            """, Usings + """
            public class Function
            {
                private readonly string _bucket = "bucket";
                private static readonly IAmazonS3 _s3Client = new AmazonS3Client(RegionEndpoint.EUWest1);
                private static readonly IAmazonS3 _s3Client2 = new AmazonS3Client();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await _s3Client2.DeleteObjectAsync(_bucket, input);
                    await _s3Client.DeleteObjectAsync(_bucket, input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_ReusesExistingFieldWithTheSameCreation()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private static readonly IAmazonS3 Client = new AmazonS3Client(RegionEndpoint.USEast1);

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:new AmazonS3Client(RegionEndpoint.USEast1)|};
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 Client = new AmazonS3Client(RegionEndpoint.USEast1);

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await Client.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_KeepsTheClassTypeWhenAUseNeedsIt()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await Upload(s3, input);
                }

                private static Task Upload(AmazonS3Client client, string key) => client.DeleteObjectAsync("bucket", key);
            }
            """, Usings + """
            public class Function
            {
                private static readonly AmazonS3Client s3Client = new AmazonS3Client();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await Upload(s3Client, input);
                }

                private static Task Upload(AmazonS3Client client, string key) => client.DeleteObjectAsync("bucket", key);
            }
            """);
    }

    [Fact]
    public async Task Fix_ClassWithConstructorDependencies_UsesInstanceFieldAssignedInConstructors()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.DynamoDBv2;

            public class Function
            {
                private readonly IAmazonDynamoDB _dynamo;

                public Function() : this(new AmazonDynamoDBClient())
                {
                }

                public Function(IAmazonDynamoDB dynamo)
                {
                    _dynamo = dynamo;
                }

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.DeleteObjectAsync("bucket", input);
                }

                public async Task OtherHandler(string input, ILambdaContext context)
                {
                    await {|AWSBP010:new AmazonS3Client()|}.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            using Amazon.DynamoDBv2;

            public class Function
            {
                private readonly IAmazonDynamoDB _dynamo;
                private readonly IAmazonS3 _s3Client;

                public Function() : this(new AmazonDynamoDBClient())
                {
                }

                public Function(IAmazonDynamoDB dynamo)
                {
                    _dynamo = dynamo;
                    _s3Client = new AmazonS3Client();
                }

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await _s3Client.DeleteObjectAsync("bucket", input);
                }

                public async Task OtherHandler(string input, ILambdaContext context)
                {
                    await _s3Client.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_LambdaPassedToCreateInMain_HoistsIntoTheClass()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Program
            {
                public static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<string, string>(async input =>
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.ListBucketsAsync();
                        return input;
                    }, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }
            }
            """, Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Program
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                public static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<string, string>(async input =>
                    {
                        await s3Client.ListBucketsAsync();
                        return input;
                    }, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task NoFix_WhenArgumentsDependOnTheInvocation_OrTheClientIsMutatedOrDisposed()
    {
        var source = Usings + """
            using System.Data;
            using System.Data.Common;

            public class Function
            {
                private readonly string _region = "us-east-1";

                public async Task FunctionHandler(Input input, ILambdaContext context)
                {
                    var a = {|AWSBP010:new AmazonS3Client(RegionEndpoint.GetBySystemName(input.Region))|};
                    var region = RegionEndpoint.USEast1;
                    var b = {|AWSBP010:new AmazonS3Client(region)|};
                    var c = {|AWSBP010:new AmazonS3Client(RegionEndpoint.GetBySystemName(_region))|};
                    var d = {|AWSBP010:new AmazonS3Client()|};
                    d.Dispose();
                    var e = {|AWSBP010:new AmazonS3Client()|};
                    e = {|AWSBP010:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                    using var http = {|AWSBP010:new HttpClient()|};
                    http.DefaultRequestHeaders.Add("X-Request-Id", context.AwsRequestId);
                    using var timed = {|AWSBP010:new HttpClient()|};
                    timed.Timeout = context.RemainingTime;
                    using var connection = {|AWSBP010:new FakeConnection { ConnectionString = "Server=db; Pooling = False" }|};
                    connection.Open();
                    await Task.WhenAll(a.ListBucketsAsync(), b.ListBucketsAsync(), c.ListBucketsAsync(), e.ListBucketsAsync());
                }
            }

            public sealed class Input
            {
                public string Region { get; set; } = "";
            }
            """ + FakeDb;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    // ---------------------------------------------------------------- Fix All

    [Fact]
    public async Task FixAll_SeveralCreationsInOneClass_ShareOneFieldPerCreation()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.SQS;

            public class Function
            {
                public async Task Put(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.DeleteObjectAsync("bucket", input);
                    await {|AWSBP010:new AmazonS3Client()|}.ListBucketsAsync();
                }

                public async Task Send(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    var sqs = {|AWSBP010:new AmazonSQSClient()|};
                    await sqs.SendMessageAsync("queue", input);
                    await s3.DeleteObjectAsync("bucket", input);
                    var euS3 = {|AWSBP010:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                    await euS3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            using Amazon.SQS;

            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();
                private static readonly IAmazonSQS sqsClient = new AmazonSQSClient();
                private static readonly IAmazonS3 s3Client2 = new AmazonS3Client(RegionEndpoint.EUWest1);

                public async Task Put(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await s3Client.ListBucketsAsync();
                }

                public async Task Send(string input, ILambdaContext context)
                {
                    await sqsClient.SendMessageAsync("queue", input);
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await s3Client2.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task FixAll_AcrossDocumentsAndTypes()
    {
        await Verify.VerifyFixAllAsync(
            new[]
            {
                Usings + """
                public class First
                {
                    public async Task Handle(string input, ILambdaContext context)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.DeleteObjectAsync("bucket", input);
                    }
                }

                public class Second
                {
                    public async Task Handle(string input, ILambdaContext context)
                    {
                        var s3 = {|AWSBP010:new AmazonS3Client()|};
                        await s3.DeleteObjectAsync("bucket", input);
                    }
                }
                """,
                Usings + """
                public class Third
                {
                    public async Task<string> Handle(string input, ILambdaContext context)
                    {
                        using var http = {|AWSBP010:new HttpClient()|};
                        return await http.GetStringAsync(input);
                    }
                }
                """,
            },
            new[]
            {
                Usings + """
                public class First
                {
                    private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                    public async Task Handle(string input, ILambdaContext context)
                    {
                        await s3Client.DeleteObjectAsync("bucket", input);
                    }
                }

                public class Second
                {
                    private static readonly IAmazonS3 s3Client = new AmazonS3Client();

                    public async Task Handle(string input, ILambdaContext context)
                    {
                        await s3Client.DeleteObjectAsync("bucket", input);
                    }
                }
                """,
                Usings + """
                public class Third
                {
                    private static readonly HttpClient httpClient = new HttpClient();

                    public async Task<string> Handle(string input, ILambdaContext context)
                    {
                        return await httpClient.GetStringAsync(input);
                    }
                }
                """,
            });
    }

    // ---------------------------------------------------------------- top-level statements

    [Fact]
    public async Task Fix_TopLevelHandlers_HoistToALocalDeclaredBeforeTheHandler()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            AWSConfigs.AWSRegion = "eu-west-1";
            var handler = async (string input) =>
            {
                var s3 = {|AWSBP010:new AmazonS3Client()|};
                await s3.DeleteObjectAsync("bucket", input);
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            await LambdaBootstrapBuilder.Create<string, string>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            async Task<string> Handle(string input)
            {
                using var http = {|AWSBP010:new HttpClient()|};
                return await http.GetStringAsync(input);
            }
            """;
        test.FixedCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            AWSConfigs.AWSRegion = "eu-west-1";
            IAmazonS3 s3Client = new AmazonS3Client();
            var handler = async (string input) =>
            {
                await s3Client.DeleteObjectAsync("bucket", input);
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            HttpClient httpClient = new HttpClient();
            await LambdaBootstrapBuilder.Create<string, string>(Handle, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            async Task<string> Handle(string input)
            {
                return await httpClient.GetStringAsync(input);
            }
            """;
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- AWS SDK v3

    [Fact]
    public async Task SdkV3_IsFlaggedAndFixed()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:new AmazonS3Client(RegionEndpoint.USEast1)|};
                    await s3.DeleteObjectAsync("bucket", input);
                }

                public async Task NotAHandler(string input)
                {
                    using var s3 = new AmazonS3Client(RegionEndpoint.USEast1);
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client(RegionEndpoint.USEast1);

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                }

                public async Task NotAHandler(string input)
                {
                    using var s3 = new AmazonS3Client(RegionEndpoint.USEast1);
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, AwsSdk.V3);
    }

    // ---------------------------------------------------------------- fix edge cases

    [Fact]
    public async Task Fix_PrimaryConstructorAndExpressionBodiedConstructor()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.DynamoDBv2;

            public class Primary(IAmazonDynamoDB dynamo)
            {
                public async Task Handle(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.DeleteObjectAsync("bucket", input);
                    await dynamo.DeleteTableAsync(input);
                }
            }

            public class ExpressionBodied
            {
                private readonly IAmazonDynamoDB _dynamo;

                public ExpressionBodied(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

                public async Task Handle(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.DeleteObjectAsync("bucket", input);
                }

                public static async Task StaticHandle(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            using Amazon.DynamoDBv2;

            public class Primary(IAmazonDynamoDB dynamo)
            {
                private readonly IAmazonS3 s3Client = new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await dynamo.DeleteTableAsync(input);
                }
            }

            public class ExpressionBodied
            {
                private readonly IAmazonDynamoDB _dynamo;
                private readonly IAmazonS3 _s3Client;
                private static readonly IAmazonS3 _s3Client2 = new AmazonS3Client();

                public ExpressionBodied(IAmazonDynamoDB dynamo)
                {
                    _dynamo = dynamo;
                    _s3Client = new AmazonS3Client();
                }

                public async Task Handle(string input, ILambdaContext context)
                {
                    await _s3Client.DeleteObjectAsync("bucket", input);
                }

                public static async Task StaticHandle(string input, ILambdaContext context)
                {
                    await _s3Client2.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NamesNeverShadowOrClash()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using System.Collections.Generic;
            using System.Linq;

            public class Function
            {
                public async Task Reuse(string input, ILambdaContext context)
                {
                    var s3Client = {|AWSBP010:new AmazonS3Client()|};
                    await s3Client.DeleteObjectAsync("bucket", input);
                }

                public async Task Shadow(List<string> keys, ILambdaContext context)
                {
                    var client = {|AWSBP010:new AmazonS3Client(RegionEndpoint.EUWest1)|};
                    await Task.WhenAll(keys.Select(s3Client => client.DeleteObjectAsync("bucket", s3Client)));
                }
            }
            """, Usings + """
            using System.Collections.Generic;
            using System.Linq;

            public class Function
            {
                private static readonly IAmazonS3 s3Client = new AmazonS3Client();
                private static readonly IAmazonS3 s3Client2 = new AmazonS3Client(RegionEndpoint.EUWest1);

                public async Task Reuse(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                }

                public async Task Shadow(List<string> keys, ILambdaContext context)
                {
                    await Task.WhenAll(keys.Select(s3Client => s3Client2.DeleteObjectAsync("bucket", s3Client)));
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_OnCodeWithUnrelatedErrors_DoesNotCrash()
    {
        var test = Verify.CreateTest();
        test.TestCode = Usings + """
            public class Function
            {
                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:new AmazonS3Client()|};
                    s3.NoSuchMethod();
                    await s3.ListBucketsAsync();
                }
            }
            """;
        test.FixedCode = Usings + """
            public class Function
            {
                private static readonly AmazonS3Client s3Client = new AmazonS3Client();

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    s3Client.NoSuchMethod();
                    await s3Client.ListBucketsAsync();
                }
            }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public async Task NoFix_StaticTopLevelHandlerCannotCaptureAHoistedLocal()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            await LambdaBootstrapBuilder.Create<string, string>(static async input =>
            {
                var s3 = {|AWSBP010:new AmazonS3Client()|};
                await s3.DeleteObjectAsync("bucket", input);
                return input;
            }, new DefaultLambdaJsonSerializer()).Build().RunAsync();
            """;
        test.FixedCode = test.TestState.Sources[0].content.ToString();
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- one level of indirection: factories

    private const string FactoryAdvice = "creates a new one on every call; call it once outside the handler (static field or constructor) so warm invocations reuse it";

    [Fact]
    public async Task FactoriesThatCacheOrAreCalledOnce_AreNotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            using System.Collections.Concurrent;

            public class Function
            {
                private static IAmazonS3? _cached;
                private static readonly Lazy<IAmazonS3> LazyClient = new(() => new AmazonS3Client());
                private static readonly ConcurrentDictionary<string, IAmazonS3> PerRegion = new();
                private static readonly IAmazonS3 FromFactory = CreateFresh();
                private readonly IAmazonS3 _fromConstructor;
                private static IAmazonS3? _assignedOnce;
                private static Func<IAmazonS3> Mutable = () => new AmazonS3Client();

                public Function()
                {
                    _fromConstructor = CreateFresh();
                }

                private static IAmazonS3 CreateFresh() => new AmazonS3Client();
                private static IAmazonS3 Cached() => _cached ??= new AmazonS3Client();
                private static IAmazonS3 FromLazy() => LazyClient.Value;
                private static IAmazonS3 ForRegion(string region) => PerRegion.GetOrAdd(region, r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));
                private static IAmazonS3 Existing(IAmazonS3 client) => client;
                private static PutObjectRequest Request() => new PutObjectRequest();
                protected virtual IAmazonS3 Overridable() => new AmazonS3Client();

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await Cached().ListBucketsAsync();
                    await FromLazy().ListBucketsAsync();
                    await ForRegion(input).ListBucketsAsync();
                    await Existing(FromFactory).ListBucketsAsync();
                    await Overridable().ListBucketsAsync();
                    await Mutable().ListBucketsAsync();
                    Request();
                    _assignedOnce ??= CreateFresh();
                    await _assignedOnce.ListBucketsAsync();
                    await _fromConstructor.ListBucketsAsync();
                    return input;
                }
            }
            """);
    }

    [Fact]
    public async Task AFactoryInAnotherFile_IsNotFollowed()
    {
        var test = Verify.CreateTest();
        test.TestState.Sources.Add(("Function.cs", Usings + """
            public class Function
            {
                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await Clients.Create().ListBucketsAsync();
                    return input;
                }
            }
            """));
        test.TestState.Sources.Add(("Clients.cs", Usings + """
            public static class Clients
            {
                public static IAmazonS3 Create() => new AmazonS3Client();
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task AFactoryThatReturnsANewClient_IsFlaggedAtTheCall()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static IAmazonS3 CreateS3() => new AmazonS3Client(RegionEndpoint.USEast1);

                private static AmazonS3Client CreateConfigured(string region)
                {
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region) };
                    var client = new AmazonS3Client(config);
                    return client;
                }

                private HttpClient NewHttp() { return new HttpClient(); }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    var s3 = {|#0:CreateS3()|};
                    await s3.ListBucketsAsync();
                    using var configured = {|#1:CreateConfigured(input)|};
                    await configured.ListBucketsAsync();
                    return await {|#2:NewHttp()|}.GetStringAsync(input);
                }
            }
            """,
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "FunctionHandler", "'CreateS3' " + FactoryAdvice),
            Verify.Diagnostic("AWSBP010").WithLocation(1).WithArguments("AmazonS3Client", "FunctionHandler", "'CreateConfigured' " + FactoryAdvice),
            Verify.Diagnostic("AWSBP010").WithLocation(2).WithArguments("HttpClient", "FunctionHandler", "'NewHttp' " + FactoryAdvice));
    }

    [Fact]
    public async Task ADelegateFieldOrPropertyFactory_IsFlaggedAtTheCall()
    {
        // The AWS WebSocket blueprint's shape: a read-only Func field that builds the management API client.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static readonly Func<IAmazonS3> S3Factory = () => new AmazonS3Client();
                private Func<string, IAmazonS3> RegionalFactory { get; } = region => new AmazonS3Client(RegionEndpoint.GetBySystemName(region));

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await {|#0:S3Factory()|}.ListBucketsAsync();
                    await {|#1:RegionalFactory(input)|}.ListBucketsAsync();
                    return input;
                }
            }
            """,
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "FunctionHandler", "'S3Factory' " + FactoryAdvice),
            Verify.Diagnostic("AWSBP010").WithLocation(1).WithArguments("AmazonS3Client", "FunctionHandler", "'RegionalFactory' " + FactoryAdvice));
    }

    [Fact]
    public async Task ALocalFunctionOfTheHandler_IsReportedOnceWhereTheClientIsCreated()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await Create().ListBucketsAsync();
                    return input;

                    static IAmazonS3 Create() => {|#0:new AmazonS3Client()|};
                }
            }
            """,
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "FunctionHandler", "create it once outside the handler (static field or constructor) so warm invocations reuse it"));
    }

    [Fact]
    public async Task AFactoryCallInHalfTypedCode_DoesNotThrow()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Function
            {
                private static IAmazonS3 CreateS3() => new AmazonS3Client(
                private static IAmazonS3 Broken() { return {|CS0103:Missing|}.Make(); }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await Broken().ListBucketsAsync();
                    await {|#0:CreateS3()|}.ListBucketsAsync();
                    return input;
                }
            }
            """,
            DiagnosticResult.CompilerError("CS1026").WithSpan(12, 63, 12, 63),
            DiagnosticResult.CompilerError("CS1002").WithSpan(12, 63, 12, 63),
            Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "FunctionHandler", "'CreateS3' " + FactoryAdvice));
    }

    [Fact]
    public async Task ALocalFunctionFactoryOfTopLevelCode_IsFlaggedAtTheCallInTheLambdaHandler()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            var warm = CreateClient();
            var handler = async (string input) =>
            {
                var s3 = {|#0:CreateClient()|};
                await s3.ListBucketsAsync();
                await warm.ListBucketsAsync();
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            static IAmazonS3 CreateClient() => new AmazonS3Client();
            """;
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("AWSBP010").WithLocation(0).WithArguments("AmazonS3Client", "handler", "'CreateClient' " + FactoryAdvice));
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- the fix for factory calls

    [Fact]
    public async Task Fix_StaticFactoryMethod_CallMovesToAStaticReadonlyField()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private const string Bucket = "bucket";

                private static IAmazonS3 CreateS3()
                {
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 };
                    var client = new AmazonS3Client(config);
                    return client;
                }

                private static HttpClient NewHttp() { return new HttpClient(); }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    // The archive bucket's client.
                    using var s3 = {|AWSBP010:CreateS3()|}; // built per call
                    await s3.DeleteObjectAsync(Bucket, input);
                    return await {|AWSBP010:NewHttp()|}.GetStringAsync(input);
                }
            }
            """, Usings + """
            public class Function
            {
                private const string Bucket = "bucket";
                private static readonly IAmazonS3 s3Client = CreateS3();
                private static readonly HttpClient httpClient = NewHttp();

                private static IAmazonS3 CreateS3()
                {
                    var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 };
                    var client = new AmazonS3Client(config);
                    return client;
                }

                private static HttpClient NewHttp() { return new HttpClient(); }

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    // The archive bucket's client.
                    // built per call
                    await s3Client.DeleteObjectAsync(Bucket, input);
                    return await httpClient.GetStringAsync(input);
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_ExpressionBodiedFactoryWithConstantArguments_OneFieldPerArguments()
    {
        // The factory returns the class; every use works through the service interface, so the field is IAmazonS3.
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private const string HomeRegion = "eu-west-1";
                private static readonly RegionEndpoint Backup = RegionEndpoint.USEast1;

                private static AmazonS3Client ForRegion(RegionEndpoint region) => new AmazonS3Client(region);
                private static AmazonS3Client ForRegionName(string name) => new(RegionEndpoint.GetBySystemName(name));

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    var home = {|AWSBP010:ForRegionName(HomeRegion)|};
                    await home.DeleteObjectAsync("bucket", input);
                    var backup = {|AWSBP010:ForRegion(Backup)|};
                    await backup.DeleteObjectAsync("bucket-backup", input);
                    await {|AWSBP010:ForRegion(RegionEndpoint.EUWest1)|}.ListBucketsAsync();
                }
            }
            """, Usings + """
            public class Function
            {
                private const string HomeRegion = "eu-west-1";
                private static readonly RegionEndpoint Backup = RegionEndpoint.USEast1;
                private static readonly IAmazonS3 s3Client = ForRegionName(HomeRegion);
                private static readonly IAmazonS3 s3Client2 = ForRegion(Backup);
                private static readonly IAmazonS3 s3Client3 = ForRegion(RegionEndpoint.EUWest1);

                private static AmazonS3Client ForRegion(RegionEndpoint region) => new AmazonS3Client(region);
                private static AmazonS3Client ForRegionName(string name) => new(RegionEndpoint.GetBySystemName(name));

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await s3Client2.DeleteObjectAsync("bucket-backup", input);
                    await s3Client3.ListBucketsAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_InstanceFactoryMethod_IsCalledInTheConstructor()
    {
        // An instance method cannot be called from a field initializer (CS0236): the field is assigned in the constructors, in a
        // parameterless constructor added when the class declares none.
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.DynamoDBv2;

            public class NoConstructor
            {
                private readonly string _bucket = "bucket";

                private IAmazonS3 CreateS3() => new AmazonS3Client(RegionEndpoint.EUWest1);

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|AWSBP010:CreateS3()|}.DeleteObjectAsync(_bucket, input);
                }

                public async Task Other(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:CreateS3()|};
                    await s3.ListBucketsAsync();
                }
            }

            public class WithConstructors
            {
                private readonly IAmazonDynamoDB _dynamo;

                public WithConstructors() : this(new AmazonDynamoDBClient())
                {
                }

                public WithConstructors(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

                private IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    var s3 = {|AWSBP010:this.CreateS3()|};
                    await s3.DeleteObjectAsync("bucket", input);
                    await _dynamo.DeleteTableAsync(input);
                }
            }
            """, Usings + """
            using Amazon.DynamoDBv2;

            public class NoConstructor
            {
                private readonly string _bucket = "bucket";
                private readonly IAmazonS3 _s3Client;

                public NoConstructor()
                {
                    _s3Client = CreateS3();
                }

                private IAmazonS3 CreateS3() => new AmazonS3Client(RegionEndpoint.EUWest1);

                public async Task Handle(string input, ILambdaContext context)
                {
                    await _s3Client.DeleteObjectAsync(_bucket, input);
                }

                public async Task Other(string input, ILambdaContext context)
                {
                    await _s3Client.ListBucketsAsync();
                }
            }

            public class WithConstructors
            {
                private readonly IAmazonDynamoDB _dynamo;
                private readonly IAmazonS3 _s3Client;

                public WithConstructors() : this(new AmazonDynamoDBClient())
                {
                }

                public WithConstructors(IAmazonDynamoDB dynamo)
                {
                    _dynamo = dynamo;
                    _s3Client = this.CreateS3();
                }

                private IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await _s3Client.DeleteObjectAsync("bucket", input);
                    await _dynamo.DeleteTableAsync(input);
                }
            }
            """);
    }

    [Fact]
    public async Task NoFix_InstanceFactory_WhereNoConstructorCanCallIt()
    {
        // A primary constructor's field initializers cannot call an instance method either; a static handler has no instance;
        // a record's implicit constructor is not a plain parameterless one.
        var source = Usings + """
            public class Primary(string bucket)
            {
                private IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|AWSBP010:CreateS3()|}.DeleteObjectAsync(bucket, input);
                }
            }

            public record Handler
            {
                private IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|AWSBP010:CreateS3()|}.DeleteObjectAsync("bucket", input);
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task Fix_DelegateFactory_FieldIsInitialisedAfterTheDelegate()
    {
        // Static initializers run in textual order: the new field goes after the delegate property it calls, not just after the
        // last field (before it, the property would still be null).
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private static readonly Func<IAmazonS3> S3Factory = () => new AmazonS3Client(RegionEndpoint.USEast1);
                private static readonly string Bucket = "bucket";

                private static Func<HttpClient> HttpFactory { get; } = () => new HttpClient();

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await {|AWSBP010:S3Factory()|}.DeleteObjectAsync(Bucket, input);
                    var http = {|AWSBP010:HttpFactory()|};
                    return await http.GetStringAsync(input);
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly Func<IAmazonS3> S3Factory = () => new AmazonS3Client(RegionEndpoint.USEast1);
                private static readonly string Bucket = "bucket";
                private static readonly IAmazonS3 s3Client = S3Factory();

                private static Func<HttpClient> HttpFactory { get; } = () => new HttpClient();

                private static readonly HttpClient httpClient = HttpFactory();

                public async Task<string> FunctionHandler(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync(Bucket, input);
                    return await httpClient.GetStringAsync(input);
                }
            }
            """);
    }

    [Fact]
    public async Task FixAll_TwoHandlersCallingOneFactory_ShareOneField()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            using Amazon.SQS;

            public class Function
            {
                private static IAmazonS3 CreateS3() => new AmazonS3Client();
                private static IAmazonSQS CreateSqs() => new AmazonSQSClient();

                public async Task Put(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:CreateS3()|};
                    await s3.DeleteObjectAsync("bucket", input);
                    await {|AWSBP010:CreateSqs()|}.SendMessageAsync("queue", input);
                }

                public async Task Delete(string input, ILambdaContext context)
                {
                    await {|AWSBP010:Function.CreateS3()|}.DeleteObjectAsync("bucket", input);
                    var direct = {|AWSBP010:new AmazonS3Client()|};
                    await direct.ListBucketsAsync();
                }
            }

            public class Other
            {
                private static IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await {|AWSBP010:CreateS3()|}.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            using Amazon.SQS;

            public class Function
            {
                private static readonly IAmazonS3 s3Client = CreateS3();
                private static readonly IAmazonSQS sqsClient = CreateSqs();
                private static readonly IAmazonS3 s3Client2 = new AmazonS3Client();

                private static IAmazonS3 CreateS3() => new AmazonS3Client();
                private static IAmazonSQS CreateSqs() => new AmazonSQSClient();

                public async Task Put(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await sqsClient.SendMessageAsync("queue", input);
                }

                public async Task Delete(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                    await s3Client2.ListBucketsAsync();
                }
            }

            public class Other
            {
                private static readonly IAmazonS3 s3Client = CreateS3();

                private static IAmazonS3 CreateS3() => new AmazonS3Client();

                public async Task Handle(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                }
            }
            """);
    }

    [Fact]
    public async Task NoFix_WhenTheFactoryCallDependsOnTheInvocation()
    {
        var source = Usings + """
            public class Function
            {
                private static string _lastRegion = "us-east-1";
                private string _bucketRegion = "us-east-1";
                private static readonly Func<string, IAmazonS3> RegionalFactory = region => new AmazonS3Client(RegionEndpoint.GetBySystemName(region));

                private static IAmazonS3 ForRegion(string region) => new AmazonS3Client(RegionEndpoint.GetBySystemName(region));
                private static IAmazonS3 ForLastRegion() => new AmazonS3Client(RegionEndpoint.GetBySystemName(_lastRegion));
                private IAmazonS3 ForBucketRegion() => new AmazonS3Client(RegionEndpoint.GetBySystemName(_bucketRegion));
                private static IAmazonS3 Named(string name) => new AmazonS3Client(new AmazonS3Config { ServiceURL = "https://" + name });

                public async Task FunctionHandler(Input input, ILambdaContext context)
                {
                    await {|AWSBP010:ForRegion(input.Region)|}.ListBucketsAsync();
                    await {|AWSBP010:Named(context.FunctionName)|}.ListBucketsAsync();
                    await {|AWSBP010:RegionalFactory(input.Region)|}.ListBucketsAsync();
                    var region = "eu-west-1";
                    await {|AWSBP010:ForRegion(region)|}.ListBucketsAsync();
                    _lastRegion = input.Region;
                    await {|AWSBP010:ForLastRegion()|}.ListBucketsAsync();
                    _bucketRegion = input.Region;
                    await {|AWSBP010:ForBucketRegion()|}.ListBucketsAsync();
                    var disposed = {|AWSBP010:ForRegion("us-east-1")|};
                    disposed.Dispose();
                }
            }

            public sealed class Input
            {
                public string Region { get; set; } = "";
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task NoFix_LocalFunctionFactoryThatCapturesOrIsOutOfScope()
    {
        // A top-level local function that reads a top-level local cannot run before the local is set; a local function of Main is
        // out of scope in a field initializer of the class.
        var topLevel = Verify.CreateTest();
        topLevel.OutputKind = OutputKind.ConsoleApplication;
        topLevel.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            var regionName = Environment.GetEnvironmentVariable("BUCKET_REGION") ?? "us-east-1";
            var handler = async (string input) =>
            {
                var s3 = {|AWSBP010:CreateClient()|};
                await s3.DeleteObjectAsync("bucket", input);
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            IAmazonS3 CreateClient() => new AmazonS3Client(RegionEndpoint.GetBySystemName(regionName));
            """;
        topLevel.FixedCode = topLevel.TestState.Sources[0].content.ToString();
        await topLevel.RunAsync();

        var source = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Program
            {
                public static async Task Main()
                {
                    await LambdaBootstrapBuilder.Create<string, string>(async input =>
                    {
                        await {|AWSBP010:Create()|}.DeleteObjectAsync("bucket", input);
                        return input;
                    }, new DefaultLambdaJsonSerializer()).Build().RunAsync();

                    static IAmazonS3 Create() => new AmazonS3Client();
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task NoFix_WhenTheStaticConstructorSetsWhatTheFactoryReads()
    {
        // Field initializers run before the static constructor's body: the client would be built with a null region.
        var source = Usings + """
            public class Function
            {
                private static readonly RegionEndpoint Region;

                static Function()
                {
                    Region = RegionEndpoint.GetBySystemName(Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1");
                }

                private static IAmazonS3 Create() => new AmazonS3Client(Region);

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await {|AWSBP010:Create()|}.DeleteObjectAsync("bucket", input);
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task Fix_TopLevelLocalFunctionFactory_HoistsToALocalBeforeTheHandler()
    {
        var test = Verify.CreateTest();
        test.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            AWSConfigs.AWSRegion = "eu-west-1";
            var handler = async (string input) =>
            {
                var s3 = {|AWSBP010:CreateClient()|};
                await s3.DeleteObjectAsync("bucket", input);
                await {|AWSBP010:CreateClient()|}.ListBucketsAsync();
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            static IAmazonS3 CreateClient() => new AmazonS3Client();
            """;
        test.FixedCode = Usings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            AWSConfigs.AWSRegion = "eu-west-1";
            IAmazonS3 s3Client = CreateClient();
            var handler = async (string input) =>
            {
                await s3Client.DeleteObjectAsync("bucket", input);
                await s3Client.ListBucketsAsync();
                return input;
            };
            await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();

            static IAmazonS3 CreateClient() => new AmazonS3Client();
            """;
        await test.RunAsync();
    }

    [Fact]
    public async Task SdkV3_FactoryCallIsFixed()
    {
        // v3 clients take the region the same way; the factory's class return type becomes the interface field.
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Function
            {
                private static AmazonS3Client CreateS3() => new AmazonS3Client(new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com" });

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    using var s3 = {|AWSBP010:CreateS3()|};
                    await s3.DeleteObjectAsync("bucket", input);
                }
            }
            """, Usings + """
            public class Function
            {
                private static readonly IAmazonS3 s3Client = CreateS3();

                private static AmazonS3Client CreateS3() => new AmazonS3Client(new AmazonS3Config { ServiceURL = "https://s3.eu-west-1.amazonaws.com" });

                public async Task FunctionHandler(string input, ILambdaContext context)
                {
                    await s3Client.DeleteObjectAsync("bucket", input);
                }
            }
            """, AwsSdk.V3);
    }
}
