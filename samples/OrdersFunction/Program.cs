// Entry point when the function is deployed as an executable assembly (custom runtime such as provided.al2023, or Native AOT):
// Lambda starts this program, which serves the order-status handler through the Lambda runtime client.
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;
using OrdersFunction;

Func<OrderStatusRequest, Task<OrderStatusResponse>> getOrderStatus = async request =>
{
    using var dynamoDb = new AmazonDynamoDBClient(); // AWSBP010: created for every invocation of the handler lambda
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

    var status = response.Item is { } item && item.TryGetValue("status", out var value) ? value.S : "UNKNOWN";
    return new OrderStatusResponse(request.OrderId, status ?? "UNKNOWN");
};

await LambdaBootstrapBuilder.Create(getOrderStatus, new DefaultLambdaJsonSerializer())
    .Build()
    .RunAsync();
