using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrdersFunction;

/// <summary>Copies PDF receipts to the long-term archive bucket owned by the finance account.</summary>
public static class ReceiptArchive
{
    private const string ArchiveBucket = "finance-archive-receipts";

    // A second made-up key pair, this time inline (fake, for the sample).
    private static readonly AWSCredentials ArchiveCredentials =
        new BasicAWSCredentials("AKIAR4WZ6QK2HJ7TNV3E", "Xb8u2NdR/q7Wk3Zp+Lm9Ys4Tc6Hf1Vg5Ja0Ee2Qo"); // AWSBP001: hardcoded access key and secret key

    private static readonly IAmazonS3 ArchiveS3 = new AmazonS3Client(ArchiveCredentials, RegionEndpoint.EUCentral1);

    public static Task ArchiveAsync(string orderId, Stream pdf, CancellationToken cancellationToken = default)
        => ArchiveS3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = ArchiveBucket,
                Key = $"receipts/{DateTime.UtcNow:yyyy/MM}/{orderId}.pdf",
                InputStream = pdf,
                ContentType = "application/pdf",
            },
            cancellationToken);
}
