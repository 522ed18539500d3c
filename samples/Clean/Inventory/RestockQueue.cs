using Amazon.SQS;
using Amazon.SQS.Model;

namespace Clean.Inventory;

/// <summary>The corrected restock consumer: long polling, batches of ten received and deleted, values SQS accepts.</summary>
public sealed class RestockQueue(IAmazonSQS sqs, TextWriter log)
{
    public async Task ConsumeAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 10 };
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await sqs.ReceiveMessageAsync(request, cancellationToken);
            var handled = new List<DeleteMessageBatchRequestEntry>();
            foreach (var message in response.Messages ?? [])
            {
                log.WriteLine($"restock {message.Body}");
                handled.Add(new DeleteMessageBatchRequestEntry { Id = handled.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ReceiptHandle = message.ReceiptHandle });
            }

            if (handled.Count > 0)
            {
                var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest { QueueUrl = queueUrl, Entries = handled }, cancellationToken);
                if (deleted.Failed is { Count: > 0 } failed) // null when none failed (SDK v4)
                {
                    log.WriteLine($"{failed.Count} restock messages not deleted, they will be received again: {failed[0].Message}");
                }
            }
        }
    }

    /// <summary>Not flagged: a health check peeks at one message and returns at once on purpose.</summary>
    public async Task<bool> HasWorkAsync(string queueUrl, bool peek, CancellationToken cancellationToken)
    {
        var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, VisibilityTimeout = 0 };
        if (peek)
        {
            request.WaitTimeSeconds = 0;
        }

        var response = await sqs.ReceiveMessageAsync(request, cancellationToken);
        return response.Messages?.FirstOrDefault() is not null;
    }

    public async Task<string> CreateQueueAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "restock-requests",
            Attributes = new Dictionary<string, string>
            {
                [QueueAttributeName.MessageRetentionPeriod] = "1209600",
                [QueueAttributeName.VisibilityTimeout] = "120",
            },
        }, cancellationToken);
        return response.QueueUrl;
    }
}
