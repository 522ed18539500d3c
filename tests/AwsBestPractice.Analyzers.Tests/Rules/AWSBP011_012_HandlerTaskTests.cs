using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Rules.AwaitAwsCallsBeforeReturning;
using AwsBestPractice.Analyzers.Tests.Robustness;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.DoNotBlockOnAsyncCalls.DoNotBlockOnAsyncCallsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotBlockOnAsyncCalls.DoNotBlockOnAsyncCallsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

/// <summary>
/// AWSBP011 (blocking on an AWS call's task) and AWSBP012 (not awaiting it before the handler returns) together, on code shaped
/// like real Lambda handlers: SQS batches, API requests with a time budget, hedged requests, legacy synchronous handlers, and code
/// being typed. Both rules run on every source, so a task one rule leaves alone is checked not to be claimed by the other.
/// </summary>
public class HandlerTaskTests
{
    private const string Usings = Code.LambdaUsings + """
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;

        """;

    /// <summary>The event types of the handlers below (the real ones live in Amazon.Lambda.SQSEvents and friends).</summary>
    private const string Events = """

        public sealed class SqsEvent
        {
            public List<SqsRecord> Records { get; set; } = new();
        }

        public sealed class SqsRecord
        {
            public string MessageId { get; set; } = "";
            public string Body { get; set; } = "";
        }

        public sealed class ApiRequest
        {
            public string Id { get; set; } = "";
            public string Body { get; set; } = "";
        }
        """;

    private const string Clients = """
            private static readonly IAmazonSQS Sqs = new AmazonSQSClient();
            private static readonly IAmazonS3 S3 = new AmazonS3Client();
            private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient();
            private static readonly HttpClient Http = new HttpClient();
            private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/audit";

        """;

    private static string Function(string members) => Usings + "public class Function\n{\n" + Clients + members + "}\n" + Events;

    private static Task VerifyAsync(string source)
    {
        var test = Verify.CreateTest();
        test.OtherAnalyzers.Add(new AwaitAwsCallsBeforeReturningAnalyzer());
        test.TestCode = source;
        return test.RunAsync();
    }

    // ---------------------------------------------------------------- not flagged

    [Fact]
    public Task AnSqsBatchThatFansOutAndAwaitsEveryTask_IsClean()
        => VerifyAsync(Function("""
                public async Task<string> FunctionHandler(SqsEvent input, ILambdaContext context)
                {
                    var puts = input.Records
                        .Select(record => Dynamo.PutItemAsync("orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(record.MessageId) }))
                        .ToList();
                    var audit = Sqs.SendMessageAsync(QueueUrl, $"{input.Records.Count} orders");
                    var archive = S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = context.AwsRequestId, ContentBody = "batch" });
                    await Task.WhenAll(new List<Task>(puts) { audit, archive }).ConfigureAwait(false);
                    context.Logger.LogLine($"stored {puts.Count}, audit {audit.Result.MessageId}, archive {archive.Result.ETag}");
                    return audit.Result.MessageId;
                }

            """));

    [Fact]
    public Task AnApiHandlerWithATimeBudget_ReadsTheResultOnlyAfterAwaitingIt()
        => VerifyAsync(Function("""
                public async Task<string> FunctionHandler(ApiRequest request, ILambdaContext context)
                {
                    var lookup = Dynamo.GetItemAsync("orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(request.Id) });
                    try
                    {
                        await lookup.WaitAsync(context.RemainingTime - TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        return "timeout";
                    }

                    var item = lookup.Result.Item;
                    var url = Sqs.GetQueueUrlAsync("notifications");
                    await url.ConfigureAwait(false);
                    await Sqs.SendMessageAsync(url.Result.QueueUrl, request.Id);
                    return item.Count.ToString();
                }

            """));

    [Fact]
    public Task ResultsReadInTheTasksContinuations_AndTasksKeptInCollections_AreNotFlagged()
        => VerifyAsync(Function("""
                public async Task FunctionHandler(SqsEvent input, ILambdaContext context)
                {
                    var send = Sqs.SendMessageAsync(QueueUrl, "received");
                    await send.ContinueWith(t => context.Logger.LogLine(t.Result.MessageId), TaskContinuationOptions.OnlyOnRanToCompletion);
                    var head = S3.GetObjectMetadataAsync("bucket", "manifest.json");
                    var logged = head.ContinueWith(_ => context.Logger.LogLine(head.Result.ETag));

                    var first = Dynamo.PutItemAsync("orders", new Dictionary<string, AttributeValue>());
                    var second = Dynamo.PutItemAsync("orders", new Dictionary<string, AttributeValue>());
                    var pending = new List<Task<PutItemResponse>>();
                    pending.Add(first);
                    Task<PutItemResponse>[] more = [second];
                    pending.AddRange(more);
                    await Task.WhenAll(pending);
                    await logged;
                    context.Logger.LogLine($"{first.Result.HttpStatusCode} {second.Result.HttpStatusCode}");
                }

            """));

    [Fact]
    public Task AHedgedRequestThatAwaitsTheWinner_AndATaskReturnedToTheRuntime_AreNotFlagged()
        => VerifyAsync(Function("""
                public async Task<string> FunctionHandler(ApiRequest request, ILambdaContext context)
                {
                    var primary = Http.GetStringAsync("https://primary.example.com/" + request.Id);
                    var secondary = Http.GetStringAsync("https://secondary.example.com/" + request.Id);
                    var winner = await Task.WhenAny(primary, secondary);
                    var backup = await Task.Run(() => S3.GetObjectMetadataAsync("backups", request.Id));
                    return await winner + backup.ETag;
                }

                public Task<SendMessageResponse> Forward(ApiRequest request, ILambdaContext context)
                    => Sqs.SendMessageAsync(QueueUrl, request.Body);

            """));

