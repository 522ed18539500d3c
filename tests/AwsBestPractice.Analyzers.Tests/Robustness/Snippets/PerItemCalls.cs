using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Snippets.PerItem;

/// <summary>Calls made once per element (AWSBP042, AWSBP052), in the shapes the batch fixes rewrite and in shapes they leave alone.</summary>
public sealed class OutboxRelay
{
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonS3 _s3;
    private readonly string _queueUrl;
    private readonly string _bucket;

    public OutboxRelay(IAmazonSQS sqs, IAmazonS3 s3, string queueUrl, string bucket)
    {
        _sqs = sqs;
        _s3 = s3;
        _queueUrl = queueUrl;
        _bucket = bucket;
    }

    public async Task RelayAsync(IReadOnlyList<(string Id, string Payload)> outbox, CancellationToken cancellationToken)
    {
        foreach (var entry in outbox)
        {
            // one message per outbox row
            await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = _queueUrl, MessageBody = entry.Payload, MessageDeduplicationId = entry.Id }, cancellationToken);
        }

        foreach (var entry in outbox)
        {
            var key = "outbox/" + entry.Id;
            await _s3.DeleteObjectAsync(_bucket, key, cancellationToken);
        }
    }

    public async Task ReleaseAsync(IEnumerable<Message> messages, CancellationToken cancellationToken)
    {
        await Task.WhenAll(messages.Select(m => _sqs.ChangeMessageVisibilityAsync(_queueUrl, m.ReceiptHandle, 0, cancellationToken)));
    }

    public async Task RouteAsync(IReadOnlyDictionary<string, string> bodyByQueue, CancellationToken cancellationToken)
    {
        foreach (var (queueUrl, body) in bodyByQueue)
        {
            await _sqs.SendMessageAsync(queueUrl, body, cancellationToken);
        }
    }
}
