using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.AwaitAwsCallsBeforeReturning.AwaitAwsCallsBeforeReturningAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.AwaitAwsCallsBeforeReturning.AwaitAwsCallsBeforeReturningFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class AwaitAwsCallsBeforeReturningTests
{
    private const string AsyncHandler = "public async Task<string> HandleAsync(string queueUrl, ILambdaContext context)";

    // ---------------------------------------------------------------- not flagged (the tricky cases first)

    [Fact]
    public Task AwaitedReturnedOrCombinedTasksAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            await Sqs.SendMessageAsync(queueUrl, "awaited");
            var first = Sqs.SendMessageAsync(queueUrl, "a");
            var second = S3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" });
            await Task.WhenAll(first, second);
            var later = Sqs.SendMessageAsync(queueUrl, "later");
            context.Logger.LogLine("sent");
            await later.ConfigureAwait(false);
            var tasks = new List<Task>();
            tasks.Add(Sqs.SendMessageAsync(queueUrl, "listed"));
            await Task.WhenAll(tasks);
            return first.Result.MessageId;
            """));

    [Fact]
    public Task ATaskReturnedByASyncHandlerIsAwaitedByTheRuntime()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            public class Function
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public Task<SendMessageResponse> Handle(string queueUrl, ILambdaContext context) => Sqs.SendMessageAsync(queueUrl, "m");

                public Task Other(string queueUrl, ILambdaContext context)
                {
                    return Sqs.DeleteQueueAsync(queueUrl);
                }
            }
            """);

    [Fact]
    public Task FireAndForgetOutsideAHandlerIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            public class Worker
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public void Start(string queueUrl)
                {
                    _ = Sqs.SendMessageAsync(queueUrl, "background");
                    Sqs.PurgeQueueAsync(queueUrl);
                }
            }
            """);

    [Fact]
    public Task AConstructorThatStartsAWarmUpIsNotAHandler()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, "return await Warm;", """
                private static readonly Task<string> Warm = Http.GetStringAsync("https://example.com");

                public Function()
                {
                    _ = Sqs.GetQueueUrlAsync("orders");
                }

            """));

    [Fact]
    public Task AFakeOrANonAwsTaskIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            Fake.SendMessageAsync(queueUrl);
            _ = Task.Delay(10);
            Task.Run(() => Console.WriteLine(queueUrl));
            LogAsync(queueUrl);
            return await Task.FromResult("ok");
            """, """
                private static readonly FakeSqs Fake = new FakeSqs();

                private static Task LogAsync(string text) => Task.CompletedTask;

                public sealed class FakeSqs
                {
                    public Task SendMessageAsync(string queueUrl) => Task.CompletedTask;
                }

            """));

    [Fact]
    public Task ATaskBlockedOnIsAwsbp011sBusiness()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction("public string Handle(string queueUrl, ILambdaContext context)", """
            var send = Sqs.SendMessageAsync(queueUrl, "m");
            send.Wait();
            return Sqs.GetQueueUrlAsync("orders").Result.QueueUrl;
            """));

    [Fact]
    public Task ATaskHandedToAnotherMethodIsNotFollowed()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "m");
            Track(send);
            var continuation = Sqs.SendMessageAsync(queueUrl, "n").ContinueWith(t => context.Logger.LogLine(t.Status.ToString()));
            await continuation;
            return "ok";
            """, """
                private static void Track(Task task) { }

            """));

    [Fact]
    public Task ATaskAssignedToAFieldIsKeptByTheObject()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            _pending = Sqs.SendMessageAsync(queueUrl, "m");
            return await Task.FromResult("ok");
            """, """
                private Task _pending;

            """));

    // ---------------------------------------------------------------- flagged

    [Fact]
    public Task ACallUsedAsAStatementOrDiscardedIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            {|#0:Sqs.SendMessageAsync(queueUrl, "dropped")|};
            {|#1:_ = S3.DeleteObjectAsync("bucket", "key")|};
            return "ok";
            """),
            Verify.Diagnostic("AWSBP012").WithLocation(0).WithArguments("SendMessageAsync", "HandleAsync"),
            Verify.Diagnostic("AWSBP012").WithLocation(1).WithArguments("DeleteObjectAsync", "HandleAsync"));

    [Fact]
    public Task ATaskRunThatMakesAnAwsCallAndIsDroppedIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            {|#0:Task.Run(() => Sqs.SendMessageAsync(queueUrl, "background"))|};
            {|#1:_ = Task.Run(async () => await S3.DeleteObjectAsync("bucket", "key"))|};
            return "ok";
            """),
            Verify.Diagnostic("AWSBP012").WithLocation(0).WithArguments("Task.Run", "HandleAsync"),
            Verify.Diagnostic("AWSBP012").WithLocation(1).WithArguments("Task.Run", "HandleAsync"));

    [Fact]
    public Task ATaskKeptInALocalThatIsNeverUsedIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var audit = [|Sqs.SendMessageAsync(queueUrl, "audit")|];
            var upload = [|S3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" })|].ConfigureAwait(false);
            context.Logger.LogLine(audit.IsCompleted ? "done" : "pending");
            return "ok";
            """));

    [Fact]
    public Task ATaskRunOfAnAwsCallKeptInALocalThatIsNeverUsedIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var archive = {|#0:Task.Run(() => S3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }))|};
            var audit = {|#1:Task.Run(async () => await Sqs.SendMessageAsync(queueUrl, "audit"))|};
            var awaited = Task.Run(() => Sqs.SendMessageAsync(queueUrl, "awaited"));
            var local = Task.Run(() => queueUrl.Length);
            context.Logger.LogLine(audit.Status.ToString());
            await awaited;
            return "ok";
            """),
            Verify.Diagnostic("AWSBP012").WithLocation(0).WithArguments("Task.Run", "HandleAsync"),
            Verify.Diagnostic("AWSBP012").WithLocation(1).WithArguments("Task.Run", "HandleAsync"));

    [Fact]
    public Task ATaskWhoseLocalIsOnlyOverwrittenIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var pending = [|Sqs.SendMessageAsync(queueUrl, "first")|];
            pending = [|Sqs.SendMessageAsync(queueUrl, "second")|];
            Task<SendMessageResponse> awaited = Sqs.SendMessageAsync(queueUrl, "third");
            context.Logger.LogLine("sending");
            await awaited;
            return "ok";
            """));

    [Fact]
    public Task ASyncHandlerThatDropsATaskIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction("public void Handle(string queueUrl, ILambdaContext context)", """
            [|Sqs.SendMessageAsync(queueUrl, "m")|].ConfigureAwait(false);
            [|Http.PostAsync(queueUrl, new StringContent("x"))|];
            """));

    [Fact]
    public Task ADropInALambdaOfTheHandlerIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            new List<string> { "a", "b" }.ForEach(body => [|Sqs.SendMessageAsync(queueUrl, body)|]);
            return await Task.FromResult("ok");
            """));

    [Fact]
    public Task AnAnnotatedOrBootstrappedHandlerIsAHandler()
        => Verify.VerifyAnalyzerAsync(Code.LambdaUsings + """
            using Amazon.Lambda.RuntimeSupport;
            using Amazon.Lambda.Serialization.SystemTextJson;

            public class Functions
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                [Amazon.Lambda.Annotations.LambdaFunction]
                public string Post(string queueUrl)
                {
                    [|Sqs.SendMessageAsync(queueUrl, "m")|];
                    return "accepted";
                }

                public static async Task Main()
                {
                    Func<string, ILambdaContext, Task<string>> handler = async (queueUrl, context) =>
                    {
                        [|Sqs.SendMessageAsync(queueUrl, "n")|];
                        return await Task.FromResult("ok");
                    };
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

                public string Handle(string key, ILambdaContext context)
                {
                    [|S3.DeleteObjectAsync("bucket", key)|];
                    return key;
                }
            }
            """, AwsSdk.V3);

    [Fact]
    public Task ADroppedWhenAllOfAwsCallsIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction(AsyncHandler, """
            var send = Sqs.SendMessageAsync(queueUrl, "a");
            {|#0:_ = Task.WhenAll(send, S3.DeleteObjectAsync("bucket", "key"))|};
            {|#1:Task.WhenAll(new[] { "x", "y" }.Select(key => S3.DeleteObjectAsync("bucket", key)))|};
            await Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "b"));
            _ = Task.WhenAll(Task.Delay(10), Task.CompletedTask);
            return "ok";
            """),
            Verify.Diagnostic("AWSBP012").WithLocation(0).WithArguments("Task.WhenAll", "HandleAsync"),
            Verify.Diagnostic("AWSBP012").WithLocation(1).WithArguments("Task.WhenAll", "HandleAsync"));

    [Fact]
    public Task AWhenAllOfAwsCallsThatIsReturnedOrAwaitedLaterIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InLambdaFunction("public Task HandleAsync(string queueUrl, ILambdaContext context)", """
            var all = Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b"));
            return all;
            """));

    [Fact]
    public Task Fix_AwaitsADroppedWhenAll()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction(AsyncHandler, """
                {|AWSBP012:_ = Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b"))|};
                return "ok";
                """),
            Code.InLambdaFunction(AsyncHandler, """
                await Task.WhenAll(Sqs.SendMessageAsync(queueUrl, "a"), Sqs.SendMessageAsync(queueUrl, "b"));
                return "ok";
                """));

    // ---------------------------------------------------------------- fix

    [Fact]
    public Task Fix_AwaitsTheDroppedCallAndTheDiscard_KeepingComments()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction(AsyncHandler, """
                // tell the audit queue
                {|AWSBP012:Sqs.SendMessageAsync(queueUrl, "audit")|}; // best effort
                {|AWSBP012:_ = S3.DeleteObjectAsync("bucket", "key")|};
                {|AWSBP012:Task.Run(() => Sqs.SendMessageAsync(queueUrl, "background"))|};
                return "ok";
                """),
            Code.InLambdaFunction(AsyncHandler, """
                // tell the audit queue
                await Sqs.SendMessageAsync(queueUrl, "audit"); // best effort
                await S3.DeleteObjectAsync("bucket", "key");
                await Task.Run(() => Sqs.SendMessageAsync(queueUrl, "background"));
                return "ok";
                """));

    [Fact]
    public Task Fix_MakesAVoidHandlerAsyncTask()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaFunction("public void Handle(string queueUrl, ILambdaContext context)", """
                [|Sqs.SendMessageAsync(queueUrl, "m")|].ConfigureAwait(false);
                context.Logger.LogLine("sent");
                """),
            Code.InLambdaFunction("public async Task Handle(string queueUrl, ILambdaContext context)", """
                await Sqs.SendMessageAsync(queueUrl, "m").ConfigureAwait(false);
                context.Logger.LogLine("sent");
                """));

    [Fact]
    public async Task NoFix_ForAnUnusedLocal_ALambda_OrAReferencedMethod()
    {
        var source = Code.LambdaUsings + """
            public class Function
            {
                private static readonly IAmazonSQS Sqs = new AmazonSQSClient();

                public async Task<string> HandleAsync(string queueUrl, ILambdaContext context)
                {
                    var audit = [|Sqs.SendMessageAsync(queueUrl, "audit")|];
                    new List<string> { "a" }.ForEach(body => [|Sqs.SendMessageAsync(queueUrl, body)|]);
                    return await Task.FromResult("ok");
                }

                public string Handle(string queueUrl, ILambdaContext context)
                {
                    [|Sqs.SendMessageAsync(queueUrl, "m")|];
                    return "ok";
                }

                public string Run(ILambdaContext context) => Handle("q", context);
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task FixAll_AcrossHandlers()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                Code.InLambdaFunction("public string Handle(string queueUrl, ILambdaContext context)", """
                    {|AWSBP012:Sqs.SendMessageAsync(queueUrl, "a")|};
                    {|AWSBP012:Sqs.SendMessageAsync(queueUrl, "b")|};
                    return "ok";
                    """),
            },
            new[]
            {
                Code.InLambdaFunction("public async Task<string> Handle(string queueUrl, ILambdaContext context)", """
                    await Sqs.SendMessageAsync(queueUrl, "a");
                    await Sqs.SendMessageAsync(queueUrl, "b");
                    return "ok";
                    """),
            });
}
