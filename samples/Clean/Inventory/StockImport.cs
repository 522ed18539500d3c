using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Clean.Inventory;

/// <summary>The corrected import: unprocessed writes resubmitted with backoff, failed messages reported.</summary>
public sealed class StockImport(IAmazonDynamoDB dynamoDb, IAmazonSQS sqs, TextWriter log)
{
    public async Task ImportAsync(IReadOnlyList<(string Sku, string Warehouse)> levels, string queueUrl, CancellationToken cancellationToken)
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
            for (var attempt = 1; ; attempt++)
            {
                var response = await dynamoDb.BatchWriteItemAsync(request, cancellationToken);
                if (response.UnprocessedItems is not { Count: > 0 } unprocessed)
                {
                    break;
                }

                if (attempt == 8)
                {
                    throw new InvalidOperationException("stock levels still unprocessed after 8 attempts");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next((int)Math.Min(5000, 50 * Math.Pow(2, attempt)))), cancellationToken);
                request = new BatchWriteItemRequest { RequestItems = unprocessed };
            }
        }

        var announcement = new SendMessageBatchRequest
        {
            QueueUrl = queueUrl,
            Entries = levels.Take(10).Select((level, i) => new SendMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), level.Sku)).ToList(),
        };
        var sent = await sqs.SendMessageBatchAsync(announcement, cancellationToken);
        foreach (var failure in sent.Failed ?? [])
        {
            log.WriteLine($"restock announcement {failure.Id} not sent: {failure.Code}");
        }
    }
}
