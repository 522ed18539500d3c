using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP050: a report archiver that uploads an exported file with PutObject from a file stream (fires), or with
/// TransferUtility (clean); both also upload a small summary with ContentBody, which the rule looks at and leaves alone.
/// </summary>
public sealed class UseTransferUtilityForFileUploadsScenario : IRuleScenario
{
    public string RuleId => "AWSBP050";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var upload = variant == ScenarioVariant.Fires
            ? "await _s3.PutObjectAsync(new PutObjectRequest { BucketName = \"" + n.Bucket + "\", Key = key, InputStream = stream, ContentType = \"text/csv\" }, cancellationToken);"
            : "await _transfer.UploadAsync(new Amazon.S3.Transfer.TransferUtilityUploadRequest { BucketName = \"" + n.Bucket + "\", Key = key, InputStream = stream, ContentType = \"text/csv\" }, cancellationToken);";
        return CodeShapes.AwsFile(n, new[] { "System.IO" }, $$"""
            public sealed class {{n.T}}ReportArchiver
            {
                private readonly IAmazonS3 _s3;
                private readonly Amazon.S3.Transfer.TransferUtility _transfer;

                public {{n.T}}ReportArchiver(IAmazonS3 s3)
                {
                    _s3 = s3;
                    _transfer = new Amazon.S3.Transfer.TransferUtility(s3);
                }

                public async Task ArchiveAsync(string exportPath, CancellationToken cancellationToken)
                {
                    var key = $"reports/{DateTime.UtcNow:yyyy/MM/dd}/{Path.GetFileName(exportPath)}";
                    await using (var stream = File.OpenRead(exportPath))
                    {
                        {{upload}}
                    }

                    var summary = new PutObjectRequest { BucketName = "{{n.Bucket}}", Key = key + ".summary", ContentBody = $"exported {new FileInfo(exportPath).Length} bytes" };
                    await _s3.PutObjectAsync(summary, cancellationToken);
                }
            }
            """);
    }
}
