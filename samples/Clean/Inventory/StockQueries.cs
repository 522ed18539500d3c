using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Inventory;

/// <summary>The corrected read side: every page, through the paginators or a token loop.</summary>
public sealed class StockQueries(IAmazonDynamoDB dynamoDb, IAmazonS3 s3)
{
    public async Task<List<string>> WarehousesOfAsync(string sku, CancellationToken cancellationToken)
    {
        var warehouses = new List<string>();
        var request = new QueryRequest
        {
            TableName = "stock-levels",
            KeyConditionExpression = "sku = :sku",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":sku"] = new() { S = sku } },
        };
        await foreach (var page in dynamoDb.Paginators.Query(request).Responses.WithCancellation(cancellationToken))
        {
            warehouses.AddRange((page.Items ?? []).Select(item => item["warehouse"].S));
        }

        return warehouses;
    }

    public async Task<List<string>> SnapshotKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = "warehouse-counts", Prefix = "snapshots/" };
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, cancellationToken);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

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
