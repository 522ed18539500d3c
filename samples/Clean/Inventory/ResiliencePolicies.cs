using System.Net;
using Amazon.Runtime;
using Polly;
using Polly.Retry;

namespace Clean.Inventory;

/// <summary>Retry policies that retry only server errors and throttling.</summary>
public static class ResiliencePolicies
{
    // Polly v7 style.
    public static readonly AsyncPolicy AwsRetryPolicy = Policy
        .Handle<AmazonServiceException>(ex =>
            (int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true)
        .WaitAndRetryAsync(4, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

    // Polly v8 (Polly.Core) style.
    public static readonly ResiliencePipeline AwsPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(ex =>
                (int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .AddTimeout(TimeSpan.FromSeconds(30))
        .Build();

    // Throttled reads of the reservations table: exponential backoff with jitter (Polly v8's default is Constant).
    public static readonly ResiliencePipeline ThrottlingPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Amazon.DynamoDBv2.Model.ProvisionedThroughputExceededException>(),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(300),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
