using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace Clean.Inventory;

/// <summary>
/// Writes the stock levels of a run to a CSV export and archives it to S3 with TransferUtility: above 16 MB it uploads the file
/// in parts, in parallel, retrying a failed part rather than the whole export, and without the 5 GB limit of one PUT.
/// </summary>
public sealed class ReportArchiver(IAmazonS3 s3, TextWriter log)
{
    private const string Bucket = "inventory-reports";

    // Created from the injected client, the utility does not dispose it; one instance serves every upload.
    private readonly TransferUtility _transfer = new(s3);

    public async Task ArchiveAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        var exportPath = Path.Combine(Path.GetTempPath(), $"stock-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        await File.WriteAllLinesAsync(
            exportPath,
            levels.Select(l => string.Join(',', l.Sku, l.Warehouse, l.OnHand.ToString(CultureInfo.InvariantCulture), l.CountedAt.ToString("O"))),
            cancellationToken);

        var request = new TransferUtilityUploadRequest
        {
            BucketName = Bucket,
            Key = $"exports/{Path.GetFileName(exportPath)}",
            FilePath = exportPath, // a path, not a stream: the parts are read and sent in parallel
            ContentType = "text/csv",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
        };
        request.Metadata.Add("rows", levels.Count.ToString(CultureInfo.InvariantCulture));
        await _transfer.UploadAsync(request, cancellationToken);
        log.WriteLine($"Archived {levels.Count} stock levels to s3://{Bucket}/{request.Key}");

        // The manifest is a few bytes and its version is recorded: a PutObject of an in-memory body is the right call.
        var manifest = await s3.PutObjectAsync(
            new PutObjectRequest { BucketName = Bucket, Key = "exports/manifest.json", ContentBody = Manifest(exportPath), ContentType = "application/json" },
            cancellationToken);
        log.WriteLine($"Manifest version {manifest.VersionId}");
    }

    private static string Manifest(string exportPath) => $$"""{ "export": "{{Path.GetFileName(exportPath)}}" }""";
}
