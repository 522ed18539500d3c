using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Rules;
using AwsBestPractice.Analyzers.Rules;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanupAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.ScanAndDeleteTableCleanupFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class ScanAndDeleteTableCleanupTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;
        using Amazon.DynamoDBv2.Model;

        """;

    // ---------------------------------------------------------------- not flagged (the tricky ones first)

    [Fact]
    public async Task FilteredScanFollowedByDeletes_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Expiry
            {
                public async Task PurgeExpiredAsync(IAmazonDynamoDB client, long now)
                {
                    var request = new ScanRequest
                    {
                        TableName = "Sessions",
                        FilterExpression = "expiresAt < :now",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = new AttributeValue { N = now.ToString() } },
                    };
                    ScanResponse response;
                    do
                    {
                        response = await client.ScanAsync(request);
                        foreach (var item in response.Items)
                        {
                            await client.DeleteItemAsync("Sessions", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }

                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (response.LastEvaluatedKey is { Count: > 0 });
                }
            }
            """);
    }

    [Fact]
    public async Task ScanFilterOverloadAndIndexScan_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task WithConditionsAsync(IAmazonDynamoDB client)
                {
                    var filter = new Dictionary<string, Condition>
                    {
                        ["status"] = new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = new List<AttributeValue> { new AttributeValue("DONE") } },
                    };
                    var response = await client.ScanAsync("Jobs", filter);
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Jobs", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task SparseIndexAsync(IAmazonDynamoDB client)
                {
                    // Scanning a sparse GSI reads only the flagged items.
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Jobs", IndexName = "by-error" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Jobs", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ClientSideFilterOnItems_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task IfAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Jobs" });
                    foreach (var item in response.Items)
                    {
                        if (item["status"].S == "DONE")
                        {
                            await client.DeleteItemAsync("Jobs", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }
                    }
                }

                public async Task ContinueAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Jobs" });
                    foreach (var item in response.Items)
                    {
                        if (item.ContainsKey("keep"))
                        {
                            continue;
                        }

                        await client.DeleteItemAsync("Jobs", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task LinqWhereAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Jobs" });
                    foreach (var item in response.Items.Where(i => i["status"].S == "DONE"))
                    {
                        await client.DeleteItemAsync("Jobs", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ConditionalDeleteAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Jobs" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync(new DeleteItemRequest
                        {
                            TableName = "Jobs",
                            Key = new Dictionary<string, AttributeValue> { ["id"] = item["id"] },
                            ConditionExpression = "attribute_not_exists(locked)",
                        });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DeleteFromAnotherTable_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Sync
            {
                private const string Source = "Orders";
                private const string Projection = "OrderSummaries";

                public async Task RemoveProjectionsAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = Source });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync(Projection, new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task RemoveByParameterAsync(IAmazonDynamoDB client, string source, string target)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = source });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync(target, new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task MoveToArchive_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Archiver
            {
                public async Task ArchiveAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.PutItemAsync("OrdersArchive", item);
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ScanOnlyExport_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Exporter
            {
                public async Task<List<Dictionary<string, AttributeValue>>> ExportAsync(IAmazonDynamoDB client)
                {
                    var items = new List<Dictionary<string, AttributeValue>>();
                    var request = new ScanRequest { TableName = "Orders" };
                    ScanResponse response;
                    do
                    {
                        response = await client.ScanAsync(request);
                        items.AddRange(response.Items);
                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (response.LastEvaluatedKey is { Count: > 0 });
                    return items;
                }
            }
            """);
    }

    [Fact]
    public async Task DeleteByKeyWithoutScanAndQueryThenDelete_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Orders
            {
                public Task DeleteAsync(IAmazonDynamoDB client, string id)
                    => client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(id) });

                public async Task DeleteCustomerOrdersAsync(IAmazonDynamoDB client, string customerId)
                {
                    var response = await client.QueryAsync(new QueryRequest
                    {
                        TableName = "Orders",
                        KeyConditionExpression = "customerId = :c",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":c"] = new AttributeValue(customerId) },
                    });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["customerId"] = item["customerId"], ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ScanAndDeleteInDifferentMethods_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Split
            {
                public async Task<List<Dictionary<string, AttributeValue>>> ReadAllAsync(IAmazonDynamoDB client)
                    => (await client.ScanAsync(new ScanRequest { TableName = "Orders" })).Items;

                public async Task DeleteAllAsync(IAmazonDynamoDB client, List<Dictionary<string, AttributeValue>> items)
                {
                    foreach (var item in items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task DeleteUnrelatedKeysAsync(IAmazonDynamoDB client, IEnumerable<string> ids)
                {
                    var count = (await client.ScanAsync(new ScanRequest { TableName = "Orders", Select = Select.COUNT })).Count;
                    foreach (var id in ids)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue(id) });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DataModelFilteredScanAndOtherTypeDelete_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            [DynamoDBTable("Orders")]
            public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; public string Status { get; set; } = ""; }

            [DynamoDBTable("Invoices")]
            public class Invoice { [DynamoDBHashKey] public string Id { get; set; } = ""; }

            public class Cleanup
            {
                public async Task FilteredAsync(IDynamoDBContext context)
                {
                    var done = await context.ScanAsync<Order>(new[] { new ScanCondition("Status", ScanOperator.Equal, "DONE") }).GetRemainingAsync();
                    foreach (var order in done)
                    {
                        await context.DeleteAsync(order);
                    }
                }

                public async Task OtherTypeAsync(IDynamoDBContext context)
                {
                    var orders = await context.ScanAsync<Order>(new List<ScanCondition>()).GetRemainingAsync();
                    foreach (var order in orders)
                    {
                        await context.DeleteAsync<Invoice>(order.Id);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DocumentModelFilteredScan_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task RunAsync(IAmazonDynamoDB client)
                {
                    var table = Table.LoadTable(client, "Orders");
                    var filter = new ScanFilter();
                    filter.AddCondition("status", ScanOperator.Equal, "DONE");
                    var search = table.Scan(filter);
                    do
                    {
                        foreach (var document in await search.GetNextSetAsync())
                        {
                            await table.DeleteItemAsync(document);
                        }
                    }
                    while (!search.IsDone);
                }
            }
            """);
    }

    // ---------------------------------------------------------------- flagged

    [Fact]
    public async Task LowLevelPaginatedScanAndDeleteItem_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                private readonly IAmazonDynamoDB _client;

                public Cleanup(IAmazonDynamoDB client) => _client = client;

                public async Task ClearAsync()
                {
                    var request = new ScanRequest { TableName = "Orders", ProjectionExpression = "id" };
                    ScanResponse response;
                    do
                    {
                        response = await {|#0:_client.ScanAsync(request)|};
                        foreach (var item in response.Items)
                        {
                            await _client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }

                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (response.LastEvaluatedKey is { Count: > 0 });
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Orders"));
    }

    [Fact]
    public async Task LowLevelSinglePageConvenienceOverloads_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client, string tableName)
                {
                    var response = await {|#0:client.ScanAsync(tableName, new List<string> { "id" })|};
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync(tableName, new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task EmptyFilterAsync(AmazonDynamoDBClient client)
                {
                    var response = await [|client.ScanAsync("Orders", new Dictionary<string, Condition>())|];
                    foreach (var item in response.Items)
                    {
                        var request = new DeleteItemRequest { TableName = "Orders" };
                        request.Key = new Dictionary<string, AttributeValue> { ["id"] = item["id"] };
                        await client.DeleteItemAsync(request);
                    }
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("tableName"));
    }

    [Fact]
    public async Task LowLevelScanBeforeAndInsideLoop_ReportedOnce()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "Orders" })|];
                    while (true)
                    {
                        foreach (var item in response.Items)
                        {
                            await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }

                        if (response.LastEvaluatedKey is not { Count: > 0 })
                        {
                            break;
                        }

                        response = await client.ScanAsync(new ScanRequest { TableName = "Orders", ExclusiveStartKey = response.LastEvaluatedKey });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LowLevelBatchWriteItemDeletes_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                private const string TableName = "Orders";

                public async Task ClearAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
                {
                    Dictionary<string, AttributeValue>? startKey = null;
                    do
                    {
                        var page = await [|client.ScanAsync(new ScanRequest { TableName = TableName, ExclusiveStartKey = startKey }, cancellationToken)|];
                        foreach (var chunk in page.Items.Chunk(25))
                        {
                            var writes = chunk.Select(item => new WriteRequest { DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["id"] = item["id"] } } }).ToList();
                            await client.BatchWriteItemAsync(new BatchWriteItemRequest
                            {
                                RequestItems = new Dictionary<string, List<WriteRequest>> { [TableName] = writes },
                            }, cancellationToken);
                        }

                        startKey = page.LastEvaluatedKey;
                    }
                    while (startKey is { Count: > 0 });
                }

                public async Task ListAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = TableName })|];
                    var batch = new List<WriteRequest>();
                    foreach (var item in response.Items)
                    {
                        batch.Add(new WriteRequest(new DeleteRequest(new Dictionary<string, AttributeValue> { ["id"] = item["id"] })));
                        if (batch.Count == 25)
                        {
                            await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { { TableName, batch } });
                            batch = new List<WriteRequest>();
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { { TableName, batch } });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DocumentModel_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var table = Table.LoadTable(client, "Orders");
                    var search = {|#0:table.Scan(new ScanFilter())|};
                    do
                    {
                        var documents = await search.GetNextSetAsync();
                        foreach (var document in documents)
                        {
                            await table.DeleteItemAsync(document);
                        }
                    }
                    while (!search.IsDone);
                }

                public async Task ConfigAndBatchAsync(ITable table)
                {
                    var documents = await [|table.Scan(new ScanOperationConfig { AttributesToGet = new List<string> { "id" }, Select = SelectValues.SpecificAttributes })|].GetRemainingAsync();
                    var batch = table.CreateBatchWrite();
                    documents.ForEach(document => batch.AddItemToDelete(document));
                    await batch.ExecuteAsync();
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Orders"));
    }

    [Fact]
    public async Task DataModel_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            [DynamoDBTable("Orders")]
            public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

            public class Session { [DynamoDBHashKey] public string Id { get; set; } = ""; }

            public class Cleanup
            {
                public async Task DeleteEachAsync(IDynamoDBContext context)
                {
                    var orders = await {|#0:context.ScanAsync<Order>(new List<ScanCondition>())|}.GetRemainingAsync();
                    foreach (var order in orders)
                    {
                        await context.DeleteAsync(order);
                    }
                }

                public async Task BatchAsync(DynamoDBContext context)
                {
                    var search = [|context.ScanAsync<Session>(Array.Empty<ScanCondition>())|];
                    var batch = context.CreateBatchWrite<Session>();
                    while (!search.IsDone)
                    {
                        batch.AddDeleteItems(await search.GetNextSetAsync());
                    }

                    await batch.ExecuteAsync();
                }

                public async Task EnumerableEmptyAsync(IDynamoDBContext context)
                {
                    var conditions = Enumerable.Empty<ScanCondition>();
                    var sessions = await [|context.ScanAsync<Session>(conditions)|].GetRemainingAsync();
                    await Parallel.ForEachAsync(sessions, async (session, ct) => await context.DeleteAsync(session, ct));
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Orders"));
    }

    // ---------------------------------------------------------------- broken code

    [Fact]
    public async Task HalfTypedCode_DoesNotCrash()
    {
        var test = Verify.CreateTest();
        test.TestCode = Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item[ });
                    }

                    var other = await client.ScanAsync(
                    foreach (var x in other.Items) await client.DeleteItemAsync(Unknown.Name, x);
                    var t = Table.LoadTable(client, "T");
                    var s = t.Scan(new ScanFilter(;
                    await t.DeleteItemAsync(s.;
                    await context.ScanAsync<Missing>(new List<ScanCondition>()).GetRemainingAsync();
                }
            }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