    // ---------------------------------------------------------------- flagged

    [Fact]
    public Task ALegacySynchronousHandler_BlocksOnEveryCall()
        => VerifyAsync(Function("""
                public string FunctionHandler(ApiRequest request, ILambdaContext context)
                {
                    var item = {|AWSBP011:Dynamo.GetItemAsync("orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(request.Id) }).Result|}.Item;
                    var head = {|AWSBP011:Task.Run(() => S3.GetObjectMetadataAsync("bucket", request.Id)).GetAwaiter().GetResult()|};
                    var send = Task.Run(async () => await Sqs.SendMessageAsync(QueueUrl, request.Body));
                    {|AWSBP011:send.Wait()|};
                    {|AWSBP011:Sqs.DeleteMessageAsync(QueueUrl, "receipt").ConfigureAwait(false).GetAwaiter().GetResult()|};
                    return item.Count + head.ETag;
                }

            """));

    [Fact]
    public Task FireAndForgetAuditAndArchive_AreFlagged()
        => VerifyAsync(Function("""
                public async Task<string> FunctionHandler(ApiRequest request, ILambdaContext context)
                {
                    await Dynamo.PutItemAsync("orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(request.Id) });
                    {|AWSBP012:_ = Sqs.SendMessageAsync(QueueUrl, request.Id)|};
                    {|AWSBP012:Task.Run(async () => await S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = request.Id, ContentBody = request.Body }))|};
                    var metrics = {|AWSBP012:Task.Run(() => Http.PostAsync("https://metrics.example.com", new StringContent(request.Id)))|};
                    var notify = {|AWSBP012:Sqs.SendMessageAsync(QueueUrl, "first")|};
                    notify = {|AWSBP012:Sqs.SendMessageAsync(QueueUrl, "second")|};
                    return "accepted";
                }

            """));

    [Fact]
    public Task AHedgedRequestThatReadsEveryResultAfterWhenAny_IsFlagged()
        => VerifyAsync(Function("""
                public async Task<string> FunctionHandler(ApiRequest request, ILambdaContext context)
                {
                    var primary = S3.GetObjectMetadataAsync("primary", request.Id);
                    var replica = S3.GetObjectMetadataAsync("replica", request.Id);
                    await Task.WhenAny(primary, replica);
                    return {|AWSBP011:primary.Result|}.ETag ?? {|AWSBP011:replica.Result|}.ETag;
                }

            """));

    [Fact]
    public Task OneHandlerThatBlocksAndDrops_IsFlaggedByBothRules()
        => VerifyAsync(Function("""
                public string FunctionHandler(SqsEvent input, ILambdaContext context)
                {
                    foreach (var record in input.Records)
                    {
                        var response = {|AWSBP011:Sqs.SendMessageAsync(QueueUrl, record.Body).Result|};
                        context.Logger.LogLine(response.MessageId);
                        {|AWSBP012:Sqs.DeleteMessageAsync(QueueUrl, record.MessageId)|};
                    }

                    return "done";
                }

            """));

    // ---------------------------------------------------------------- code being typed

    private const string HalfTyped = """
            public async Task<string> FunctionHandler(ApiRequest request, ILambdaContext context)
            {
                var send = Sqs.SendMessageAsync(QueueUrl, );
                var id = send.Result.
                var head = Task.Run(() => S3.GetObjectMetadataAsync("bucket", request.).Result;
                await Task.WhenAll(send, ;
                var logged = send.ContinueWith(_ => send.
                Task<SendMessageResponse>[] all = [send, ;
                var list = new List<Task>();
                list.Add(;
                var pending = {|AWSBP012:Sqs.SendMessageAsync(QueueUrl, "m")|};
                pending = ;
                _ = Task.Run(async () => await Unknown.SendAsync(request.Id));
                await Task.WhenAny(send, missing).WaitAsync(;
                {|AWSBP012:Task.Run(() => Dynamo.PutItemAsync("orders", new Dictionary<string, AttributeValue> { ["id"] = }))|};
                var get = S3.GetObjectMetadataAsync("bucket", request.Id);
                var etag = get.ContinueWith(_ => get.Result.);
                var early = {|AWSBP011:get.Result|}.ContentLength +;
                Task<GetObjectMetadataResponse>[] copies = [get, ];
                list.Add(get
                await get.WaitAsync(;
                var size = get.Result.ContentLength +;
                var url = {|AWSBP012:Sqs.GetQueueUrlAsync("orders")|};
                url = Sqs.GetQueueUrlAsync(;
                var legacy = {|AWSBP011:Task.Run(() => Sqs.GetQueueUrlAsync("legacy")).Result|}.;
                return send.GetAwaiter().GetResult(.MessageId;
            }

        """;

    [Fact]
    public async Task HalfTypedHandlerCode_DoesNotThrow()
    {
        // Whatever the rules make of it, nothing may throw: an analyzer exception surfaces as AD0001.
        var run = AnalyzerRunner.Run(AnalyzerRunner.Compile("/0/Function.cs", Regex.Replace(Function(HalfTyped), @"\{\|AWSBP01[12]:|\|\}", string.Empty)));
        Assert.Empty(run.Exceptions);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "AD0001");

        // Through the test kit, with the compiler's errors allowed: the diagnostics are the ones the typed parts deserve.
        var test = Verify.CreateTest();
        test.OtherAnalyzers.Add(new AwaitAwsCallsBeforeReturningAnalyzer());
        test.TestCode = Function(HalfTyped);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
