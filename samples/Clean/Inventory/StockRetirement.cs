using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Clean.Inventory;

/// <summary>The corrected retirement: 25 deletes per BatchWriteItem, unprocessed deletes resubmitted with backoff.</summary>
public sealed class StockRetirement(IAmazonDynamoDB dynamoDb)
{
    public async Task RetireAsync(IReadOnlyList<(string Sku, string Warehouse)> discontinued, CancellationToken cancellationToken)
    {
        foreach (var chunk in discontinued.Chunk(25))
        {
            await BatchWriteItemUntilProcessedAsync(dynamoDb, new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    ["stock-levels"] = chunk.Select(level => new WriteRequest
                    {
                        DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["sku"] = new() { S = level.Sku }, ["warehouse"] = new() { S = level.Warehouse } } },
                    }).ToList(),
                },
            }, cancellationToken);
        }
    }

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
}
