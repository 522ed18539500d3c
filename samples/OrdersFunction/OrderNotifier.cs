using System.Text.Json;
using Amazon;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace OrdersFunction;

/// <summary>Publishes order events to the queue the fulfilment service reads.</summary>
public static class OrderNotifier
{
    private const string QueueUrl = "https://sqs.eu-west-1.amazonaws.com/123456789012/order-events";

    // Keys of the "order-events-publisher" IAM user, pasted in "temporarily" when the queue lived in another account.
    // (This key pair is made up for the sample: it has the shape of a real key but is not one.)
    private const string AccessKeyId = "AKIAQ7V3HNZ2KD4RWX6M"; // AWSBP001: a string with the shape of an access key ID
    private const string SecretAccessKey = "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";

    private static readonly IAmazonSQS Sqs = new AmazonSQSClient(AccessKeyId, SecretAccessKey, RegionEndpoint.EUWest1); // AWSBP001: keys passed to the client

    public static async Task PublishAcceptedAsync(OrderEvent order, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { type = "OrderAccepted", order.OrderId, order.CustomerId, order.Total });
        await Sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = QueueUrl,
                MessageBody = body,
                MessageAttributes = new Dictionary<string, MessageAttributeValue>
                {
                    ["eventType"] = new() { DataType = "String", StringValue = "OrderAccepted" },
                },
            },
            cancellationToken);
    }
}
