using System.Net;
using Amazon.S3;

namespace Clean.Inventory;

/// <summary>Reads the supplier price feed. A missing feed is an answer ("not published yet"), not an error to retry.</summary>
public sealed class PriceFeedReader(IAmazonS3 s3)
{
    private const string Bucket = "supplier-feeds";

    public async Task<string?> TryReadTodaysFeedAsync(CancellationToken cancellationToken)
    {
        var key = $"prices/{DateTime.UtcNow:yyyy-MM-dd}.csv";
        try
        {
            using var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync(cancellationToken);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null; // The caller reschedules the job; an S3 event notification would be better still.
        }
    }
}
