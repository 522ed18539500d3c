using Amazon;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>Publishes one stock file per warehouse to the regional bucket the warehouse systems read.</summary>
public sealed class WarehouseExport(TextWriter log)
{
    private const string Bucket = "warehouse-stock-eu";

    public async Task PublishAsync(IEnumerable<StockLevel> counts, CancellationToken cancellationToken)
    {
        foreach (var warehouse in counts.GroupBy(c => c.Warehouse))
        {
            // Every warehouse file goes to the same bucket in Ireland.
            using var s3 = new AmazonS3Client(RegionEndpoint.EUWest1); // AWSBP070: a new client (and connection pool) per warehouse
            var body = string.Join('\n', warehouse.Select(c => $"{c.Sku},{c.OnHand}"));
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = $"stock/{warehouse.Key}.csv", ContentBody = body }, cancellationToken);
            log.WriteLine($"Published stock for {warehouse.Key}");
        }
    }

    /// <summary>One client per region is not a repeat: each warehouse region has its own bucket.</summary>
    public async Task PublishPerRegionAsync(IReadOnlyDictionary<string, string> bucketsByRegion, string body, CancellationToken cancellationToken)
    {
        foreach (var (region, bucket) in bucketsByRegion)
        {
            using var s3 = new AmazonS3Client(RegionEndpoint.GetBySystemName(region));
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "stock/all.csv", ContentBody = body }, cancellationToken);
        }
    }
}
