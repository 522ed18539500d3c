using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Clean.Orders;

/// <summary>Publishes order events. Credentials and region come from the default chain (the Lambda execution role).</summary>
public class OrderNotifier
{
    private static readonly IAmazonSQS DefaultSqs = new AmazonSQSClient();

    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;

    public OrderNotifier()
        : this(DefaultSqs, Environment.GetEnvironmentVariable("ORDER_EVENTS_QUEUE_URL") ?? "")
    {
    }

    public OrderNotifier(IAmazonSQS sqs, string queueUrl)
    {
        _sqs = sqs;
        _queueUrl = queueUrl;
    }

    public virtual async Task PublishAcceptedAsync(OrderEvent order, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { type = "OrderAccepted", order.OrderId, order.CustomerId, order.Total });
        await _sqs.SendMessageAsync(
            new SendMessageRequest
            {
                QueueUrl = _queueUrl,
                MessageBody = body,
                MessageAttributes = new Dictionary<string, MessageAttributeValue>
                {
                    ["eventType"] = new() { DataType = "String", StringValue = "OrderAccepted" },
                },
            },
            cancellationToken);
    }
}
