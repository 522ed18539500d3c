using System.Globalization;
using System.Net.Http.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Clean.Orders;

/// <summary>
/// Handler: <c>Clean::Clean.Orders.Function::FunctionHandler</c>. The clients are created once per execution environment
/// (cold start) and reused by every warm invocation; credentials come from the function's execution role.
/// </summary>
public class Function
{
    private const string OrdersTable = "orders";

    private static readonly IAmazonDynamoDB DynamoDb = new AmazonDynamoDBClient();
    private static readonly HttpClient Payments = new()
    {
        BaseAddress = new Uri("https://payments.internal.example.com/"),
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly OrderNotifier _notifier;

    public Function()
        : this(new OrderNotifier())
    {
    }

    // Unit tests pass a fake notifier.
    public Function(OrderNotifier notifier) => _notifier = notifier;

    public async Task<OrderResult> FunctionHandler(OrderEvent input, ILambdaContext context)
    {
        context.Logger.LogLine($"Processing order {input.OrderId} for customer {input.CustomerId}");

        var payment = await Payments.GetFromJsonAsync<PaymentStatus>($"payments/{Uri.EscapeDataString(input.OrderId)}");
        if (payment is not { Captured: true } || payment.Amount != input.Total)
        {
            return OrderResult.Rejected(input.OrderId, "payment not captured");
        }

        try
        {
            await DynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = OrdersTable,
                Item = new Dictionary<string, AttributeValue>
                {
                    ["pk"] = new() { S = $"ORDER#{input.OrderId}" },
                    ["sk"] = new() { S = "SUMMARY" },
                    ["customerId"] = new() { S = input.CustomerId },
                    ["total"] = new() { N = input.Total.ToString(CultureInfo.InvariantCulture) },
                    ["paymentId"] = new() { S = payment.PaymentId },
                },
                ConditionExpression = "attribute_not_exists(pk)",
            });
        }
        catch (ConditionalCheckFailedException)
        {
            context.Logger.LogLine($"Order {input.OrderId} already processed");
            return OrderResult.Accepted(input.OrderId);
        }

        await _notifier.PublishAcceptedAsync(input);
        return OrderResult.Accepted(input.OrderId);
    }
}
