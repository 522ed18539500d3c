using Amazon.SQS;
using Amazon.SQS.Model;

namespace InventoryWorker;

/// <summary>Consumes restock requests from an SQS queue and sets the queue up.</summary>
public sealed class RestockQueue(IAmazonSQS sqs, StockRepository repository, TextWriter log)
{
    public async Task ConsumeAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var request = new ReceiveMessageRequest { QueueUrl = queueUrl };
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await sqs.ReceiveMessageAsync(request, cancellationToken); // AWSBP040, AWSBP041: short polling, one message per request
            foreach (var message in response.Messages ?? [])
            {
                log.WriteLine($"restock {message.Body}");
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken); // AWSBP042: one DeleteMessage request per message
            }
        }
    }

    public async Task<string> CreateQueueAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "restock-requests",
            Attributes = new Dictionary<string, string>
            {
                [QueueAttributeName.MessageRetentionPeriod] = "2592000", // AWSBP043: 30 days, SQS keeps messages 14 days at most
                [QueueAttributeName.VisibilityTimeout] = "120",
            },
        }, cancellationToken);
        return response.QueueUrl;
    }

    public Task DelayAsync(string queueUrl, string body, CancellationToken cancellationToken)
        => sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = body, DelaySeconds = 3600 }, cancellationToken); // AWSBP043: at most 900 s
}
