using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace InventoryWorker;

/// <summary>Removes expired stock snapshots from S3 and announces restocked SKUs on a queue, one request per item.</summary>
public sealed class SnapshotCleanup(IAmazonS3 s3, IAmazonSQS sqs, string bucket, string queueUrl)
{
    public async Task RemoveExpiredAsync(IReadOnlyList<string> expiredKeys, CancellationToken cancellationToken)
    {
        foreach (var key in expiredKeys)
        {
            await s3.DeleteObjectAsync(bucket, key, cancellationToken); // AWSBP052: one DeleteObject request per snapshot
        }
    }

    public async Task RemoveVersionsAsync(IReadOnlyList<S3ObjectVersion> versions, CancellationToken cancellationToken)
    {
        foreach (var version in versions)
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = version.Key, VersionId = version.VersionId }, cancellationToken); // AWSBP052: versioned, still one request per version
        }
    }

    public async Task AnnounceAsync(IReadOnlyList<StockLevel> restocked, CancellationToken cancellationToken)
    {
        foreach (var level in restocked)
        {
            var body = $"{level.Sku}@{level.Warehouse}";
            await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = body, MessageGroupId = level.Warehouse }, cancellationToken); // AWSBP042: one SendMessage request per SKU
        }
    }

    /// <summary>Not flagged: each warehouse has its own bucket, and DeleteObjects works on one bucket.</summary>
    public async Task RemoveMarkersAsync(IReadOnlyDictionary<string, string> markerBucketByWarehouse, CancellationToken cancellationToken)
    {
        foreach (var (warehouse, markerBucket) in markerBucketByWarehouse)
        {
            await s3.DeleteObjectAsync(markerBucket, $"markers/{warehouse}", cancellationToken);
        }
    }
}
