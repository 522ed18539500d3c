using System.Collections.Concurrent;
using Amazon;
using Amazon.Lambda.Annotations;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Orders;

/// <summary>Receipt endpoints (Lambda Annotations). Clients are created once and cached, per region where needed.</summary>
public class ReceiptFunctions
{
    private const string ReceiptsBucket = "orders-receipts";

    private static readonly IAmazonS3 S3 = new AmazonS3Client();
    private static readonly ConcurrentDictionary<string, IAmazonS3> RegionalClients = new();

    // The factory runs once, when the class is initialised, rather than on every invocation: the form the fix of a factory call gives.
    private static readonly IAmazonS3 ArchiveS3 = CreateArchiveClient();

    private static IAmazonS3 CreateArchiveClient() => new AmazonS3Client(RegionEndpoint.EUWest1);

    [LambdaFunction(MemorySize = 256, Timeout = 15)]
    public async Task<bool> ArchiveReceipt(string orderId)
    {
        await ArchiveS3.CopyObjectAsync(ReceiptsBucket, $"receipts/{orderId}.pdf", $"{ReceiptsBucket}-archive", $"receipts/{orderId}.pdf");
        return true;
    }

    [LambdaFunction(MemorySize = 256, Timeout = 15)]
    public async Task<ReceiptLink> GetReceiptLink(string orderId)
    {
        var expiresAt = DateTime.UtcNow.AddMinutes(15);
        var url = await S3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = ReceiptsBucket,
            Key = $"receipts/{orderId}.pdf",
            Verb = HttpVerb.GET,
            Expires = expiresAt,
        });
        return new ReceiptLink(orderId, url, expiresAt);
    }

    [LambdaFunction(MemorySize = 256, Timeout = 30)]
    public async Task<bool> ReceiptExists(ReceiptRequest request)
    {
        var s3 = ClientFor(request.Region);
        try
        {
            await s3.GetObjectMetadataAsync($"{ReceiptsBucket}-{request.Region}", $"receipts/{request.OrderId}.pdf");
            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    // One client per region for the lifetime of the execution environment.
    private static IAmazonS3 ClientFor(string region)
        => RegionalClients.GetOrAdd(region, static name => new AmazonS3Client(RegionEndpoint.GetBySystemName(name)));
}
