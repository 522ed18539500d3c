using System.Globalization;
using System.Net.Http.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace OrdersFunction;

/// <summary>
/// Handler: <c>OrdersFunction::OrdersFunction.Function::FunctionHandler</c>. Checks the payment, stores the order and
/// announces it on the order-events queue.
/// </summary>
public class Function
{
    private const string OrdersTable = "orders";
    private static readonly Uri PaymentsApi = new("https://payments.internal.example.com/");

    public async Task<OrderResult> FunctionHandler(OrderEvent input, ILambdaContext context)
    {
        var dynamoDb = new AmazonDynamoDBClient(); // AWSBP010: a new client (and connection pool) on every invocation
        using var payments = new HttpClient { BaseAddress = PaymentsApi, Timeout = TimeSpan.FromSeconds(5) }; // AWSBP010: HttpClient per invocation

        context.Logger.LogLine($"Processing order {input.OrderId} for customer {input.CustomerId}");

        var payment = await payments.GetFromJsonAsync<PaymentStatus>($"payments/{Uri.EscapeDataString(input.OrderId)}");
        if (payment is not { Captured: true } || payment.Amount != input.Total)
        {
            return OrderResult.Rejected(input.OrderId, "payment not captured");
        }

        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
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
            // Lambda delivered the same event twice: the order is already stored. Not a retry, nothing to flag.
            context.Logger.LogLine($"Order {input.OrderId} already processed");
            return OrderResult.Accepted(input.OrderId);
        }

        await OrderNotifier.PublishAcceptedAsync(input);
        return OrderResult.Accepted(input.OrderId);
    }
}
