using Amazon;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>Shares the daily stock report with the warehouse partners, who download it without an AWS account.</summary>
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
            CannedACL = S3CannedACL.PublicRead, // AWSBP003: anyone on the internet can read the stock report
        }, cancellationToken);

        var url = $"https://{Bucket}.s3.eu-west-1.amazonaws.com/{key}";
        log.WriteLine($"Report shared at {url}");
        return url;
    }

    /// <summary>The partners asked for a link that survives the weekend.</summary>
    public Task<string> WeekendLinkAsync(string key)
        => s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddDays(3), // AWSBP005: anyone holding the link can download the report for 3 days
        });

    /// <summary>The partners download through a proxy in front of the bucket; "the proxy terminates TLS".</summary>
    public static IAmazonS3 CreatePartnerClient()
        => new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = "http://s3-partners.inventory.example.com", // AWSBP004: the stock report crosses the network in plain text
            ForcePathStyle = true,
        });

    public static IAmazonS3 CreateRegionalClient()
        => new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1, UseHttp = true }); // AWSBP004: plain HTTP to S3
}
