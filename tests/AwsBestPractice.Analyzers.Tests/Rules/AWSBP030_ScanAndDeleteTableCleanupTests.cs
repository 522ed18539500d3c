using System.Linq;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Rules.ScanAndDeleteTableCleanup;
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup.ScanAndDeleteTableCleanupAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.ScanAndDeleteTableCleanup.ScanAndDeleteTableCleanupFixer>;

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

    /// <summary>The generated helper (SDK v4: nullable capacity properties assign directly), at class-member indentation.</summary>
    private const string Helper = """
            /// <summary>
            /// Empties a DynamoDB table by deleting and recreating it with the same key schema, attribute definitions, billing mode,
            /// throughput, secondary indexes, stream and encryption settings. Not carried over: TTL, point-in-time recovery, tags,
            /// auto scaling, the resource policy, contributor insights and global table replicas; the stream gets a new ARN.
            /// DeleteTable fails while deletion protection is enabled.
            /// </summary>
            private static async Task RecreateTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
            {
                var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
                if (table.Replicas is { Count: > 0 })
                {
                    throw new InvalidOperationException($"Table '{tableName}' is a global table; remove its replicas before recreating it.");
                }

                await client.DeleteTableAsync(new DeleteTableRequest { TableName = tableName }, cancellationToken);
                while (true)
                {
                    try
                    {
                        await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
                    }
                    catch (ResourceNotFoundException)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                }

                var payPerRequest = table.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST;
                var request = new CreateTableRequest
                {
                    TableName = tableName,
                    KeySchema = table.KeySchema,
                    AttributeDefinitions = table.AttributeDefinitions,
                    BillingMode = payPerRequest ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
                    TableClass = table.TableClassSummary?.TableClass,
                };
                if (payPerRequest)
                {
                    request.OnDemandThroughput = table.OnDemandThroughput;
                }
                else
                {
                    request.ProvisionedThroughput = new ProvisionedThroughput
                    {
                        ReadCapacityUnits = table.ProvisionedThroughput.ReadCapacityUnits,
                        WriteCapacityUnits = table.ProvisionedThroughput.WriteCapacityUnits,
                    };
                }

                if (table.GlobalSecondaryIndexes is { Count: > 0 })
                {
                    request.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.ConvertAll(index => new GlobalSecondaryIndex
                    {
                        IndexName = index.IndexName,
                        KeySchema = index.KeySchema,
                        Projection = index.Projection,
                        ProvisionedThroughput = payPerRequest ? null : new ProvisionedThroughput
                        {
                            ReadCapacityUnits = index.ProvisionedThroughput.ReadCapacityUnits,
                            WriteCapacityUnits = index.ProvisionedThroughput.WriteCapacityUnits,
                        },
                        OnDemandThroughput = payPerRequest ? index.OnDemandThroughput : null,
                    });
                }

                if (table.LocalSecondaryIndexes is { Count: > 0 })
                {
                    request.LocalSecondaryIndexes = table.LocalSecondaryIndexes.ConvertAll(index => new LocalSecondaryIndex
                    {
                        IndexName = index.IndexName,
                        KeySchema = index.KeySchema,
                        Projection = index.Projection,
                    });
                }

                if (table.StreamSpecification?.StreamEnabled == true)
                {
                    request.StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = table.StreamSpecification.StreamViewType };
                }

                if (table.SSEDescription?.Status == SSEStatus.ENABLED)
                {
                    request.SSESpecification = new SSESpecification { Enabled = true, SSEType = table.SSEDescription.SSEType, KMSMasterKeyId = table.SSEDescription.KMSMasterKeyArn };
                }

                await client.CreateTableAsync(request, cancellationToken);
                while ((await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                }
            }
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
    public async Task TableUsedAsQueue_ProcessThenDelete_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public interface IOrderHandler { Task HandleAsync(Dictionary<string, AttributeValue> order); }

            public class OutboxRelay
            {
                private readonly IAmazonDynamoDB _client;
                private readonly IOrderHandler _handler;

                public OutboxRelay(IAmazonDynamoDB client, IOrderHandler handler) { _client = client; _handler = handler; }

                public async Task RelayAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Outbox" });
                    foreach (var item in response.Items)
                    {
                        await _handler.HandleAsync(item);
                        await _client.DeleteItemAsync("Outbox", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task DropPoisonMessagesAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Outbox" });
                    foreach (var item in response.Items)
                    {
                        try
                        {
                            Validate(item);
                        }
                        catch (FormatException)
                        {
                            await _client.DeleteItemAsync("Outbox", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }
                    }
                }

                private static void Validate(Dictionary<string, AttributeValue> item)
                {
                }
            }
            """);
    }

    [Fact]
    public async Task KeyHelpersAndLogging_StillFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "Orders" })|];
                    foreach (var item in response.Items)
                    {
                        Console.WriteLine($"Deleting {item["id"].S}");
                        var key = KeyOf(item);
                        await client.DeleteItemAsync(new DeleteItemRequest { TableName = "Orders", Key = key });
                    }
                }

                public async Task ClearInlineAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "Orders" })|];
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", KeyOf(item));
                    }
                }

                private static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item)
                    => new() { ["id"] = item["id"] };
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

    [Fact]
    public async Task DocumentModelEmptyFilterAssignedAfterItsDeclaration_Flagged()
    {
        // The SDK's own DynamoDB samples declare the filter first and assign it in a later statement.
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task RunAsync(IAmazonDynamoDB client)
                {
                    var table = Table.LoadTable(client, "Orders");
                    ScanFilter filter;
                    filter = new ScanFilter();
                    var search = [|table.Scan(filter)|];
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

    [Fact]
    public async Task DocumentModelFilterAssignedLaterAndFilled_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task RunAsync(IAmazonDynamoDB client)
                {
                    var table = Table.LoadTable(client, "Orders");
                    ScanFilter filter;
                    filter = new ScanFilter();
                    filter.AddCondition("status", ScanOperator.Equal, "DONE");
                    var search = table.Scan(filter);
                    foreach (var document in await search.GetRemainingAsync())
                    {
                        await table.DeleteItemAsync(document);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LocalEmulatorTestFixture_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DynamoDbLocalFixture
            {
                private readonly AmazonDynamoDBClient _client = new(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });

                public async Task ResetAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await _client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ResetLocalStackAsync()
                {
                    var config = new AmazonDynamoDBConfig();
                    config.ServiceURL = "http://127.0.0.1:4566";
                    using var client = new AmazonDynamoDBClient(config);
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task TestcontainersOrLocalFallbackEndpoint_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class DynamoDbContainer
            {
                public string GetConnectionString() => "http://127.0.0.1:49153";
            }

            public sealed class OrdersTestsFixture
            {
                private readonly DynamoDbContainer _container = new();
                private IAmazonDynamoDB _client = null!;

                public void Initialize() => _client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = _container.GetConnectionString() });

                public async Task ResetAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await _client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }

            public sealed class LocalDevReset
            {
                public async Task ResetAsync()
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Environment.GetEnvironmentVariable("DYNAMODB_URL") ?? "http://localhost:8000" });
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ComposeServiceOrInterpolatedLocalEndpoint_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class ComposeFixture
            {
                private readonly AmazonDynamoDBClient _client = new(new AmazonDynamoDBConfig { ServiceURL = "http://dynamodb-local:8000" });

                public async Task ResetAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await _client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ResetOnPortAsync(int port)
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = $"http://localhost:{port}" });
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ResetLocalStackCliAsync()
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localstack-main:4566" });
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LocalEndpointFromConstantFieldOrLocal_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public const string DynamoDbLocal = "http://localhost:8000";
                public static readonly string LocalStack = "http://" + "localstack" + ":4566";
            }

            public sealed class ConstantEndpointFixture
            {
                private const string Port = "8000";
                private readonly AmazonDynamoDBClient _client = new(new AmazonDynamoDBConfig { ServiceURL = Endpoints.DynamoDbLocal });

                public async Task ResetAsync()
                {
                    var response = await _client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await _client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ResetLocalStackAsync()
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Environment.GetEnvironmentVariable("AWS_ENDPOINT") ?? Endpoints.LocalStack });
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ResetFromLocalAsync()
                {
                    var url = "http://127.0.0.1:" + Port;
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = url });
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Orders" });
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task RemoteEndpointFromConstantOrUnknownField_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public const string Vpc = "https://vpce-0123-abcd.dynamodb.eu-west-1.vpce.amazonaws.com";
                public static string Current = "http://localhost:8000";
            }

            public sealed class Cleanup
            {
                public async Task ClearAsync()
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Endpoints.Vpc });
                    var response = await {|#0:client.ScanAsync(new ScanRequest { TableName = "Orders" })|};
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ClearCurrentAsync()
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = Endpoints.Current });
                    var response = await {|#1:client.ScanAsync(new ScanRequest { TableName = "Orders" })|};
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Orders"),
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(1).WithArguments("Orders"));
    }

    [Fact]
    public async Task EndpointThatOnlyLooksLocal_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public sealed class Cleanup
            {
                public async Task ClearAsync(string host)
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "https://localhost.example.com" });
                    var response = await {|#0:client.ScanAsync(new ScanRequest { TableName = "Orders" })|};
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ClearOnHostAsync(string host)
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = $"http://{host}:8000/localhost" });
                    var response = await {|#1:client.ScanAsync(new ScanRequest { TableName = "Orders" })|};
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Orders"),
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(1).WithArguments("Orders"));
    }

    [Fact]
    public async Task ItemsCollectedUnderAConditionThenDeleted_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Sweeper
            {
                public async Task SweepAsync(IAmazonDynamoDB client, long now)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Sessions", ProjectionExpression = "id, expiresAt" });
                    var expired = new List<Dictionary<string, AttributeValue>>();
                    foreach (var item in response.Items)
                    {
                        if (long.Parse(item["expiresAt"].N) < now) expired.Add(item);
                    }

                    foreach (var item in expired)
                    {
                        await client.DeleteItemAsync("Sessions", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task SweepBatchAsync(IAmazonDynamoDB client, long now)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Sessions" });
                    var writes = new List<WriteRequest>();
                    foreach (var item in response.Items)
                    {
                        if (!item.ContainsKey("expiresAt") || long.Parse(item["expiresAt"].N) >= now)
                        {
                            continue;
                        }

                        writes.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = new() { ["id"] = item["id"] } } });
                    }

                    foreach (var chunk in writes.Chunk(25))
                    {
                        await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { ["Sessions"] = chunk.ToList() });
                    }
                }

                public async Task<int> CountAsync(IAmazonDynamoDB client)
                {
                    var response = await client.ScanAsync(new ScanRequest { TableName = "Sessions", Select = Select.COUNT });
                    return response.Count ?? 0;
                }
            }
            """);
    }

    [Fact]
    public async Task ItemsCollectedUnconditionallyThenDeletedInChunks_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var response = await {|AWSBP030:client.ScanAsync(new ScanRequest { TableName = "Sessions", ProjectionExpression = "id" })|};
                    var writes = new List<WriteRequest>();
                    var large = new List<Dictionary<string, AttributeValue>>();
                    foreach (var item in response.Items)
                    {
                        if (item.Count > 10) large.Add(item); // only logged
                        writes.Add(new WriteRequest { DeleteRequest = new DeleteRequest { Key = new() { ["id"] = item["id"] } } });
                    }

                    Console.WriteLine(large.Count);
                    foreach (var chunk in writes.Chunk(25))
                    {
                        await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { ["Sessions"] = chunk.ToList() });
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task DataModelScanWithFilterExpressionOrConfig_NotFlagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

            public class Cleanup
            {
                public async Task ExpressionAsync(IDynamoDBContext context, ContextExpression expression)
                {
                    foreach (var order in await context.ScanAsync<Order>(expression).GetRemainingAsync())
                    {
                        await context.DeleteAsync(order);
                    }
                }

                public async Task IndexAsync(IDynamoDBContext context)
                {
                    var config = new ScanConfig { IndexName = "by-status" };
                    foreach (var order in await context.ScanAsync<Order>(new List<ScanCondition>(), config).GetRemainingAsync())
                    {
                        await context.DeleteAsync(order);
                    }
                }

                public async Task FilledConditionsAsync(IDynamoDBContext context)
                {
                    var conditions = new List<ScanCondition>();
                    conditions.Add(new ScanCondition("Id", ScanOperator.BeginsWith, "tmp-"));
                    foreach (var order in await context.ScanAsync<Order>(conditions).GetRemainingAsync())
                    {
                        await context.DeleteAsync(order);
                    }
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

    [Fact]
    public async Task DataModelEmptyArrayOrCollectionExpression_Flagged()
    {
        await Verify.VerifyAnalyzerAsync(Usings + """
            public class Order { [DynamoDBHashKey] public string Id { get; set; } = ""; }

            public class Cleanup
            {
                public async Task EmptyArrayAsync(IDynamoDBContext context)
                {
                    var orders = await {|#0:context.ScanAsync<Order>(new ScanCondition[0])|}.GetRemainingAsync();
                    foreach (var order in orders)
                    {
                        await context.DeleteAsync<Order>(order.Id);
                    }
                }

                public async Task CollectionExpressionAsync(IDynamoDBContext context)
                {
                    var orders = await [|context.ScanAsync<Order>([])|].GetRemainingAsync();
                    var batch = context.CreateBatchWrite<Order>();
                    foreach (var order in orders)
                    {
                        batch.AddDeleteItem(order);
                    }

                    await batch.ExecuteAsync();
                }
            }
            """,
            Verify.Diagnostic(ScanAndDeleteTableCleanupAnalyzer.Rule).WithLocation(0).WithArguments("Order"));
    }

    [Fact]
    public async Task TopLevelStatements_FlaggedWithoutFix()
    {
        var source = """
            using System.Collections.Generic;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            var client = new AmazonDynamoDBClient();
            var tableName = args[0];
            var response = await [|client.ScanAsync(new ScanRequest { TableName = tableName })|];
            foreach (var item in response.Items)
            {
                await client.DeleteItemAsync(tableName, new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
            }
            """;
        var test = Verify.CreateTest();
        test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.TestCode = source;
        test.FixedCode = source;
        await test.RunAsync();
    }

    // ---------------------------------------------------------------- fix

    [Fact]
    public async Task Fix_PaginatedLowLevelCleanup_ReplacedByRecreateHelper()
    {
        await Verify.VerifyCodeFixAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            public class Cleanup
            {
                private const string TableName = "Orders";
                private readonly IAmazonDynamoDB _client;

                public Cleanup(IAmazonDynamoDB client) => _client = client;

                public async Task ResetAsync(CancellationToken cancellationToken)
                {
                    // Empty the table before the import.
                    var request = new ScanRequest { TableName = TableName };
                    ScanResponse response;
                    do
                    {
                        // One page at a time.
                        response = await [|_client.ScanAsync(request, cancellationToken)|];
                        foreach (var item in response.Items)
                        {
                            await _client.DeleteItemAsync(TableName, new Dictionary<string, AttributeValue> { ["id"] = item["id"] }, cancellationToken); /* slow */
                        }

                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (response.LastEvaluatedKey is { Count: > 0 });

                    await ImportAsync(cancellationToken);
                }

                private Task ImportAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """, $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            public class Cleanup
            {
                private const string TableName = "Orders";
                private readonly IAmazonDynamoDB _client;

                public Cleanup(IAmazonDynamoDB client) => _client = client;

                public async Task ResetAsync(CancellationToken cancellationToken)
                {
                    // Empty the table before the import.
                    // One page at a time.
                    /* slow */
                    await RecreateTableAsync(_client, TableName, cancellationToken);

                    await ImportAsync(cancellationToken);
                }

                private Task ImportAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            {{Helper}}
            }
            """);
    }

    [Fact]
    public async Task Fix_PaginatorLoop()
    {
        await Verify.VerifyCodeFixAsync(Usings + """
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client, string tableName)
                {
                    var request = new ScanRequest { TableName = tableName, Limit = 500 };
                    await foreach (var page in [|client.Paginators.Scan(request)|].Responses)
                    {
                        foreach (var item in page.Items ?? new List<Dictionary<string, AttributeValue>>())
                        {
                            await client.DeleteItemAsync(tableName, new Dictionary<string, AttributeValue> { ["pk"] = item["pk"], ["sk"] = item["sk"] });
                        }
                    }
                }
            }
            """, Usings + $$"""
            public class Cleanup
            {
                public async Task ClearAsync(IAmazonDynamoDB client, string tableName)
                {
                    await RecreateTableAsync(client, tableName);
                }

            {{Helper}}
            }
            """);
    }

    [Fact]
    public async Task FixAll_TwoSitesInOneClass_OneHelper()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            namespace Ops
            {
                public class Maintenance
                {
                    public async Task ResetOrdersAsync(IAmazonDynamoDB client)
                    {
                        var response = await [|client.ScanAsync(new ScanRequest { TableName = "Orders" })|];
                        foreach (var item in response.Items)
                        {
                            await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }

                        Console.WriteLine("Orders reset");
                    }

                    public async Task ResetTablesAsync(AmazonDynamoDBClient client, IEnumerable<string> tableNames)
                    {
                        foreach (var tableName in tableNames)
                        {
                            var response = await [|client.ScanAsync(tableName, new List<string> { "pk", "sk" })|];
                            var writes = response.Items
                                .Select(item => new WriteRequest(new DeleteRequest(new Dictionary<string, AttributeValue> { ["pk"] = item["pk"], ["sk"] = item["sk"] })))
                                .ToList();
                            await client.BatchWriteItemAsync(new Dictionary<string, List<WriteRequest>> { [tableName] = writes });
                        }
                    }
                }
            }
            """, $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            namespace Ops
            {
                public class Maintenance
                {
                    public async Task ResetOrdersAsync(IAmazonDynamoDB client)
                    {
                        await RecreateTableAsync(client, "Orders");

                        Console.WriteLine("Orders reset");
                    }

                    public async Task ResetTablesAsync(AmazonDynamoDBClient client, IEnumerable<string> tableNames)
                    {
                        foreach (var tableName in tableNames)
                        {
                            await RecreateTableAsync(client, tableName);
                        }
                    }

                {{Indent(Helper)}}
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_NotOffered_WhereTheResultWouldBeWrong()
    {
        var source = Usings + """
            public class Cleanup
            {
                private int _deleted;

                // Not async: the replacement could not await.
                public void ClearBlocking(IAmazonDynamoDB client)
                {
                    var response = [|client.ScanAsync(new ScanRequest { TableName = "A" })|].Result;
                    foreach (var item in response.Items)
                    {
                        client.DeleteItemAsync("A", new Dictionary<string, AttributeValue> { ["id"] = item["id"] }).Wait();
                    }
                }

                // The count is used after the loop.
                public async Task<int> ClearCountingAsync(IAmazonDynamoDB client)
                {
                    var count = 0;
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "B" })|];
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("B", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        count++;
                    }

                    return count;
                }

                // A field is updated and a method of the user's code runs for every deleted item.
                public async Task ClearWithAuditAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "C" })|];
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("C", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        _deleted++;
                        AuditDeletion();
                    }
                }

                // Parallel scan segment: recreating the table per segment would be wrong.
                public async Task ClearSegmentAsync(IAmazonDynamoDB client, int segment)
                {
                    var request = new ScanRequest { TableName = "D", Segment = segment, TotalSegments = 4 };
                    ScanResponse response;
                    do
                    {
                        response = await [|client.ScanAsync(request)|];
                        foreach (var item in response.Items)
                        {
                            await client.DeleteItemAsync("D", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                        }

                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (response.LastEvaluatedKey is { Count: > 0 });
                }

                // Document model: the table object does not reliably give back the client and table name.
                public async Task ClearDocumentsAsync(ITable table)
                {
                    foreach (var document in await [|table.Scan(new ScanFilter())|].GetRemainingAsync())
                    {
                        await table.DeleteItemAsync(document);
                    }
                }

                private static void AuditDeletion()
                {
                }
            }

            public class NameTaken
            {
                public async Task ClearAsync(IAmazonDynamoDB client)
                {
                    var response = await [|client.ScanAsync(new ScanRequest { TableName = "E" })|];
                    foreach (var item in response.Items)
                    {
                        await client.DeleteItemAsync("E", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                private static Task RecreateTableAsync(string tableName) => Task.CompletedTask;
            }
            """;
        await Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task SdkV3Shapes_SyncFlaggedWithoutFix_AsyncFixedWithV3Helper()
    {
        // The served SDK v3 has no DynamoDB assembly: these are source stubs with the v3 member shapes (sync Scan/DeleteItem,
        // non-nullable long/bool properties, no TableClass, OnDemandThroughput or Replicas).
        var source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            public class Cleanup
            {
                public void Clear(IAmazonDynamoDB client)
                {
                    var response = [|client.Scan(new ScanRequest { TableName = "Orders" })|];
                    foreach (var item in response.Items)
                    {
                        client.DeleteItem("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ClearAsync(IAmazonDynamoDB client, CancellationToken token)
                {
                    var request = new ScanRequest { TableName = "Orders" };
                    do
                    {
                        var response = await [|client.ScanAsync(request, token)|];
                        foreach (var item in response.Items)
                        {
                            await client.DeleteItemAsync("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] }, token);
                        }

                        request.ExclusiveStartKey = response.LastEvaluatedKey;
                    }
                    while (request.ExclusiveStartKey.Count > 0);
                }
            }
            """;
        var fixedSource = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.DynamoDBv2;
            using Amazon.DynamoDBv2.Model;

            public class Cleanup
            {
                public void Clear(IAmazonDynamoDB client)
                {
                    var response = [|client.Scan(new ScanRequest { TableName = "Orders" })|];
                    foreach (var item in response.Items)
                    {
                        client.DeleteItem("Orders", new Dictionary<string, AttributeValue> { ["id"] = item["id"] });
                    }
                }

                public async Task ClearAsync(IAmazonDynamoDB client, CancellationToken token)
                {
                    await RecreateTableAsync(client, "Orders", token);
                }

                /// <summary>
                /// Empties a DynamoDB table by deleting and recreating it with the same key schema, attribute definitions, billing mode,
                /// throughput, secondary indexes, stream and encryption settings. Not carried over: TTL, point-in-time recovery, tags,
                /// auto scaling, the resource policy, contributor insights and global table replicas; the stream gets a new ARN.
                /// DeleteTable fails while deletion protection is enabled.
                /// </summary>
                private static async Task RecreateTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
                {
                    var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;
                    await client.DeleteTableAsync(new DeleteTableRequest { TableName = tableName }, cancellationToken);
                    while (true)
                    {
                        try
                        {
                            await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
                        }
                        catch (ResourceNotFoundException)
                        {
                            break;
                        }

                        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                    }

                    var payPerRequest = table.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST;
                    var request = new CreateTableRequest
                    {
                        TableName = tableName,
                        KeySchema = table.KeySchema,
                        AttributeDefinitions = table.AttributeDefinitions,
                        BillingMode = payPerRequest ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,
                    };
                    if (!payPerRequest)
                    {
                        request.ProvisionedThroughput = new ProvisionedThroughput
                        {
                            ReadCapacityUnits = table.ProvisionedThroughput.ReadCapacityUnits,
                            WriteCapacityUnits = table.ProvisionedThroughput.WriteCapacityUnits,
                        };
                    }

                    if (table.GlobalSecondaryIndexes is { Count: > 0 })
                    {
                        request.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.ConvertAll(index => new GlobalSecondaryIndex
                        {
                            IndexName = index.IndexName,
                            KeySchema = index.KeySchema,
                            Projection = index.Projection,
                            ProvisionedThroughput = payPerRequest ? null : new ProvisionedThroughput
                            {
                                ReadCapacityUnits = index.ProvisionedThroughput.ReadCapacityUnits,
                                WriteCapacityUnits = index.ProvisionedThroughput.WriteCapacityUnits,
                            },
                        });
                    }

                    if (table.LocalSecondaryIndexes is { Count: > 0 })
                    {
                        request.LocalSecondaryIndexes = table.LocalSecondaryIndexes.ConvertAll(index => new LocalSecondaryIndex
                        {
                            IndexName = index.IndexName,
                            KeySchema = index.KeySchema,
                            Projection = index.Projection,
                        });
                    }

                    if (table.StreamSpecification?.StreamEnabled == true)
                    {
                        request.StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = table.StreamSpecification.StreamViewType };
                    }

                    if (table.SSEDescription?.Status == SSEStatus.ENABLED)
                    {
                        request.SSESpecification = new SSESpecification { Enabled = true, SSEType = table.SSEDescription.SSEType, KMSMasterKeyId = table.SSEDescription.KMSMasterKeyArn };
                    }

                    await client.CreateTableAsync(request, cancellationToken);
                    while ((await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
                    }
                }
            }
            """;
        var test = Verify.CreateTest(AwsSdk.V3);
        test.TestState.Sources.Add(source);
        test.TestState.Sources.Add(("DynamoDbV3Stubs.cs", DynamoDbV3Stubs));
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.Sources.Add(("DynamoDbV3Stubs.cs", DynamoDbV3Stubs));
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.RunAsync();
    }

    /// <summary>One more level of indentation (for a class inside a namespace block); blank lines stay empty.</summary>
    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => line.Length == 0 ? line : "    " + line)).Substring(4);

    private const string DynamoDbV3Stubs = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2.Model;
        using Amazon.Runtime;

        namespace Amazon.DynamoDBv2
        {
            public interface IAmazonDynamoDB : IAmazonService, IDisposable
            {
                ScanResponse Scan(ScanRequest request);
                Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken cancellationToken = default);
                DeleteItemResponse DeleteItem(string tableName, Dictionary<string, AttributeValue> key);
                Task<DeleteItemResponse> DeleteItemAsync(string tableName, Dictionary<string, AttributeValue> key, CancellationToken cancellationToken = default);
                Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default);
                Task<DeleteTableResponse> DeleteTableAsync(DeleteTableRequest request, CancellationToken cancellationToken = default);
                Task<CreateTableResponse> CreateTableAsync(CreateTableRequest request, CancellationToken cancellationToken = default);
            }

            public sealed class BillingMode : ConstantClass
            {
                public static readonly BillingMode PAY_PER_REQUEST = new("PAY_PER_REQUEST");
                public static readonly BillingMode PROVISIONED = new("PROVISIONED");
                public BillingMode(string value) : base(value) { }
            }

            public sealed class TableStatus : ConstantClass
            {
                public static readonly TableStatus ACTIVE = new("ACTIVE");
                public TableStatus(string value) : base(value) { }
            }

            public sealed class SSEStatus : ConstantClass
            {
                public static readonly SSEStatus ENABLED = new("ENABLED");
                public SSEStatus(string value) : base(value) { }
            }

            public sealed class SSEType : ConstantClass
            {
                public SSEType(string value) : base(value) { }
            }

            public sealed class StreamViewType : ConstantClass
            {
                public StreamViewType(string value) : base(value) { }
            }
        }

        namespace Amazon.DynamoDBv2.Model
        {
            public class AttributeValue { public string S { get; set; } = ""; }
            public class ScanRequest : AmazonWebServiceRequest
            {
                public string TableName { get; set; } = "";
                public string FilterExpression { get; set; } = "";
                public Dictionary<string, AttributeValue> ExclusiveStartKey { get; set; } = new();
            }

            public class ScanResponse : AmazonWebServiceResponse
            {
                public List<Dictionary<string, AttributeValue>> Items { get; set; } = new();
                public Dictionary<string, AttributeValue> LastEvaluatedKey { get; set; } = new();
            }

            public class DeleteItemResponse : AmazonWebServiceResponse { }
            public class DescribeTableRequest : AmazonWebServiceRequest { public string TableName { get; set; } = ""; }
            public class DescribeTableResponse : AmazonWebServiceResponse { public TableDescription Table { get; set; } = new(); }
            public class DeleteTableRequest : AmazonWebServiceRequest { public string TableName { get; set; } = ""; }
            public class DeleteTableResponse : AmazonWebServiceResponse { }
            public class CreateTableResponse : AmazonWebServiceResponse { }
            public class ResourceNotFoundException : AmazonServiceException { public ResourceNotFoundException(string message) : base(message) { } }
            public class KeySchemaElement { }
            public class AttributeDefinition { }
            public class Projection { }
            public class BillingModeSummary { public BillingMode BillingMode { get; set; } = BillingMode.PROVISIONED; }
            public class ProvisionedThroughputDescription { public long ReadCapacityUnits { get; set; } public long WriteCapacityUnits { get; set; } }
            public class ProvisionedThroughput { public long ReadCapacityUnits { get; set; } public long WriteCapacityUnits { get; set; } }
            public class StreamSpecification { public bool StreamEnabled { get; set; } public StreamViewType? StreamViewType { get; set; } }
            public class SSEDescription { public SSEStatus? Status { get; set; } public SSEType? SSEType { get; set; } public string KMSMasterKeyArn { get; set; } = ""; }
            public class SSESpecification { public bool Enabled { get; set; } public SSEType? SSEType { get; set; } public string KMSMasterKeyId { get; set; } = ""; }

            public class GlobalSecondaryIndexDescription
            {
                public string IndexName { get; set; } = "";
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public Projection Projection { get; set; } = new();
                public ProvisionedThroughputDescription ProvisionedThroughput { get; set; } = new();
            }

            public class GlobalSecondaryIndex
            {
                public string IndexName { get; set; } = "";
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public Projection Projection { get; set; } = new();
                public ProvisionedThroughput? ProvisionedThroughput { get; set; }
            }

            public class LocalSecondaryIndexDescription
            {
                public string IndexName { get; set; } = "";
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public Projection Projection { get; set; } = new();
            }

            public class LocalSecondaryIndex
            {
                public string IndexName { get; set; } = "";
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public Projection Projection { get; set; } = new();
            }

            public class TableDescription
            {
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public List<AttributeDefinition> AttributeDefinitions { get; set; } = new();
                public BillingModeSummary? BillingModeSummary { get; set; }
                public ProvisionedThroughputDescription ProvisionedThroughput { get; set; } = new();
                public List<GlobalSecondaryIndexDescription> GlobalSecondaryIndexes { get; set; } = new();
                public List<LocalSecondaryIndexDescription> LocalSecondaryIndexes { get; set; } = new();
                public StreamSpecification? StreamSpecification { get; set; }
                public SSEDescription? SSEDescription { get; set; }
                public TableStatus? TableStatus { get; set; }
            }

            public class CreateTableRequest : AmazonWebServiceRequest
            {
                public string TableName { get; set; } = "";
                public List<KeySchemaElement> KeySchema { get; set; } = new();
                public List<AttributeDefinition> AttributeDefinitions { get; set; } = new();
                public BillingMode? BillingMode { get; set; }
                public ProvisionedThroughput? ProvisionedThroughput { get; set; }
                public List<GlobalSecondaryIndex> GlobalSecondaryIndexes { get; set; } = new();
                public List<LocalSecondaryIndex> LocalSecondaryIndexes { get; set; } = new();
                public StreamSpecification? StreamSpecification { get; set; }
                public SSESpecification? SSESpecification { get; set; }
            }
        }
        """;

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
