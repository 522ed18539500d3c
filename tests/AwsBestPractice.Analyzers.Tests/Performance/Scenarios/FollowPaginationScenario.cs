using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP032: an archive listing that reads the first page of keys only (fires), or follows the continuation token (clean).</summary>
public sealed class FollowPaginationScenario : IRuleScenario
{
    public string RuleId => "AWSBP032";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var follow = variant == ScenarioVariant.Clean ? "request.ContinuationToken = page.NextContinuationToken;" : string.Empty;
        var condition = variant == ScenarioVariant.Clean ? "page.IsTruncated == true" : "false";
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}Archive
            {
                private readonly IAmazonS3 _s3;

                public {{n.T}}Archive(IAmazonS3 s3) => _s3 = s3;

                public async Task<List<string>> KeysAsync(string bucket, CancellationToken cancellationToken)
                {
                    var keys = new List<string>();
                    var request = new ListObjectsV2Request { BucketName = bucket, Prefix = "{{n.Table}}/" };
                    ListObjectsV2Response page;
                    do
                    {
                        page = await _s3.ListObjectsV2Async(request, cancellationToken);
                        foreach (var item in page.S3Objects ?? new List<S3Object>())
                        {
                            keys.Add(item.Key);
                        }

                        {{follow}}
                    }
                    while ({{condition}});

                    return keys;
                }
            }
            """);
    }
}
