using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.DoNotBlockOnAsyncCalls.DoNotBlockOnAsyncCallsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotBlockOnAsyncCalls.DoNotBlockOnAsyncCallsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class DoNotBlockOnAsyncCallsTests
{
    private const string SyncHandler = "public string Handle(string queueUrl, ILambdaContext context)";
    private const string AsyncHandler = "public async Task<string> HandleAsync(string queueUrl, ILambdaContext context)";

    // ---------------------------------------------------------------- not flagged (the tricky cases first)

    [Fact]
    public Task BlockingOutsideAHandlerIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            public static class Cli
            {
                public static void Main(string[] args)
                {
                    var sqs = new AmazonSQSClient();
                    var id = sqs.SendMessageAsync(args[0], args[1]).Result.MessageId;
                    sqs.DeleteQueueAsync(args[0]).Wait();
                    Console.WriteLine(id);
                }
            }
            """);

    [Fact]
    public Task AConstructorOrStaticInitialiserThatWarmsTheClientIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, "return QueueUrl + context.AwsRequestId;", """
                private static readonly string QueueUrl = Sqs.GetQueueUrlAsync("orders").Result.QueueUrl;
                private readonly string _bucketRegion;

                public Function()
                {
                    _bucketRegion = S3.GetBucketLocationAsync("reports").GetAwaiter().GetResult().Location.Value;
                }

            """));

    [Fact]
    public Task AResultReadAfterTheTaskWasAwaitedDoesNotBlock()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var first = Sqs.SendMessageAsync(queueUrl, "a");
            var second = Sqs.SendMessageAsync(queueUrl, "b");
            await Task.WhenAll(first, second);
            var third = S3.GetObjectMetadataAsync("bucket", "key");
            await third;
            return first.Result.MessageId + second.Result.MessageId + third.Result.ETag;
            """));

    [Fact]
    public Task AResultReadAfterACompletionCheckOrWhenAllOfAnArrayDoesNotBlock()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "a");
            var get = S3.GetObjectMetadataAsync("bucket", "key");
            await Task.WhenAll(new Task[] { get });
            if (send.IsCompletedSuccessfully)
            {
                return send.Result.MessageId + get.Result.ETag;
            }

            return string.Empty;
            """));

    [Fact]
    public Task AResultReadAfterAnAwaitThroughConfigureAwaitOrWaitAsyncDoesNotBlock()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "a");
            await send.ConfigureAwait(false);
            var get = S3.GetObjectMetadataAsync("bucket", "key");
            await get.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var url = Sqs.GetQueueUrlAsync("orders");
            await url.WaitAsync(context.RemainingTime);
            return send.Result.MessageId + get.GetAwaiter().GetResult().ETag + url.Result.QueueUrl;
            """));

    [Fact]
    public Task AResultReadInTheTasksOwnContinuationDoesNotBlock()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "a");
            var id = await send.ContinueWith(t => t.Result.MessageId);
            var get = S3.GetObjectMetadataAsync("bucket", "key");
            var etag = await get.ContinueWith(_ => get.Result.ETag);
            var direct = await Sqs.GetQueueUrlAsync("orders").ContinueWith(t => t.Result.QueueUrl);
            return id + etag + direct;
            """));

    [Fact]
    public Task ATaskHandedToACollectionBeforeTheReadIsNotFollowed()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var a = Sqs.SendMessageAsync(queueUrl, "a");
            var b = Sqs.SendMessageAsync(queueUrl, "b");
            var array = new[] { a, b };
            await Task.WhenAny(array);
            var c = Sqs.SendMessageAsync(queueUrl, "c");
            Task<SendMessageResponse>[] expression = [c];
            await Task.WhenAll(expression);
            var d = Sqs.SendMessageAsync(queueUrl, "d");
            var e = Sqs.SendMessageAsync(queueUrl, "e");
            var list = new List<Task> { d };
            list.AddRange(new Task[] { e });
            await Task.WhenAll(list);
            var f = Sqs.SendMessageAsync(queueUrl, "f");
            var g = Sqs.SendMessageAsync(queueUrl, "g");
            var h = Sqs.SendMessageAsync(queueUrl, "h");
            var i = Sqs.SendMessageAsync(queueUrl, "i");
            var queue = new Queue<Task>();
            queue.Enqueue(f);
            var stack = new Stack<Task>();
            stack.Push(g);
            var byKey = new Dictionary<string, Task>();
            byKey.TryAdd("h", h);
            var more = new List<Task>();
            more.Add(i);
            await Task.WhenAll(queue.Concat(stack).Concat(byKey.Values).Concat(more));
            return a.Result.MessageId + b.Result.MessageId + c.Result.MessageId + d.Result.MessageId + e.Result.MessageId
                + f.Result.MessageId + g.Result.MessageId + h.Result.MessageId + i.Result.MessageId;
            """));

    [Fact]
    public Task TasksPassedToWhenAllOrWaitAllAreComplete()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var a = Sqs.SendMessageAsync(queueUrl, "a");
            var b = S3.GetObjectMetadataAsync("bucket", "key");
            await Task.WhenAll([a, b]).ConfigureAwait(false);
            var c = Sqs.SendMessageAsync(queueUrl, "c");
            await Task.WhenAll(new List<Task> { c });
            var d = Sqs.SendMessageAsync(queueUrl, "d");
            Task.WaitAll(new Task[] { d }, TimeSpan.FromSeconds(1));
            return a.Result.MessageId + b.Result.ETag + c.Result.MessageId + d.Result.MessageId;
            """));

    [Fact]
    public Task AFakeOfTheUsersOwnIsNotAnAwsCall()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, "return Fake.SendMessageAsync(queueUrl, \"m\").Result.MessageId;", """
                private static readonly FakeSqs Fake = new FakeSqs();

                public sealed class FakeSqs
                {
                    public Task<SendMessageResponse> SendMessageAsync(string queueUrl, string body) => Task.FromResult(new SendMessageResponse { MessageId = "1" });
                }

            """));

    [Fact]
    public Task TasksThatAreNotAwsCallsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, """
            var cached = Task.FromResult("cached").Result;
            var computed = Task.Run(() => queueUrl.Length).Result;
            return cached + computed + SendAsync(queueUrl).Result;
            """, """
                private static async Task<string> SendAsync(string queueUrl) => (await Sqs.SendMessageAsync(queueUrl, "m")).MessageId;

            """));

    [Fact]
    public Task ALocalGivenSeveralValuesIsNotFollowed()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, """
            Task<SendMessageResponse> task = Task.FromResult(new SendMessageResponse());
            if (queueUrl.Length > 0)
            {
                task = Sqs.SendMessageAsync(queueUrl, "m");
            }

            return task.Result.MessageId;
            """));

    [Fact]
    public Task ANonLambdaAsyncMethodThatBlocksIsAnotherAnalyzersBusiness()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            public class Worker
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public string Send(string queueUrl) => Sqs.SendMessageAsync(queueUrl, "m").Result.MessageId;
            }
            """);

    [Fact]
    public Task AwaitedOrNonAwsWhenAllIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            await Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b"));
            Task.WhenAll(Task.Delay(10), Task.CompletedTask).Wait();
            var first = Task.WhenAny(Task.Delay(10), Task.Delay(20)).GetAwaiter().GetResult();
            return first.IsCompleted ? queueUrl : string.Empty;
            """));

    // ---------------------------------------------------------------- flagged

    [Fact]
    public Task ResultWaitAndGetResultOnAwsCallsAreFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction("public void Handle(string queueUrl, ILambdaContext context)", """
            var id = {|#0:Sqs.SendMessageAsync(queueUrl, "m").Result|}.MessageId;
            {|#1:S3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = id, ContentBody = "x" }).Wait()|};
            var head = {|#2:S3.GetObjectMetadataAsync("b", id).GetAwaiter().GetResult()|};
            context.Logger.LogLine(head.ETag);
            """),
            Verify.Diagnostic("AWSBP011").WithLocation(0).WithArguments(".Result", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(1).WithArguments(".Wait()", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "Handle"));

    [Fact]
    public Task ATaskHeldInALocalAndAConfiguredAwaiterAreFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "m");
            var response = [|send.Result|];
            var url = [|Sqs.GetQueueUrlAsync("orders").ConfigureAwait(false).GetAwaiter().GetResult()|].QueueUrl;
            return response.MessageId + url;
            """));

    [Fact]
    public Task WhenAnyCompletesOnlyOneTask_TheOthersResultIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var primary = Sqs.SendMessageAsync(queueUrl, "primary");
            var fallback = Sqs.SendMessageAsync(queueUrl, "fallback");
            await Task.WhenAny(primary, fallback);
            var slow = S3.GetObjectMetadataAsync("bucket", "key");
            Task.WaitAny(new Task[] { slow, Task.Delay(1000) });
            return [|primary.Result|].MessageId + [|fallback.Result|].MessageId + [|slow.Result|].ETag;
            """));

    [Fact]
    public Task BlockingOnATaskRunOfAnAwsCallIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction("public string Handle(string queueUrl, ILambdaContext context)", """
            var head = {|#0:Task.Run(() => S3.GetObjectMetadataAsync("bucket", "key")).Result|};
            {|#1:Task.Run(async () => await Sqs.DeleteQueueAsync(queueUrl)).Wait()|};
            var url = {|#2:Task.Run(() => Sqs.GetQueueUrlAsync("orders")).GetAwaiter().GetResult()|};
            var send = Task.Run(() => Sqs.SendMessageAsync(queueUrl, "m"));
            return head.ETag + url.QueueUrl + {|#3:send.Result|}.MessageId;
            """),
            Verify.Diagnostic("AWSBP011").WithLocation(0).WithArguments(".Result", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(1).WithArguments(".Wait()", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(2).WithArguments(".GetAwaiter().GetResult()", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(3).WithArguments(".Result", "Handle"));

    [Fact]
    public Task HttpClientCallsAreFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, "return [|Http.GetStringAsync(queueUrl).Result|];"));

    [Fact]
    public Task BlockingInsideAnAsyncHandlerIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            await Sqs.SendMessageAsync(queueUrl, "first");
            return [|Sqs.SendMessageAsync(queueUrl, "second").Result|].MessageId;
            """));

    [Fact]
    public Task BlockingInALambdaOfTheHandlerAndWaitWithATimeoutAreFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, """
            var ids = new[] { "a", "b" }.Select(body => [|Sqs.SendMessageAsync(queueUrl, body).Result|].MessageId).ToList();
            [|Sqs.DeleteQueueAsync(queueUrl).Wait(TimeSpan.FromSeconds(5))|];
            return string.Join(",", ids);
            """));

    [Fact]
    public Task AnAnnotatedHandlerIsAHandler()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            public class Functions
            {
                private readonly IAmazonS3 _s3;

                public Functions(IAmazonS3 s3) => _s3 = s3;

                [Amazon.Lambda.Annotations.LambdaFunction]
                public string Get(string key) => [|_s3.GetObjectMetadataAsync("bucket", key).Result|].ETag;
            }
            """);

    [Fact]
    public Task AHandlerPassedToTheBootstrapIsAHandler()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public static class Program
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public static async Task Main()
                {
                    Func<string, ILambdaContext, string> handler = (queueUrl, context) => [|Sqs.SendMessageAsync(queueUrl, "m").Result|].MessageId;
                    await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer()).Build().RunAsync();
                }
            }
            """);

    [Fact]
    public Task SdkV3IsFlaggedToo()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings.Replace("using Amazon.SQS;\nusing Amazon.SQS.Model;\n", string.Empty) + """
            public class Function
            {
                private static readonly IAmazonS3 S3 = new AmazonS3Client();

                public string Handle(string key, ILambdaContext context) => [|S3.GetObjectMetadataAsync("bucket", key).Result|].ETag;
            }
            """, AwsSdk.V3);

    // ---------------------------------------------------------------- fix

    [Fact]
    public Task Fix_InAnAsyncHandler_AwaitsAndParenthesisesAMemberRead()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction(AsyncHandler, """
                // send, then read the ID
                var id = [|Sqs.SendMessageAsync(queueUrl, "m").Result|].MessageId; // keep me
                return id;
                """),
            Code.InLambdaFunction(AsyncHandler, """
                // send, then read the ID
                var id = (await Sqs.SendMessageAsync(queueUrl, "m")).MessageId; // keep me
                return id;
                """));

    [Fact]
    public Task Fix_MakesASyncHandlerAsync_KeepingItsNameAndParameters()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction(SyncHandler, """
                var response = [|Sqs.SendMessageAsync(queueUrl, "m").GetAwaiter().GetResult()|];
                return response.MessageId;
                """),
            Code.InLambdaFunction("public async Task<string> Handle(string queueUrl, ILambdaContext context)", """
                var response = await Sqs.SendMessageAsync(queueUrl, "m");
                return response.MessageId;
                """));

    [Fact]
    public Task Fix_AVoidHandlerBecomesAsyncTask_AndAConfigureAwaitIsKept()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction("public void Handle(string queueUrl, ILambdaContext context)", """
                [|Sqs.DeleteQueueAsync(queueUrl).Wait()|];
                var url = [|Sqs.GetQueueUrlAsync("orders").ConfigureAwait(false).GetAwaiter().GetResult()|].QueueUrl;
                context.Logger.LogLine(url);
                """),
            Code.InLambdaFunction("public async Task Handle(string queueUrl, ILambdaContext context)", """
                await Sqs.DeleteQueueAsync(queueUrl);
                var url = (await Sqs.GetQueueUrlAsync("orders").ConfigureAwait(false)).QueueUrl;
                context.Logger.LogLine(url);
                """));

    [Fact]
    public Task Fix_AwaitsATaskRunOfAnAwsCall()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction(AsyncHandler, """
                var head = [|Task.Run(() => S3.GetObjectMetadataAsync("bucket", queueUrl)).Result|];
                return head.ETag;
                """),
            Code.InLambdaFunction(AsyncHandler, """
                var head = await Task.Run(() => S3.GetObjectMetadataAsync("bucket", queueUrl));
                return head.ETag;
                """));

    [Fact]
    public Task Fix_AddsTheTasksUsing()
        => Verify.VerifyCodeFixAsync(
            """
            using Amazon.Lambda.Core;
            using Amazon.SQS;

            public class Function
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public static string Handle(string queueUrl, ILambdaContext context)
                    => [|Sqs.SendMessageAsync(queueUrl, "m").Result|].MessageId;
            }
            """,
            """
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;
            using Amazon.SQS;

            public class Function
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public static async Task<string> Handle(string queueUrl, ILambdaContext context)
                    => (await Sqs.SendMessageAsync(queueUrl, "m")).MessageId;
            }
            """);

    [Fact]
    public async Task NoFix_WhereAwaitWouldBreakCallersOrIsNotAllowed()
    {
        // A caller in the compilation, an interface the handler implements, a lambda that is not async, a Wait with a timeout.
        var source = Code.LambdaUsings + """
            public interface IHandler
            {
                string Handle(string queueUrl, ILambdaContext context);
            }

            public class Called
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public string Handle(string queueUrl, ILambdaContext context) => [|Sqs.SendMessageAsync(queueUrl, "m").Result|].MessageId;
            }

            public class Caller
            {
                public string Run(ILambdaContext context) => new Called().Handle("q", context);
            }

            public class Implementation : IHandler
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public string Handle(string queueUrl, ILambdaContext context)
                {
                    var ids = new[] { "a" }.Select(body => [|Sqs.SendMessageAsync(queueUrl, body).Result|].MessageId).ToList();
                    lock (Sqs)
                    {
                        ids.Add([|Sqs.SendMessageAsync(queueUrl, "locked").Result|].MessageId);
                    }

                    return [|Sqs.SendMessageAsync(queueUrl, "m").Result|].MessageId + ids.Count;
                }
            }

            public class Timed
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public async Task Handle(string queueUrl, ILambdaContext context)
                {
                    await Task.Yield();
                    [|Sqs.DeleteQueueAsync(queueUrl).Wait(1000)|];
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task FixAll_MakesEachHandlerAsyncOnce()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                Code.InLambdaFunction(SyncHandler, """
                    var first = {|AWSBP011:Sqs.SendMessageAsync(queueUrl, "a").Result|};
                    var second = {|AWSBP011:Sqs.SendMessageAsync(queueUrl, {|AWSBP011:Sqs.GetQueueUrlAsync("orders").Result|}.QueueUrl).Result|};
                    return first.MessageId + second.MessageId;
                    """),
            },
            new[]
            {
                Code.InLambdaFunction("public async Task<string> Handle(string queueUrl, ILambdaContext context)", """
                    var first = await Sqs.SendMessageAsync(queueUrl, "a");
                    var second = await Sqs.SendMessageAsync(queueUrl, (await Sqs.GetQueueUrlAsync("orders")).QueueUrl);
                    return first.MessageId + second.MessageId;
                    """),
            });

    [Fact]
    public Task BlockingOnWhenAllOrWhenAnyOfAwsCallsIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(SyncHandler, """
            {|#0:Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b")).GetAwaiter().GetResult()|};
            {|#1:Task.WhenAll(new[] { "x", "y" }.Select(key => S3.DeleteObjectAsync("bucket", key))).Wait()|};
            var get = S3.GetObjectMetadataAsync("bucket", "key");
            var first = {|#2:Task.WhenAny(get, Task.Delay(1000)).Result|};
            return first == get ? queueUrl : string.Empty;
            """),
            Verify.Diagnostic("AWSBP011").WithLocation(0).WithArguments(".GetAwaiter().GetResult()", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(1).WithArguments(".Wait()", "Handle"),
            Verify.Diagnostic("AWSBP011").WithLocation(2).WithArguments(".Result", "Handle"));

    [Fact]
    public Task Fix_AwaitsTheCombinedTask()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction("public void Handle(string queueUrl, ILambdaContext context)", """
                [|Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b")).Wait()|];
                """),
            Code.InLambdaFunction("public async Task Handle(string queueUrl, ILambdaContext context)", """
                await Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b"));
                """));
}
