using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP070: an export job that creates its S3 client on every iteration of its loop (fires), or once before the loop (clean);
/// both also build request objects and domain objects in the loop, which the rule looks at and leaves alone.
/// </summary>
public sealed class ReuseSdkClientsScenario : IRuleScenario
{
    public string RuleId => "AWSBP070";

    /// <summary>The <c>new AmazonS3Client(...)</c> in the loop.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var fires = variant == ScenarioVariant.Fires;
        var before = fires ? string.Empty : $"var s3 = new AmazonS3Client(RegionEndpoint.{n.Region});\n        ";
        var inLoop = fires ? $"var s3 = new AmazonS3Client(RegionEndpoint.{n.Region});\n            " : string.Empty;
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}ExportJob
            {
                private readonly string _bucket;

                public {{n.T}}ExportJob(string bucket) => _bucket = bucket;

                public async Task<int> ExportAsync(IReadOnlyList<{{n.T}}> items, CancellationToken cancellationToken)
                {
                    var exported = 0;
                    {{before}}foreach (var item in items)
                    {
                        {{inLoop}}var copy = new {{n.T}}(item.Id, item.OwnerId, DateTimeOffset.UtcNow);
                        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = $"exports/{{n.Area}}/{copy.Id}.txt", ContentBody = copy.ToString() }, cancellationToken);
                        exported++;
                    }

                    return exported;
                }
            }
            """);
    }
}
