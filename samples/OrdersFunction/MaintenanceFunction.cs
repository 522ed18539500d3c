using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;

namespace OrdersFunction;

/// <summary>
/// Handler: <c>OrdersFunction::OrdersFunction.MaintenanceFunction::PurgeStagingOrders</c>, run by a nightly schedule to
/// empty the staging orders table before the load tests.
/// </summary>
public class MaintenanceFunction
{
    private const string StagingOrdersTable = "orders-staging";

    private static readonly IAmazonDynamoDB DynamoDb = new AmazonDynamoDBClient();

    public async Task<PurgeResult> PurgeStagingOrders(PurgeRequest request, ILambdaContext context)
    {
        context.Logger.LogLine($"Purging {StagingOrdersTable} (requested by {request.RequestedBy})");
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await DynamoDb.ScanAsync(new ScanRequest // AWSBP030: unfiltered scan + delete of every item empties the table
            {
                TableName = StagingOrdersTable,
                ProjectionExpression = "pk, sk",
                ExclusiveStartKey = startKey,
            });

            foreach (var item in page.Items ?? [])
            {
                await DynamoDb.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = StagingOrdersTable,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = item["pk"], ["sk"] = item["sk"] },
                });
            }

            startKey = page.LastEvaluatedKey;
        }
        while (startKey is { Count: > 0 });

        return new PurgeResult(StagingOrdersTable, DateTimeOffset.UtcNow);
    }
}
