using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;

namespace Clean.Orders;

/// <summary>
/// Handler: <c>Clean::Clean.Orders.TableMaintenance::ResetStagingOrders</c>. Empties the staging table by dropping and
/// recreating it (two API calls instead of reading and deleting every item), and separately removes expired orders with
/// a filtered scan.
/// </summary>
public class TableMaintenance
{
    private const string StagingOrdersTable = "orders-staging";

    private static readonly IAmazonDynamoDB DynamoDb = new AmazonDynamoDBClient();

    public async Task<PurgeResult> ResetStagingOrders(PurgeRequest request, ILambdaContext context)
    {
        var table = (await DynamoDb.DescribeTableAsync(StagingOrdersTable)).Table;
        var itemCount = (int)(table.ItemCount ?? 0);
        if (request.DryRun)
        {
            return new PurgeResult(itemCount);
        }

        await DynamoDb.DeleteTableAsync(StagingOrdersTable);
        await WaitUntilDeletedAsync(StagingOrdersTable);

        // Recreating does not carry over TTL, point-in-time recovery, tags or auto scaling: staging sets none of them.
        await DynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = StagingOrdersTable,
            KeySchema = table.KeySchema,
            AttributeDefinitions = table.AttributeDefinitions,
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        await WaitUntilActiveAsync(StagingOrdersTable);

        context.Logger.LogLine($"Recreated {StagingOrdersTable} (dropped {itemCount} items)");
        return new PurgeResult(itemCount);
    }

    /// <summary>Deletes only the orders whose retention period is over: a filtered scan, not a table cleanup.</summary>
    public async Task<int> DeleteExpiredOrdersAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await DynamoDb.ScanAsync(
                new ScanRequest
                {
                    TableName = StagingOrdersTable,
                    ProjectionExpression = "pk, sk",
                    FilterExpression = "createdAt < :cutoff",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":cutoff"] = new() { N = olderThan.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
                    },
                    ExclusiveStartKey = startKey,
                },
                cancellationToken);

            foreach (var item in page.Items ?? [])
            {
                await DynamoDb.DeleteItemAsync(
                    new DeleteItemRequest
                    {
                        TableName = StagingOrdersTable,
                        Key = new Dictionary<string, AttributeValue> { ["pk"] = item["pk"], ["sk"] = item["sk"] },
                    },
                    cancellationToken);
                deleted++;
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is { Count: > 0 });

        return deleted;
    }

    private static async Task WaitUntilDeletedAsync(string tableName)
    {
        while (true)
        {
            try
            {
                await DynamoDb.DescribeTableAsync(tableName);
            }
            catch (ResourceNotFoundException)
            {
                return; // Gone: this is the exit of the polling loop, not a retry.
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    private static async Task WaitUntilActiveAsync(string tableName)
    {
        while ((await DynamoDb.DescribeTableAsync(tableName)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}
