using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace InventoryWorker;

/// <summary>Stock levels per SKU and warehouse in the <c>stock-levels</c> table.</summary>
public sealed class StockRepository(IAmazonDynamoDB dynamoDb, TextWriter log)
{
    private const string Table = "stock-levels";

    public async Task SaveAsync(StockLevel level, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["sku"] = new() { S = level.Sku },
                ["warehouse"] = new() { S = level.Warehouse },
                ["onHand"] = new() { N = level.OnHand.ToString(CultureInfo.InvariantCulture) },
                ["countedAt"] = new() { S = level.CountedAt.ToString("O") },
            },
        };

        var retries = 0;
        while (true)
        {
            try
            {
                await dynamoDb.PutItemAsync(request, cancellationToken);
                return;
            }
            catch (AmazonServiceException ex) // AWSBP020: a ValidationException will fail the same way on every attempt
            {
                if (++retries > 3)
                {
                    throw;
                }

                log.WriteLine($"PutItem for {level.Sku} failed: {ex.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(200 * Math.Pow(2, retries)), cancellationToken);
            }
        }
    }

    /// <summary>Waits for the table that the deployment pipeline creates, then reads the level.</summary>
    public async Task<int?> GetOnHandAsync(string sku, string warehouse, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                var response = await dynamoDb.GetItemAsync(
                    new GetItemRequest
                    {
                        TableName = Table,
                        Key = new Dictionary<string, AttributeValue> { ["sku"] = new() { S = sku }, ["warehouse"] = new() { S = warehouse } },
                        ConsistentRead = true,
                    },
                    cancellationToken);

                return response.Item is { } item && item.TryGetValue("onHand", out var onHand)
                    ? int.Parse(onHand.N, CultureInfo.InvariantCulture)
                    : null;
            }
            catch (ResourceNotFoundException) // A waiter: polls the read with a delay until the table exists (as the SDK's TableExists waiter does)
            {
                log.WriteLine($"Table {Table} not found, retrying in 3s");
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
        }

        throw new TimeoutException($"Table {Table} did not appear.");
    }

    /// <summary>Not flagged: only throttling and server errors are retried.</summary>
    public async Task AdjustAsync(string sku, string warehouse, int delta, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = Table,
            Key = new Dictionary<string, AttributeValue> { ["sku"] = new() { S = sku }, ["warehouse"] = new() { S = warehouse } },
            UpdateExpression = "ADD onHand :delta",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":delta"] = new() { N = delta.ToString(CultureInfo.InvariantCulture) } },
        };

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dynamoDb.UpdateItemAsync(request, cancellationToken);
                return;
            }
            catch (ProvisionedThroughputExceededException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
            }
            catch (AmazonDynamoDBException ex) when (attempt < 5 && ex.StatusCode >= HttpStatusCode.InternalServerError)
            {
                log.WriteLine($"DynamoDB returned {(int)ex.StatusCode}, retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
            }
        }
    }
}
