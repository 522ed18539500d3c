using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP020: a retry loop around GetItem that retries every <c>AmazonServiceException</c> (fires) or only server errors and
/// throttling (clean); both have a Polly pipeline limited to server errors and a foreach that logs and skips failed uploads.
/// </summary>
public sealed class DoNotRetryClientErrorsScenario : IRuleScenario
{
    public string RuleId => "AWSBP020";

    /// <summary>The catch clause of the retry loop.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var filter = variant == ScenarioVariant.Fires
            ? "attempt < MaxAttempts"
            : "attempt < MaxAttempts && ((int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true)";
        return CodeShapes.AwsFile(n, new[] { "System.Net", "Polly", "Polly.Retry" }, $$"""
            public sealed class {{n.T}}ResilientStore(IAmazonDynamoDB dynamo, IAmazonS3 s3)
            {
                private const int MaxAttempts = 4;

                private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(e => (int)e.StatusCode >= 500), BackoffType = DelayBackoffType.Exponential })
                    .Build();

                public async Task<Dictionary<string, AttributeValue>?> GetWithRetryAsync(string id, CancellationToken cancellationToken)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            var response = await dynamo.GetItemAsync("{{n.Table}}", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } }, cancellationToken);
                            return response.Item;
                        }
                        catch (AmazonServiceException ex) when ({{filter}})
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), cancellationToken);
                        }
                    }
                }

                public ValueTask<GetObjectMetadataResponse> HeadAsync(string key, CancellationToken cancellationToken)
                    => Pipeline.ExecuteAsync(async ct => await s3.GetObjectMetadataAsync("{{n.Bucket}}", key, ct), cancellationToken);

                public async Task<int> UploadAllAsync(IEnumerable<{{n.T}}> items, CancellationToken cancellationToken)
                {
                    var failed = 0;
                    foreach (var item in items)
                    {
                        try
                        {
                            await s3.PutObjectAsync(new PutObjectRequest { BucketName = "{{n.Bucket}}", Key = item.Id, ContentBody = item.ToString() }, cancellationToken);
                        }
                        catch (AmazonS3Exception ex)
                        {
                            failed++;
                            Console.Error.WriteLine($"Skipping {item.Id}: {ex.ErrorCode}");
                        }
                    }

                    return failed;
                }
            }
            """);
    }
}
