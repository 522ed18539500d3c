using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>Reads the supplier price feed that an upstream job drops into S3.</summary>
public sealed class PriceFeedReader(IAmazonS3 s3, TextWriter log)
{
    private const string Bucket = "supplier-feeds";

    public async Task<string> ReadTodaysFeedAsync(CancellationToken cancellationToken)
    {
        var key = $"prices/{DateTime.UtcNow:yyyy-MM-dd}.csv";
        var attempts = 0;
        while (true)
        {
            try
            {
                using var response = await s3.GetObjectAsync(Bucket, key, cancellationToken);
                using var reader = new StreamReader(response.ResponseStream);
                return await reader.ReadToEndAsync(cancellationToken);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound && attempts++ < 20) // A waiter, not a retry of a client error: reads again after a delay until the object exists
            {
                log.WriteLine($"{key} is not there yet, checking again in 30s");
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
    }
}
