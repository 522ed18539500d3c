using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace InventoryWorker;

/// <summary>Bulk import of counted stock: writes the levels in chunks of 25 and announces them on the restock queue.</summary>
public sealed class StockImport(IAmazonDynamoDB dynamoDb, IAmazonSQS sqs)
{
    public async Task ImportAsync(IReadOnlyList<StockLevel> levels, string queueUrl, CancellationToken cancellationToken)
    {
        foreach (var chunk in levels.Chunk(25))
        {
            var request = new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    ["stock-levels"] = chunk.Select(level => new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue>
                    {
                        ["sku"] = new() { S = level.Sku },
                        ["warehouse"] = new() { S = level.Warehouse },
                    }))).ToList(),
                },
            };
            await dynamoDb.BatchWriteItemAsync(request, cancellationToken); // AWSBP022: throttled writes come back in UnprocessedItems and are lost
        }

        var announcement = new SendMessageBatchRequest
        {
            QueueUrl = queueUrl,
            Entries = levels.Take(10).Select((level, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), level.Sku)).ToList(),
        };
        await sqs.SendMessageBatchAsync(announcement, cancellationToken); // AWSBP022: Failed entries are never looked at
    }
}
