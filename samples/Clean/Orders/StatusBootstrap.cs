using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;

namespace Clean.Orders;

/// <summary>
/// The order-status handler for an executable-assembly deployment: the client is created before the bootstrap starts and
/// captured by the handler lambda, so every invocation reuses it.
/// </summary>
public static class StatusBootstrap
{
    public static async Task RunAsync()
    {
        using var dynamoDb = new AmazonDynamoDBClient();

        Func<OrderStatusRequest, Task<OrderStatusResponse>> getOrderStatus = async request =>
        {
            var response = await dynamoDb.GetItemAsync(new GetItemRequest
            {
                TableName = "orders",
                Key = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new() { S = $"ORDER#{request.OrderId}" },
                    ["sk"] = new() { S = "SUMMARY" },
                },
                ProjectionExpression = "#status",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#status"] = "status" },
            });

            var status = response.Item is { } item && item.TryGetValue("status", out var value) ? value.S : null;
            return new OrderStatusResponse(request.OrderId, status ?? "UNKNOWN");
        };

        await LambdaBootstrapBuilder.Create(getOrderStatus, new DefaultLambdaJsonSerializer())
            .Build()
            .RunAsync();
    }
}
