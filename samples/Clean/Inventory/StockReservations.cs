using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Clean.Inventory;

/// <summary>Reserves stock for an order in the <c>stock-reservations</c> table (one item per order and SKU).</summary>
public sealed class StockReservations(IAmazonDynamoDB dynamoDb, TextWriter log)
{
    private const string Table = "stock-reservations";
    private const int MaxAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    public async Task ReserveAsync(string orderId, string sku, int quantity, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = Table,
            Item = new Dictionary<string, AttributeValue>
            {
                ["orderId"] = new() { S = orderId },
                ["sku"] = new() { S = sku },
                ["quantity"] = new() { N = quantity.ToString(CultureInfo.InvariantCulture) },
                ["reservedAt"] = new() { S = DateTimeOffset.UtcNow.ToString("O") },
            },

            // A reservation is written once: an attempt after a lost response must not reserve twice.
            ConditionExpression = "attribute_not_exists(orderId)",
        };

        var attempt = 0;
        while (true)
        {
            try
            {
                await dynamoDb.PutItemAsync(request, cancellationToken);
                return;
            }
            catch (ConditionalCheckFailedException)
            {
                log.WriteLine($"{orderId}/{sku} is already reserved");
                return;
            }
            catch (ProvisionedThroughputExceededException) when (++attempt < MaxAttempts)
            {
                // Capped exponential backoff with full jitter: throttled workers spread out instead of retrying together.
                log.WriteLine($"Reservations throttled (attempt {attempt}), retrying");
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, RetryDelay.TotalMilliseconds * Math.Pow(2, attempt)))), cancellationToken);
            }
        }
    }
}
