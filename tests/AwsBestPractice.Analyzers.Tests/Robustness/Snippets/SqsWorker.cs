using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Snippets.Sqs;

public sealed class FakeSqs
{
    public List<string> Sent { get; } = new();
}

public class QueueWorker
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;

    public QueueWorker(IAmazonSQS sqs, string queueUrl)
    {
        _sqs = sqs;
        _queueUrl = queueUrl;
    }

    public async Task RunAsync(Func<Message, Task> handle, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = _queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 20,
            }, cancellationToken);

            foreach (var message in response.Messages ?? new List<Message>())
            {
                try
                {
                    await handle(message);
                    await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle, cancellationToken);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"Message {message.MessageId} failed: {ex.Message}");
                }
            }
        }
    }

    public async Task SendAllAsync(IEnumerable<string> bodies)
    {
        var entries = bodies.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(), body)).ToList();
        var result = await _sqs.SendMessageBatchAsync(_queueUrl, entries);
        foreach (var failed in result.Failed ?? new List<BatchResultErrorEntry>())
        {
            Console.Error.WriteLine($"{failed.Id}: {failed.Code}");
        }
    }
}
