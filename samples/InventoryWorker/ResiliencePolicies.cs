using Amazon.Runtime;
using Polly;
using Polly.Retry;

namespace InventoryWorker;

/// <summary>Retry policies shared by the worker's AWS calls.</summary>
public static class ResiliencePolicies
{
    // Polly v7 style.
    public static readonly AsyncPolicy AwsRetryPolicy =
        Policy.Handle<AmazonServiceException>() // AWSBP020: also retries 4xx errors such as AccessDenied
            .WaitAndRetryAsync(4, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

    // Polly v8 (Polly.Core) style.
    public static readonly ResiliencePipeline AwsPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(), // AWSBP020: also retries 4xx errors
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .AddTimeout(TimeSpan.FromSeconds(30))
        .Build();

    // Not flagged: a timeout on the network is worth retrying and is not an AWS client error.
    public static readonly AsyncPolicy NetworkRetryPolicy = Policy
        .Handle<HttpRequestException>()
        .Or<TimeoutException>()
        .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

    // Throttled reads of the reservations table. Polly v8's BackoffType defaults to Constant.
    public static readonly ResiliencePipeline ThrottlingPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions // AWSBP021: a fixed 300 ms between attempts
        {
            ShouldHandle = new PredicateBuilder().Handle<Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(300),
        })
        .Build();
}
