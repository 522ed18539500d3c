using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Inventory;

/// <summary>
/// Publishes the nightly stock snapshot. The SDK already retries throttling and server errors; this extra loop only adds a
/// longer back-off for the same errors, and lets 4xx errors (AccessDenied, NoSuchBucket…) fail at once.
/// </summary>
public sealed class SnapshotUploader(IAmazonS3 s3, TextWriter log)
{
    private const string Bucket = "inventory-snapshots";
    private const int MaxAttempts = 5;

    public async Task UploadAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(levels);
        var key = $"snapshots/{DateTime.UtcNow:yyyy-MM-dd}/stock.json";
        var delay = TimeSpan.FromSeconds(1);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await s3.PutObjectAsync(
                    new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = body, ContentType = "application/json" },
                    cancellationToken);
                return;
            }
            catch (AmazonServiceException ex) when (attempt < MaxAttempts
                && ((int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true))
            {
                log.WriteLine($"Snapshot upload failed with {ex.ErrorCode} (attempt {attempt}), retrying in {delay.TotalSeconds}s");
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }
}
