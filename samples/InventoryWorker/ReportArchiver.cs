using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;

namespace InventoryWorker;

/// <summary>Writes the stock levels of a run to a CSV export and archives it to S3 for the auditors.</summary>
public sealed class ReportArchiver(IAmazonS3 s3, TextWriter log)
{
    private const string Bucket = "inventory-reports";

    public async Task ArchiveAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        var exportPath = Path.Combine(Path.GetTempPath(), $"stock-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
        await File.WriteAllLinesAsync(
            exportPath,
            levels.Select(l => string.Join(',', l.Sku, l.Warehouse, l.OnHand.ToString(CultureInfo.InvariantCulture), l.CountedAt.ToString("O"))),
            cancellationToken);

        // A month of counts is several GB: one PUT fails above 5 GB and restarts from the first byte on any error.
        await using var export = File.OpenRead(exportPath);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = $"exports/{Path.GetFileName(exportPath)}",
            InputStream = export,
            ContentType = "text/csv",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
        };
        request.Metadata.Add("rows", levels.Count.ToString(CultureInfo.InvariantCulture));
        await s3.PutObjectAsync(request, cancellationToken); // AWSBP050: a file stream uploaded with one PUT
        log.WriteLine($"Archived {levels.Count} stock levels to s3://{Bucket}/{request.Key}");

        // The manifest's version is recorded, so the response is needed: reported, but the fix is not offered.
        var manifest = await s3.PutObjectAsync( // AWSBP050: FilePath uploaded with one PUT
            new PutObjectRequest { BucketName = Bucket, Key = "exports/manifest.json", FilePath = WriteManifest(exportPath) },
            cancellationToken);
        log.WriteLine($"Manifest version {manifest.VersionId}");
    }

    private static string WriteManifest(string exportPath)
    {
        var manifestPath = exportPath + ".manifest.json";
        File.WriteAllText(manifestPath, $$"""{ "export": "{{Path.GetFileName(exportPath)}}" }""");
        return manifestPath;
    }
}
