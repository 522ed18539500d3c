using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseSqsBatchApis.UseSqsBatchApisAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseSqsBatchApis.UseSqsBatchApisFixer>;
using Verify022 = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class UseSqsBatchApisTests
{
    private const string Parameters = "IAmazonSQS sqs, string queueUrl, List<string> orders, List<Message> messages, CancellationToken cancellationToken";

    private static string Sqs(string body, string members = "", string parameters = Parameters)
        => Code.InMethod(body, parameters, members: members);

    /// <summary>The fixed source: the fix's entry IDs add <c>using System.Globalization;</c>.</summary>
    private static string Fixed(string body)
        => Sqs(body).Replace("using System.Collections.Generic;\n", "using System.Collections.Generic;\nusing System.Globalization;\n", System.StringComparison.Ordinal);

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Fact]
    public Task AWhileLoopSendingWhatItReadsIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = Console.ReadLine();
                if (line is null)
                {
                    break;
                }

                await sqs.SendMessageAsync(queueUrl, line, cancellationToken);
            }
            """));

    [Fact]
    public Task AQueueUrlThatDependsOnTheElementIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var route in routes)
            {
                await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = route.Key, MessageBody = route.Value }, cancellationToken);
            }
            """, parameters: "IAmazonSQS sqs, Dictionary<string, string> routes, CancellationToken cancellationToken"));

    [Fact]
    public Task ADeleteOnlyForFailedOrCaughtElementsIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var message in messages)
            {
                var failed = false;
                try
                {
                    Console.WriteLine(message.Body);
                }
                catch (FormatException)
                {
                    failed = true;
                    await sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, 0, cancellationToken);
                }

                if (failed)
                {
                    await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
                }
            }
            """));

    [Fact]
    public Task ASingleSendIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("await sqs.SendMessageAsync(queueUrl, string.Join(',', orders), cancellationToken);"));

    [Fact]
    public Task OneSendPerClientIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var regional in clients)
            {
                await regional.SendMessageAsync(queueUrl, "ping", cancellationToken);
            }
            """, parameters: "IEnumerable<IAmazonSQS> clients, string queueUrl, CancellationToken cancellationToken"));

    [Fact]
    public Task AHeartbeatLoopIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            var handle = messages[0].ReceiptHandle;
            for (var beat = 0; beat < 5; beat++)
            {
                await sqs.ChangeMessageVisibilityAsync(queueUrl, handle, 60, cancellationToken);
                await Task.Delay(30_000, cancellationToken);
            }
            """));

    [Fact]
    public Task ALoopThatAlreadySendsBatchesIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var chunk in orders.Chunk(10))
            {
                var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest { QueueUrl = queueUrl, Entries = chunk.Select((o, i) => new SendMessageBatchRequestEntry(i.ToString(), o)).ToList() }, cancellationToken);
                if (response.Failed is { Count: > 0 })
                {
                    throw new InvalidOperationException("not sent");
                }
            }
            """));

    [Fact]
    public Task TestDoubleSetUpsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var order in orders)
            {
                mock.Setup(s => s.SendMessageAsync(queueUrl, order, default));
            }
            """, members: """
            private readonly Mock<IAmazonSQS> mock = new();

            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task DeletingEachReceivedMessageIsFlagged()
        => Verify.VerifyAnalyzerAsync(
            Sqs("""
                var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 20 }, cancellationToken);
                foreach (var message in response.Messages ?? [])
                {
                    Console.WriteLine(message.Body);
                    await {|#0:sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken)|};
                }
                """),
            Verify.Diagnostic("AWSBP042").WithLocation(0).WithArguments("DeleteMessage", "response.Messages ?? []"));

    [Fact]
    public Task SendingEachElementIsFlagged()
        => Verify.VerifyAnalyzerAsync(
            Sqs("""
                foreach (var order in orders)
                {
                    await {|#0:sqs.SendMessageAsync(queueUrl, order, cancellationToken)|};
                }
                """),
            Verify.Diagnostic("AWSBP042").WithLocation(0).WithArguments("SendMessage", "orders"));

    [Fact]
    public Task WhenAllOverSelectIsFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("await Task.WhenAll(orders.Select(order => [|sqs.SendMessageAsync(queueUrl, order, cancellationToken)|]));"));

    [Fact]
    public Task AForLoopOverTheMessagesIsFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            for (var i = 0; i < messages.Count; i++)
            {
                var handle = messages[i].ReceiptHandle;
                await [|sqs.ChangeMessageVisibilityAsync(queueUrl, handle, 120, cancellationToken)|];
            }
            """));

    [Fact]
    public Task ListForEachAndParallelForEachAreFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            orders.ForEach(order => [|sqs.SendMessageAsync(queueUrl, order, cancellationToken)|].Wait());
            Parallel.ForEach(messages, message => [|sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle)|].Wait());
            """));

    [Fact]
    public Task AwaitForeachIsFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            await foreach (var order in stream)
            {
                await [|sqs.SendMessageAsync(queueUrl, order, cancellationToken)|];
            }
            """, parameters: "IAmazonSQS sqs, string queueUrl, IAsyncEnumerable<string> stream, CancellationToken cancellationToken"));

    [Fact]
    public Task ASendUnderASimpleFilterIsFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var order in orders)
            {
                var trimmed = order.Trim();
                if (trimmed.Length > 0)
                {
                    await [|sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = trimmed }, cancellationToken)|];
                }
            }
            """));

    [Fact]
    public Task ARequestBuiltInTheBodyIsFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            foreach (var order in orders)
            {
                var request = new SendMessageRequest { QueueUrl = queueUrl };
                request.MessageBody = order;
                await [|sqs.SendMessageAsync(request, cancellationToken)|];
            }
            """));

    // The fix -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task TheSendFixCarriesEveryPropertyIntoTheEntries()
        => Verify.VerifyCodeFixAsync(
            Sqs("""
                foreach (var order in orders)
                {
                    // FIFO: one group per customer
                    var group = order.Split(':')[0];
                    await [|sqs.SendMessageAsync(new SendMessageRequest
                    {
                        QueueUrl = queueUrl,
                        MessageBody = order,
                        MessageGroupId = group,
                        MessageDeduplicationId = order,
                        DelaySeconds = 5,
                        MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "order" } },
                    }, cancellationToken)|];
                }
                """),
            Fixed("""
                foreach (var chunk in orders.Chunk(10))
                {
                    // FIFO: one group per customer
                    var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
                    {
                        QueueUrl = queueUrl,
                        Entries = chunk.Select((order, index) =>
                        {
                            var group = order.Split(':')[0];
                            return new SendMessageBatchRequestEntry { Id = index.ToString(CultureInfo.InvariantCulture), MessageBody = order, MessageGroupId = group, MessageDeduplicationId = order, DelaySeconds = 5, MessageAttributes = new Dictionary<string, MessageAttributeValue> { ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "order" } } };
                        }).ToList(),
                    }, cancellationToken);
                    if (response.Failed is { Count: > 0 } failed) // null when none failed (SDK v4)
                    {
                        throw new InvalidOperationException($"SendMessageBatch: {failed.Count} of {chunk.Length} messages not sent, first {failed[0].Code}: {failed[0].Message}");
                    }
                }
                """));

    [Fact]
    public Task TheDeleteFixBatchesTheReceivedMessages()
        => Verify.VerifyCodeFixAsync(
            Sqs(DeleteLoop("message")),
            Fixed(FixedDelete("message")));

    [Fact]
    public Task TheFixedCodeIsNotFlaggedByAwsbp022()
        => Verify022.VerifyAnalyzerAsync(Fixed(FixedDelete("message")));

    [Fact]
    public Task TheChangeVisibilityFixKeepsTheTimeout()
        => Verify.VerifyCodeFixAsync(
            Sqs("""
                foreach (var message in messages)
                    await [|sqs.ChangeMessageVisibilityAsync(queueUrl, message.ReceiptHandle, 300, cancellationToken)|].ConfigureAwait(false);
                """),
            Fixed("""
                foreach (var chunk in messages.Chunk(10))
                {
                    var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                    {
                        QueueUrl = queueUrl,
                        Entries = chunk.Select((message, index) => new ChangeMessageVisibilityBatchRequestEntry { Id = index.ToString(CultureInfo.InvariantCulture), ReceiptHandle = message.ReceiptHandle, VisibilityTimeout = 300 }).ToList(),
                    }, cancellationToken).ConfigureAwait(false);
                    if (response.Failed is { Count: > 0 } failed) // null when none failed (SDK v4)
                    {
                        throw new InvalidOperationException($"ChangeMessageVisibilityBatch: {failed.Count} of {chunk.Length} visibility timeouts not changed, first {failed[0].Code}: {failed[0].Message}");
                    }
                }
                """));

    [Theory]
    [InlineData("Console.WriteLine(message.Body);\nawait [|sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken)|];")]
    [InlineData("var request = new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle };\nawait [|sqs.DeleteMessageAsync(request, cancellationToken)|];")]
    [InlineData("_ = [|sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken)|];")]
    public Task NoFixOutsideTheSimpleShape(string body)
        => Verify.VerifyCodeFixAsync(
            Sqs("foreach (var message in messages)\n{\n    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal) + "\n}"),
            Sqs("foreach (var message in messages)\n{\n    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal) + "\n}"));

    [Fact]
    public Task FixAllRewritesEveryLoop()
        => Verify.VerifyFixAllAsync(
            new[] { Sqs(DeleteLoop("message") + "\n\n" + DeleteLoop("received")) },
            new[] { Fixed(FixedDelete("message") + "\n\n" + FixedDelete("received")) });

    [Fact]
    public Task TheFixCompilesAgainstSdkV3()
        => Verify.VerifyCodeFixAsync(Sqs(DeleteLoop("message")), Fixed(FixedDelete("message")), AwsSdk.V3);

    private static string DeleteLoop(string element) => $$"""
        foreach (var {{element}} in messages)
        {
            await [|sqs.DeleteMessageAsync(queueUrl, {{element}}.ReceiptHandle, cancellationToken)|];
        }
        """;

    private static string FixedDelete(string element) => $$"""
        foreach (var chunk in messages.Chunk(10))
        {
            var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = chunk.Select(({{element}}, index) => new DeleteMessageBatchRequestEntry { Id = index.ToString(CultureInfo.InvariantCulture), ReceiptHandle = {{element}}.ReceiptHandle }).ToList(),
            }, cancellationToken);
            if (response.Failed is { Count: > 0 } failed) // null when none failed (SDK v4)
            {
                throw new InvalidOperationException($"DeleteMessageBatch: {failed.Count} of {chunk.Length} messages not deleted, first {failed[0].Code}: {failed[0].Message}");
            }
        }
        """;
}
