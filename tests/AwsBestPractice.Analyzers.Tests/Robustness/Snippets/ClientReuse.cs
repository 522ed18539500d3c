using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Snippets.ClientReuse;

public sealed class ExportJob
{
    private static readonly ConcurrentDictionary<string, IAmazonS3> Regional = new();
    private readonly ConcurrentDictionary<string, IAmazonSQS> _queues = new();

    public async Task ExportAsync(IReadOnlyList<string> keys, IEnumerable<string> regions, CancellationToken cancellationToken)
    {
        // One client per key: created on every iteration.
        foreach (var key in keys)
        {
            var s3 = new AmazonS3Client(RegionEndpoint.EUWest1);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "exports", Key = key }, cancellationToken);
        }

        for (var i = 0; i < keys.Count; i++)
        {
            using (var http = new HttpClient())
            {
                await http.GetStringAsync("https://example.com/" + keys[i], cancellationToken);
            }
        }

        // One client per region: fine.
        foreach (var region in regions)
        {
            var regional = Regional.GetOrAdd(region, r => new AmazonS3Client(RegionEndpoint.GetBySystemName(r)));
            await regional.ListBucketsAsync(cancellationToken);
        }

        var eager = _queues.GetOrAdd("eu-west-1", new AmazonSQSClient());
        await eager.SendMessageAsync(new SendMessageRequest { QueueUrl = "https://sqs.example/q", MessageBody = "done" }, cancellationToken);
    }
}

public sealed class NotificationService
{
    private readonly IAmazonSQS _sqs;

    public NotificationService() => _sqs = new AmazonSQSClient();

    public Task SendAsync(string body) => _sqs.SendMessageAsync("https://sqs.example/q", body);
}

public sealed class Notifier
{
    public async Task NotifyAllAsync(IEnumerable<string> messages, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var message in messages)
            {
                await new NotificationService().SendAsync(message);
            }

            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}
