using Amazon;
using Amazon.Lambda.Annotations;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrdersFunction;

/// <summary>Receipt endpoints, exposed through Lambda Annotations (the source generator writes the real handler).</summary>
public class ReceiptFunctions
{
    private const string ReceiptsBucket = "orders-receipts";

    private static IAmazonS3 CreateArchiveClient() => new AmazonS3Client(RegionEndpoint.EUWest1);

    [LambdaFunction(MemorySize = 256, Timeout = 15)]
    public async Task<bool> ArchiveReceipt(string orderId)
    {
        var archive = CreateArchiveClient(); // AWSBP010: the factory builds a new client per invocation
        await archive.CopyObjectAsync(ReceiptsBucket, $"receipts/{orderId}.pdf", $"{ReceiptsBucket}-archive", $"receipts/{orderId}.pdf");
        return true;
    }

    [LambdaFunction(MemorySize = 256, Timeout = 15)]
    public async Task<ReceiptLink> GetReceiptLink(string orderId)
    {
        var s3 = new AmazonS3Client(); // AWSBP010: created per invocation
        var expiresAt = DateTime.UtcNow.AddMinutes(15);
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
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
        // The bucket lives in the customer's home region, which comes with the request: the client cannot simply be
        // moved to a static field (it depends on the input), but it should still be cached per region.
        using var s3 = new AmazonS3Client(RegionEndpoint.GetBySystemName(request.Region)); // AWSBP010: created per invocation (region from the input)
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
}
