using Amazon.Runtime;

namespace Clean.Inventory;

/// <summary>One sync run: stores the warehouse counts and publishes the snapshot.</summary>
public sealed class StockSync(StockRepository repository, SnapshotUploader uploader, TextWriter log)
{
    public async Task<SyncReport> RunAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        var updated = 0;
        var failed = 0;

        // Each failed item is logged and skipped; the next iteration handles another item.
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

        return new SyncReport(updated, failed);
    }
}
