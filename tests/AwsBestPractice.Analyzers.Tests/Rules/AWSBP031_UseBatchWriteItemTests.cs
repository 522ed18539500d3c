using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseBatchWriteItem.UseBatchWriteItemAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseBatchWriteItem.UseBatchWriteItemFixer>;
using Verify022 = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.HandleUnprocessedBatchItems.HandleUnprocessedBatchItemsFixer>;
using Verify030 = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup.ScanAndDeleteTableCleanupAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.ScanAndDeleteTableCleanup.ScanAndDeleteTableCleanupFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

// DynamoDB is in the SDK v4 reference set only (the v3 set has Core, S3 and an SQS stub): every case runs against v4.
public class UseBatchWriteItemTests
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

    private const string Parameters = "IAmazonDynamoDB dynamo, string table, List<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken";

    private static string Dynamo(string body, string members = "", string parameters = Parameters, string after = "")
        => Code.InMethod(body, parameters, DynamoUsings, members, after);

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ConditionExpression = \"attribute_not_exists(pk)\"")]
    [InlineData("Expected = new Dictionary<string, ExpectedAttributeValue> { [\"pk\"] = new ExpectedAttributeValue { Exists = false } }")]
    [InlineData("ReturnValues = ReturnValue.ALL_OLD")]
    [InlineData("ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD")]
    public Task WritesThatNeedPerItemConditionsOrValuesAreNotFlagged(string property)
        => Verify.VerifyAnalyzerAsync(Dynamo($$"""
            foreach (var item in items)
            {
                await dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item, {{property}} }, cancellationToken);
            }
            """));

    [Fact]
    public Task AWriteWhoseResponseIsReadIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var item in items)
            {
                var response = await dynamo.DeleteItemAsync(table, item, ReturnValue.NONE, cancellationToken);
                Console.WriteLine(response.ConsumedCapacity?.CapacityUnits);
            }
            """));

    [Fact]
    public Task ATableThatDependsOnTheElementIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var item in items)
            {
                await dynamo.PutItemAsync(item["tenant"].S + "-orders", item, cancellationToken);
            }
            """));

    [Fact]
    public Task DeletingWhatAFilteredScanMatchedIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var response = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = table,
                FilterExpression = "expires < :now",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = new AttributeValue { N = "1700000000" } },
            }, cancellationToken);
            foreach (var item in response.Items ?? new List<Dictionary<string, AttributeValue>>())
            {
                await dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = item["pk"] }, cancellationToken);
            }
            """));

    [Fact]
    public Task DeletingWhatAQueryReturnedIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = new AttributeValue { S = "session#1" } },
            }, cancellationToken);
            var rows = page.Items;
            foreach (var row in rows)
            {
                await dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = row["pk"], ["sk"] = row["sk"] }, cancellationToken);
            }
            """));

    [Fact]
    public Task AnUnfilteredScanWhoseItemsAreAllDeletedIsAwsbp030sReport()
    {
        const string body = """
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var response = await {|#0:dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start }, cancellationToken)|};
                foreach (var item in response.Items)
                {
                    await dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = item["pk"] }, cancellationToken);
                }

                start = response.LastEvaluatedKey;
            }
            while (start is { Count: > 0 });
            """;
        return Task.WhenAll(
            Verify.VerifyAnalyzerAsync(Dynamo(body.Replace("{|#0:", string.Empty, System.StringComparison.Ordinal).Replace(")|};", ");", System.StringComparison.Ordinal))),
            Verify030.VerifyAnalyzerAsync(Dynamo(body), Verify030.Diagnostic("AWSBP030").WithLocation(0).WithArguments("table")));
    }

    [Fact]
    public Task SingleWritesAndRetryLoopsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            await dynamo.PutItemAsync(table, items[0], cancellationToken);
            var attempt = 0;
            while (true)
            {
                try
                {
                    await dynamo.PutItemAsync(table, items[1], cancellationToken);
                    break;
                }
                catch (ProvisionedThroughputExceededException) when (++attempt < 5)
                {
                    await Task.Delay(100 << attempt, cancellationToken);
                }
            }
            """));

    [Fact]
    public Task TestDoubleSetUpsAndFakesAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var item in items)
            {
                mock.Setup(d => d.PutItemAsync(table, item, default));
                await fake.PutItemAsync(table, item);
            }
            """, members: """
            private readonly Mock<IAmazonDynamoDB> mock = new();
            private readonly FakeStore fake = new();

            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            public sealed class FakeStore
            {
                public Task PutItemAsync(string table, Dictionary<string, AttributeValue> item) => Task.CompletedTask;
            }

            """));

    [Fact]
    public Task TheDocumentModelAndTheObjectPersistenceModelAreOutOfScope()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var item in items)
            {
                await orders.PutItemAsync(Document.FromAttributeMap(item), cancellationToken);
            }

            foreach (var name in names)
            {
                await context.SaveAsync(new Order { Id = name }, cancellationToken);
            }
            """, members: """
            public sealed class Order
            {
                public string Id { get; set; } = "";
            }

            """, parameters: Parameters + ", Amazon.DynamoDBv2.DocumentModel.ITable orders, Amazon.DynamoDBv2.DataModel.IDynamoDBContext context, string[] names").Replace("using Amazon.DynamoDBv2.Model;", "using Amazon.DynamoDBv2.Model;\nusing Amazon.DynamoDBv2.DocumentModel;", System.StringComparison.Ordinal));

    [Fact]
    public Task AFanOutWhoseResponsesAreKeptIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var responses = await Task.WhenAll(items.Select(item => dynamo.PutItemAsync(table, item, cancellationToken)));
            Console.WriteLine(responses.Sum(r => r.ConsumedCapacity?.CapacityUnits ?? 0));
            """));

    // Flagged ------------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task APutPerElementIsFlagged()
        => Verify.VerifyAnalyzerAsync(
            Dynamo("""
                foreach (var item in items)
                {
                    await {|#0:dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item }, cancellationToken)|};
                }
                """),
            Verify.Diagnostic("AWSBP031").WithLocation(0).WithArguments("PutItem", "items"));

    [Fact]
    public Task AConvenienceDeletePerElementIsFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var id in ids)
            {
                await [|dynamo.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = id } }, cancellationToken)|];
            }
            """, parameters: "IAmazonDynamoDB dynamo, string table, string[] ids, CancellationToken cancellationToken"));

    [Fact]
    public Task ReturnValuesNoneAndConsumedCapacityAreFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var item in items)
            {
                await [|dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item, ReturnValues = ReturnValue.NONE, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL }, cancellationToken)|];
            }
            """));

    [Fact]
    public Task AForLoopOverTheCollectionIsFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            for (var i = 0; i < items.Count; i++)
            {
                await [|dynamo.PutItemAsync(table, items[i], cancellationToken)|];
            }
            """));

    [Fact]
    public Task ATaskWhenAllFanOutIsFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            await Task.WhenAll(items.Select(item => [|dynamo.PutItemAsync(table, item, cancellationToken)|]));
            var tasks = items.Select(item => [|dynamo.DeleteItemAsync(table, item, cancellationToken)|]).ToList();
            await Task.WhenAll(tasks);
            """));

    [Fact]
    public Task ParallelForEachIsFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            await Parallel.ForEachAsync(items, cancellationToken, async (item, ct) => await [|dynamo.PutItemAsync(table, item, ct)|]);
            Parallel.ForEach(items, item => [|dynamo.PutItemAsync(table, item)|].GetAwaiter().GetResult());
            """));

    [Fact]
    public Task AClientClassAndAnUnfilteredCopyAreFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var source = await dynamo.ScanAsync(new ScanRequest { TableName = "orders" }, cancellationToken);
            foreach (var item in source.Items)
            {
                // copy into the archive table
                await [|client.PutItemAsync("orders-archive", item, cancellationToken)|].ConfigureAwait(false);
            }
            """, parameters: Parameters + ", AmazonDynamoDBClient client"));

    [Fact]
    public Task AWriteUnderASimpleFilterWithDerivedLocalsIsFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            foreach (var line in lines)
            {
                var parts = line.Split(',');
                if (parts.Length == 2)
                {
                    var request = new PutItemRequest { TableName = table };
                    request.Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = parts[0] }, ["qty"] = new AttributeValue { N = parts[1] } };
                    await [|dynamo.PutItemAsync(request, cancellationToken)|];
                }
            }
            """, parameters: "IAmazonDynamoDB dynamo, string table, string[] lines, CancellationToken cancellationToken"));

    // The fix -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task ThePutFixBatchesByTableAndResubmitsUnprocessedItems()
        => Verify.VerifyCodeFixAsync(
            Dynamo("""
                foreach (var line in lines)
                {
                    // one row per SKU
                    var parts = line.Split(',');
                    await [|dynamo.PutItemAsync(new PutItemRequest
                    {
                        TableName = table,
                        Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = parts[0] } },
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    }, cancellationToken)|];
                }
                """, parameters: LinesParameters),
            Dynamo("""
                foreach (var chunk in lines.Chunk(25))
                {
                    // one row per SKU
                    await BatchWriteItemUntilProcessedAsync(dynamo, new BatchWriteItemRequest
                    {
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                        RequestItems = new Dictionary<string, List<WriteRequest>>
                        {
                            [table] = chunk.Select(line =>
                            {
                                var parts = line.Split(',');
                                return new WriteRequest { PutRequest = new PutRequest { Item = new Dictionary<string, AttributeValue> { ["pk"] = new AttributeValue { S = parts[0] } } } };
                            }).ToList(),
                        },
                    }, cancellationToken);
                }
                """, parameters: LinesParameters, after: BatchWriteHelper));

    [Fact]
    public Task TheDeleteFixKeepsConfigureAwait()
        => Verify.VerifyCodeFixAsync(Dynamo(DeleteLoop("key")), Dynamo(FixedDelete("key"), after: BatchWriteHelper));

    [Fact]
    public Task TheFixedCodeIsNotFlaggedByAwsbp022OrAwsbp031()
        => Task.WhenAll(
            Verify022.VerifyAnalyzerAsync(Dynamo(FixedDelete("key"), after: BatchWriteHelper)),
            Verify.VerifyAnalyzerAsync(Dynamo(FixedDelete("key"), after: BatchWriteHelper)));

    [Fact]
    public Task AnExistingHelperIsReused()
        => Verify.VerifyCodeFixAsync(Dynamo(DeleteLoop("key"), after: BatchWriteHelper), Dynamo(FixedDelete("key"), after: BatchWriteHelper));

    [Theory]
    [InlineData("await [|dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item, ReturnValues = ReturnValue.NONE }, cancellationToken)|];")]
    [InlineData("Console.WriteLine(item.Count);\nawait [|dynamo.PutItemAsync(table, item, cancellationToken)|];")]
    [InlineData("await [|dynamo.PutItemAsync(new PutItemRequest { TableName = table, Item = item, ExpressionAttributeNames = new Dictionary<string, string> { [\"#n\"] = \"name\" } }, cancellationToken)|];")]
    [InlineData("if (item.Count > 0)\n{\n    await [|dynamo.PutItemAsync(table, item, cancellationToken)|];\n}")]
    public Task NoFixWhereSomethingWouldBeLost(string body)
        => Verify.VerifyCodeFixAsync(
            Dynamo("foreach (var item in items)\n{\n    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal) + "\n}"),
            Dynamo("foreach (var item in items)\n{\n    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal) + "\n}"));

    [Fact]
    public Task FixAllRewritesEveryLoopAndAddsOneHelper()
        => Verify.VerifyFixAllAsync(
            new[] { Dynamo(DeleteLoop("key") + "\n\n" + DeleteLoop("id")) },
            new[] { Dynamo(FixedDelete("key") + "\n\n" + FixedDelete("id"), after: BatchWriteHelper) });

    private const string LinesParameters = "IAmazonDynamoDB dynamo, string table, string[] lines, CancellationToken cancellationToken";

    private static string DeleteLoop(string element) => $$"""
        foreach (var {{element}} in items)
        {
            await [|dynamo.DeleteItemAsync(table, {{element}}, cancellationToken)|].ConfigureAwait(false);
        }
        """;

    private static string FixedDelete(string element) => $$"""
        foreach (var chunk in items.Chunk(25))
        {
            await BatchWriteItemUntilProcessedAsync(dynamo, new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    [table] = chunk.Select({{element}} => new WriteRequest { DeleteRequest = new DeleteRequest { Key = {{element}} } }).ToList(),
                },
            }, cancellationToken).ConfigureAwait(false);
        }
        """;

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
}
