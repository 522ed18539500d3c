using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP052: an export cleaner that deletes the listed keys one DeleteObject at a time (fires), or 1,000 per DeleteObjects (clean).</summary>
public sealed class UseS3DeleteObjectsScenario : IRuleScenario
{
    public string RuleId => "AWSBP052";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var delete = variant == ScenarioVariant.Fires
            ? """
              foreach (var key in expired)
                      {
                          await _s3.DeleteObjectAsync(_bucket, key, cancellationToken);
                      }
              """
            : """
              foreach (var chunk in expired.Chunk(1000))
                      {
                          var response = await _s3.DeleteObjectsAsync(new DeleteObjectsRequest
                          {
                              BucketName = _bucket,
                              Objects = chunk.Select(key => new KeyVersion { Key = key }).ToList(),
                          }, cancellationToken);
                          if (response.DeleteErrors is { Count: > 0 } errors)
                          {
                              throw new InvalidOperationException($"{errors.Count} objects not deleted: {errors[0].Key}");
                          }
                      }
              """;
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}ExportCleaner
            {
                private readonly IAmazonS3 _s3;
                private readonly string _bucket;

                public {{n.T}}ExportCleaner(IAmazonS3 s3, string bucket)
                {
                    _s3 = s3;
                    _bucket = bucket;
                }

                public async Task<int> CleanAsync(IReadOnlyList<string> keys, DateTime cutoff, CancellationToken cancellationToken)
                {
                    var expired = keys.Where(key => key.StartsWith("exports/{{n.Area}}/", StringComparison.Ordinal) && cutoff.Year > 2000).ToList();
                    {{delete}}

                    return expired.Count;
                }
            }
            """);
    }
}
