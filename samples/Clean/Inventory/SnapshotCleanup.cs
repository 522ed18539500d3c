using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Clean.Inventory;

/// <summary>The corrected cleanup: DeleteObjects per 1,000 keys, SendMessageBatch per 10 messages, failures checked.</summary>
public sealed class SnapshotCleanup(IAmazonS3 s3, IAmazonSQS sqs, string bucket, string queueUrl)
{
    public async Task RemoveExpiredAsync(IReadOnlyList<string> expiredKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in expiredKeys.Chunk(1000))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = chunk.Select(key => new KeyVersion { Key = key }).ToList(),
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
            {
                throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} objects, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
            }
        }
    }

    public async Task RemoveVersionsAsync(IReadOnlyList<S3ObjectVersion> versions, CancellationToken cancellationToken)
    {
        foreach (var chunk in versions.Chunk(1000))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = chunk.Select(version => new KeyVersion { Key = version.Key, VersionId = version.VersionId }).ToList(),
            }, cancellationToken);
            if (response.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
            {
                throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} versions, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
            }
        }
    }

    public async Task AnnounceAsync(IReadOnlyList<(string Sku, string Warehouse)> restocked, CancellationToken cancellationToken)
    {
        foreach (var chunk in restocked.Chunk(10))
        {
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = chunk.Select((level, index) => new SendMessageBatchRequestEntry
                {
                    Id = index.ToString(CultureInfo.InvariantCulture),
                    MessageBody = $"{level.Sku}@{level.Warehouse}",
                    MessageGroupId = level.Warehouse,
                }).ToList(),
            }, cancellationToken);
            if (response.Failed is { Count: > 0 } failed) // null when none failed (SDK v4)
            {
                throw new InvalidOperationException($"SendMessageBatch: {failed.Count} of {chunk.Length} messages not sent, first {failed[0].Code}: {failed[0].Message}");
            }
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
