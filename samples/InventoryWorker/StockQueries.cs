using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>Read side of the inventory: stock levels from DynamoDB, count snapshots from S3.</summary>
public sealed class StockQueries(IAmazonDynamoDB dynamoDb, IAmazonS3 s3)
{
    public async Task<List<string>> WarehousesOfAsync(string sku, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest // AWSBP032: one page (1 MB) read as every warehouse
        {
            TableName = "stock-levels",
            KeyConditionExpression = "sku = :sku",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sku"] = new() { S = sku } },
        }, cancellationToken);
        return (response.Items ?? []).Select(item => item["warehouse"].S).ToList();
    }

    public async Task<List<string>> SnapshotKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "warehouse-counts", Prefix = "snapshots/" }, cancellationToken); // AWSBP032: 1,000 keys at most
        foreach (var item in response.S3Objects ?? [])
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    /// <summary>Not flagged: one page on purpose (the latest counts), and no filter behind the limit.</summary>
    public async Task<Dictionary<string, AttributeValue>?> LatestCountAsync(string sku, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = "stock-levels",
            KeyConditionExpression = "sku = :sku",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sku"] = new() { S = sku } },
            ScanIndexForward = false,
            Limit = 1,
        }, cancellationToken);
        return response.Items?.FirstOrDefault();
    }
}
