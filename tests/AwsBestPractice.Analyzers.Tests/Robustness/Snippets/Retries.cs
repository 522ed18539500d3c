using System;
using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Polly;
using Polly.Retry;

namespace Snippets.Retries;

public class ReportStore
{
    private readonly IAmazonS3 _s3;
    private readonly IAmazonDynamoDB _dynamo;

    public ReportStore(IAmazonS3 s3, IAmazonDynamoDB dynamo)
    {
        _s3 = s3;
        _dynamo = dynamo;
    }

    public async Task<GetObjectResponse?> DownloadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                return await _s3.GetObjectAsync(bucket, key, cancellationToken);
            }
            catch (AmazonServiceException ex)
            {
                Console.WriteLine($"Attempt {attempt} failed: {ex.ErrorCode}");
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), cancellationToken);
            }
        }

        return null;
    }

    public async Task SaveAsync(Dictionary<string, AttributeValue> item)
    {
        var retries = 0;
        while (true)
        {
            try
            {
                await _dynamo.PutItemAsync(new PutItemRequest { TableName = "Reports", Item = item });
                break;
            }
            catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests)
            {
                if (++retries > 3)
                {
                    throw;
                }

                await Task.Delay(200 * retries);
            }
        }
    }

    public async Task UploadAllAsync(IEnumerable<PutObjectRequest> requests)
    {
        foreach (var request in requests)
        {
            try
            {
                await _s3.PutObjectAsync(request);
            }
            catch (AmazonS3Exception ex)
            {
                Console.WriteLine($"Skipping {request.Key}: {ex.Message}");
            }
        }
    }

    public async Task ReserveAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                await _dynamo.PutItemAsync(request, cancellationToken);
                return;
            }
            catch (ProvisionedThroughputExceededException) when (++attempt < 5)
            {
                // throttled: wait and try again
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    public void Archive(PutObjectRequest request)
    {
        for (var i = 0; i < 3; i++)
        {
            try { _s3.PutObjectAsync(request).GetAwaiter().GetResult(); break; }
            catch (AmazonS3Exception ex) when ((int)ex.StatusCode >= 500) { Thread.Sleep(TimeSpan.FromSeconds(1)); }
        }
    }

    public async Task TouchAsync(string key)
    {
        // Retry until S3 answers.
        while (true)
        {
            try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "reports", Key = key, ContentBody = "" }); break; }
            catch (AmazonServiceException ex) when (ex.Retryable != null) { }
        }
    }

    public static readonly AsyncPolicy ThrottlePolicy = Policy
        .Handle<ProvisionedThroughputExceededException>()
        .WaitAndRetryAsync(5, _ => TimeSpan.FromSeconds(1));

    public static readonly ResiliencePipeline ConstantPipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<ProvisionedThroughputExceededException>(),
            Delay = TimeSpan.FromMilliseconds(500),
        })
        .Build();

    public static readonly AsyncPolicy LegacyPolicy = Policy
        .Handle<AmazonServiceException>()
        .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

    public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();
}
