using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Inventory;

/// <summary>
/// Shares the daily stock report with the warehouse partners: the object stays private and each partner gets a presigned
/// link that expires.
/// </summary>
public sealed class ReportSharing(IAmazonS3 s3, TextWriter log)
{
    private const string Bucket = "inventory-reports-eu";

    public async Task<string> ShareAsync(IEnumerable<StockLevel> counts, CancellationToken cancellationToken)
    {
        var key = $"daily/{DateTime.UtcNow:yyyy-MM-dd}.csv";
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = key,
            ContentBody = string.Join('\n', counts.Select(c => $"{c.Warehouse},{c.Sku},{c.OnHand}")),
            ContentType = "text/csv",
        }, cancellationToken);

        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddMinutes(30),
        });
        log.WriteLine($"Report shared for 30 minutes");
        return url;
    }
}
