using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Orders;

/// <summary>
/// Copies receipts to the finance account's archive bucket by assuming a role there: temporary credentials, refreshed by the
/// SDK, and no long-term keys anywhere in the code or the package.
/// </summary>
public static class ReceiptArchive
{
    private const string ArchiveBucket = "finance-archive-receipts";
    private static readonly string ArchiveRoleArn =
        Environment.GetEnvironmentVariable("ARCHIVE_ROLE_ARN") ?? "arn:aws:iam::210987654321:role/receipts-archiver";

    private static readonly IAmazonS3 ArchiveS3 = new AmazonS3Client(
        new AssumeRoleAWSCredentials(DefaultAWSCredentialsIdentityResolver.GetCredentials(), ArchiveRoleArn, "orders-function"),
        RegionEndpoint.EUCentral1);

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
