using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class HandleUnprocessedBatchItemsTests
{
    private const string DynamoUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        """;

    private static string Dynamo(string body, string members = "", string after = "") => Code.InMethod(body, "IAmazonDynamoDB dynamo, BatchWriteItemRequest request, CancellationToken cancellationToken", DynamoUsings, members, after);

    private static string Sqs(string body, string members = "", string after = "") => Code.InMethod(body, "IAmazonSQS sqs, SendMessageBatchRequest batch, CancellationToken cancellationToken", members: members, after: after);

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("if (response.UnprocessedItems is { Count: > 0 }) { throw new InvalidOperationException(\"unprocessed\"); }")]
    [InlineData("request.RequestItems = response.UnprocessedItems;")]
    [InlineData("Console.WriteLine(response.UnprocessedItems?.Count);")]
    public Task ABatchWriteWhoseUnprocessedItemsAreReadIsNotFlagged(string handling)
        => Verify.VerifyAnalyzerAsync(Dynamo($"var response = await dynamo.BatchWriteItemAsync(request, cancellationToken);\n{handling}"));

    [Fact]
    public Task AResponseReturnedToTheCallerIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod(
            "return await dynamo.BatchWriteItemAsync(request);",
            "IAmazonDynamoDB dynamo, BatchWriteItemRequest request",
            DynamoUsings).Replace("public async Task RunAsync", "public async Task<BatchWriteItemResponse> RunAsync"));

    [Fact]
    public Task ActingOnTheSuccessfulEntriesOnlyIsHandling()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            var sent = await sqs.SendMessageBatchAsync(batch, cancellationToken);
            foreach (var entry in sent.Successful ?? [])
            {
                Console.WriteLine(entry.MessageId);
            }
            """));

    [Fact]
    public Task FailedEntriesCheckedWithANullTestAreHandled()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            var sent = await sqs.SendMessageBatchAsync(batch, cancellationToken);
            if (sent.Failed is { Count: > 0 })
            {
                throw new InvalidOperationException(sent.Failed[0].Message);
            }
            """));

    [Fact]
    public Task SingleCallsAndNonBatchResponsesAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = batch.QueueUrl, MessageBody = "x" }, cancellationToken);
            await sqs.DeleteMessageAsync(batch.QueueUrl, "handle", cancellationToken);
            """));

    [Fact]
    public Task ABatchCallInATestDoubleSetUpIsNotACall()
        => Verify.VerifyAnalyzerAsync(Sqs("""
            mock.Setup(s => s.SendMessageBatchAsync(batch, default));
            """, members: """
            private readonly Mock<IAmazonSQS> mock = new();

            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task ADiscardedBatchWriteIsFlaggedAndResubmitted()
        => Verify.VerifyCodeFixAsync(
            Dynamo("""
                // write the chunk
                await {|#0:dynamo.BatchWriteItemAsync(request, cancellationToken)|};
                """),
            new[] { Verify.Diagnostic("AWSBP022").WithLocation(0).WithArguments("BatchWriteItem", "discards the response with its", "UnprocessedItems") },
            Dynamo("""
                // write the chunk
                await BatchWriteItemUntilProcessedAsync(dynamo, request, cancellationToken);
                """, after: BatchWriteHelper));

    [Fact]
    public Task AStoredBatchGetWhoseKeysAreNeverReadIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await [|dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = keys })|];
            Console.WriteLine(response.Responses.Count);
            """, "IAmazonDynamoDB dynamo, Dictionary<string, KeysAndAttributes> keys", DynamoUsings));

    [Theory]
    [InlineData("await [|sqs.SendMessageBatchAsync(batch, cancellationToken)|];")]
    [InlineData("await [|sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest { QueueUrl = batch.QueueUrl }, cancellationToken)|];")]
    [InlineData("await [|sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest { QueueUrl = batch.QueueUrl }, cancellationToken)|];")]
    [InlineData("var response = await [|sqs.SendMessageBatchAsync(batch, cancellationToken)|];\nConsole.WriteLine(response.HttpStatusCode);")]
    public Task SqsBatchCallsWhoseFailedEntriesAreIgnoredAreFlagged(string body)
        => Verify.VerifyAnalyzerAsync(Sqs(body));

    [Fact]
    public Task TheSqsFixResubmitsFailedEntriesAndHandlesANullFailedList()
        => Verify.VerifyCodeFixAsync(
            Sqs("await [|sqs.SendMessageBatchAsync(batch, cancellationToken)|];"),
            Sqs("await SendMessageBatchUntilProcessedAsync(sqs, batch, cancellationToken);", after: SendBatchHelper));

    [Fact]
    public Task AStoredResponseGetsNoFix()
        => Verify.VerifyCodeFixAsync(
            Sqs("var response = await [|sqs.SendMessageBatchAsync(batch, cancellationToken)|];\nConsole.WriteLine(response.HttpStatusCode);"),
            Sqs("var response = await [|sqs.SendMessageBatchAsync(batch, cancellationToken)|];\nConsole.WriteLine(response.HttpStatusCode);"));

    [Fact]
    public Task FixAllAddsTheHelperOnce()
        => Verify.VerifyFixAllAsync(
            new[] { Dynamo("await [|dynamo.BatchWriteItemAsync(request, cancellationToken)|];\nawait [|dynamo.BatchWriteItemAsync(request)|];") },
            new[] { Dynamo("await BatchWriteItemUntilProcessedAsync(dynamo, request, cancellationToken);\nawait BatchWriteItemUntilProcessedAsync(dynamo, request);", after: BatchWriteHelper) });

    private const string BatchWriteHelper = """
        /// <summary>
        /// BatchWriteItem, resubmitting the unprocessed entries with capped exponential backoff and full jitter; throws when
        /// entries remain after 8 attempts.
        /// </summary>
        private static async Task BatchWriteItemUntilProcessedAsync(IAmazonDynamoDB client, BatchWriteItemRequest request, CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await client.BatchWriteItemAsync(request, cancellationToken);
                if (response.UnprocessedItems is not { Count: > 0 } unprocessed)
                {
                    return;
                }

                if (attempt == 8)
                {
                    throw new InvalidOperationException($"BatchWriteItem left entries of {unprocessed.Count} table(s) unprocessed after {attempt} attempts.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)Math.Min(5000, 50 * Math.Pow(2, attempt)))), cancellationToken);
                request = new BatchWriteItemRequest { RequestItems = unprocessed, ReturnConsumedCapacity = request.ReturnConsumedCapacity, ReturnItemCollectionMetrics = request.ReturnItemCollectionMetrics };
            }
        }

        """;

    private const string SendBatchHelper = """
        /// <summary>
        /// SendMessageBatch, resubmitting the failed entries with capped exponential backoff and full jitter; throws for an entry
        /// the sender caused to fail, and when entries still fail after 8 attempts.
        /// </summary>
        private static async Task SendMessageBatchUntilProcessedAsync(IAmazonSQS client, SendMessageBatchRequest request, CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await client.SendMessageBatchAsync(request, cancellationToken);
                if (response.Failed is not { Count: > 0 } failed) // null when nothing failed (SDK v4)
                {
                    return;
                }

                if (attempt == 8 || failed.Exists(entry => entry.SenderFault == true))
                {
                    throw new InvalidOperationException($"SendMessageBatch failed for {failed.Count} entries: {failed[0].Code} {failed[0].Message}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)Math.Min(5000, 50 * Math.Pow(2, attempt)))), cancellationToken);
                var retry = new HashSet<string>();
                foreach (var entry in failed)
                {
                    retry.Add(entry.Id);
                }

                request = new SendMessageBatchRequest { QueueUrl = request.QueueUrl, Entries = request.Entries.FindAll(entry => retry.Contains(entry.Id)) };
            }
        }

        """;
}
