using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace InventoryWorker;

/// <summary>Retires discontinued SKUs: removes their stock levels from the stock table.</summary>
public sealed class StockRetirement(IAmazonDynamoDB dynamoDb)
{
    public async Task RetireAsync(IReadOnlyList<StockLevel> discontinued, CancellationToken cancellationToken)
    {
        foreach (var level in discontinued)
        {
            var key = new Dictionary<string, AttributeValue> { ["sku"] = new() { S = level.Sku }, ["warehouse"] = new() { S = level.Warehouse } };
            await dynamoDb.DeleteItemAsync("stock-levels", key, cancellationToken); // AWSBP031: one request per SKU where BatchWriteItem deletes 25
        }
    }
}
