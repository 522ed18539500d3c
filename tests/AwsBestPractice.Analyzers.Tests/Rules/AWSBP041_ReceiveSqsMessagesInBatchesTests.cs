using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.ReceiveSqsMessagesInBatches.ReceiveSqsMessagesInBatchesAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.ReceiveSqsMessagesInBatches.ReceiveSqsMessagesInBatchesFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class ReceiveSqsMessagesInBatchesTests
{
    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("var message = response.Messages[0];")]
    [InlineData("var message = response.Messages?.FirstOrDefault();")]
    [InlineData("if (response.Messages is { Count: > 0 }) { Console.WriteLine(response.Messages.Single().Body); }")]
    [InlineData("if (response.Messages.Any()) { Console.WriteLine(response.Messages.First().Body); }")]
    public Task OneMessageAtATimeIsIntended(string handling)
        => Verify.VerifyAnalyzerAsync(Code.InMethod($"""
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest {"{"} QueueUrl = queueUrl, WaitTimeSeconds = 20 {"}"});
            {handling}
            """));

    [Theory]
    [InlineData("MaxNumberOfMessages = 10")]
    [InlineData("MaxNumberOfMessages = 5")]
    [InlineData("MaxNumberOfMessages = batchSize")]
    public Task ABatchSizeSetByTheCodeIsNotFlagged(string setting)
        => Verify.VerifyAnalyzerAsync(Code.InMethod($$"""
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, {{setting}} });
            foreach (var message in response.Messages ?? []) { Console.WriteLine(message.Body); }
            """, "IAmazonSQS sqs, string queueUrl, int batchSize"));

    [Fact]
    public Task AResponseReturnedToTheCallerIsUnknown()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl });
            Handle(response);
            """, members: "private static void Handle(ReceiveMessageResponse response) { }\n"));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task AForeachOverTheMessagesIsFlaggedAndFixed()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var response = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 })|];
                foreach (var message in response.Messages ?? [])
                {
                    Console.WriteLine(message.Body);
                }
                """),
            Code.InMethod("""
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 10 });
                foreach (var message in response.Messages ?? [])
                {
                    Console.WriteLine(message.Body);
                }
                """));

    [Theory]
    [InlineData("await Task.WhenAll(response.Messages.Select(m => Task.CompletedTask));")]
    [InlineData("var messages = response.Messages; for (var i = 0; i < messages.Count; i++) { Console.WriteLine(messages[i].Body); }")]
    [InlineData("Process(response.Messages);")]
    public Task OtherListHandlingIsFlagged(string handling)
        => Verify.VerifyAnalyzerAsync(Code.InMethod($$"""
            var request = new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 1 };
            var response = await [|sqs.ReceiveMessageAsync(request)|];
            {{handling}}
            """, members: "private static void Process(List<Message> messages) { }\n"));

    [Fact]
    public Task FixAllReplacesTheOneAndAddsTheMissing()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                Code.InMethod("""
                    var a = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 1 })|];
                    var b = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl })|];
                    foreach (var message in a.Messages.Concat(b.Messages)) { }
                    """),
            },
            new[]
            {
                Code.InMethod("""
                    var a = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10 });
                    var b = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10 });
                    foreach (var message in a.Messages.Concat(b.Messages)) { }
                    """),
            });

    [Fact]
    public Task SdkV3IsFlaggedAndFixedToo()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var response = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 })|];
                foreach (var message in response.Messages) { }
                """),
            Code.InMethod("""
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 10 });
                foreach (var message in response.Messages) { }
                """),
            AwsSdk.V3);
}
