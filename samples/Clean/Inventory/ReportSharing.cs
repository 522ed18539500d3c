using Amazon;
using Amazon.Runtime;
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

    /// <summary>The partners' proxy answers on HTTPS too.</summary>
    public static IAmazonS3 CreatePartnerClient()
        => new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = "https://s3-partners.inventory.example.com",
            ForcePathStyle = true,
        });

    public static IAmazonS3 CreateRegionalClient()
        => new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 });

    /// <summary>LocalStack during local development: plain HTTP to this machine is fine.</summary>
    public static IAmazonS3 CreateLocalStackClient()
        => new AmazonS3Client(
            new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = "http://localhost:4566", UseHttp = true, ForcePathStyle = true });
}
