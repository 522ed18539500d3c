using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Rules.BackOffExponentially;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.BackOffExponentially.BackOffExponentiallyAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.BackOffExponentially.BackOffExponentiallyFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class BackOffExponentiallyTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.SQS;
        using Amazon.SQS.Model;
        using Polly;
        using Polly.Retry;

        """;

    /// <summary>A constant-delay diagnostic at a markup location, message not compared.</summary>
    private static DiagnosticResult At(int location)
        => new DiagnosticResult(BackOffExponentiallyAnalyzer.Rule.Id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>A second-message diagnostic (the SDK's own retries) at a markup location.</summary>
    private static DiagnosticResult SdkAt(int location, string call, string client, string detail)
        => Verify.Diagnostic(BackOffExponentiallyAnalyzer.SdkRetriesRule).WithLocation(location).WithArguments(call, client, detail);

    /// <summary>Members in a class whose clients come from outside (dependency injection): their configuration is unknown.</summary>
    private static string InClass(string members) => Usings + """
        public class Store
        {
            private readonly IAmazonDynamoDB _ddb;
            private readonly IAmazonS3 _s3;
            private readonly IAmazonSQS _sqs;
            private readonly HttpClient _http = new HttpClient();

            public Store(IAmazonDynamoDB ddb, IAmazonS3 s3, IAmazonSQS sqs)
            {
                _ddb = ddb;
                _s3 = s3;
                _sqs = sqs;
            }

            private static PutItemRequest Put() => new PutItemRequest { TableName = "t", Item = new Dictionary<string, AttributeValue> { ["id"] = new AttributeValue { S = "1" } } };

        """ + members + """

        }
        """;

    // ---------------------------------------------------------------- not flagged: the tricky cases first

    [Fact]
    public Task DelayComputedFromTheAttemptCounter_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Pow(CancellationToken cancellationToken)
                {
                    for (var attempt = 1; attempt <= 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put(), cancellationToken); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), cancellationToken); }
                    }
                }

                public async Task Shift()
                {
                    var attempt = 0;
                    while (true)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500 && attempt < 5)
                        {
                            attempt++;
                            await Task.Delay(50 * (1 << attempt));
                        }
                    }
                }

                public async Task Linear()
                {
                    var retries = 0;
                    while (true)
                    {
                        try { await _ddb.PutItemAsync(Put()); break; }
                        catch (ProvisionedThroughputExceededException) when (++retries < 4) { await Task.Delay(200 * retries); }
                    }
                }

                public async Task FullJitter()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, attempt)))));
                        }
                    }
                }
            """));

    [Fact]
    public Task DelayThatGrowsEachIteration_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Doubled(CancellationToken cancellationToken)
                {
                    var delay = TimeSpan.FromMilliseconds(200);
                    for (var attempt = 1; ; attempt++)
                    {
                        try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }, cancellationToken); return; }
                        catch (AmazonS3Exception ex) when (attempt < 5 && (int)ex.StatusCode >= 500)
                        {
                            await Task.Delay(delay, cancellationToken);
                            delay *= 2;
                        }
                    }
                }

                public async Task Reassigned()
                {
                    var delayMs = 100;
                    while (true)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException)
                        {
                            await Task.Delay(delayMs);
                            delayMs = Math.Min(delayMs * 2, 10_000);
                        }
                    }
                }
            """));

    [Fact]
    public Task DelayTakenFromTheErrorOrABackoffHelper_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                private static TimeSpan? RetryAfter(AmazonServiceException ex)
                    => ex.Data["Retry-After"] is string value ? TimeSpan.FromSeconds(int.Parse(value)) : null;

                private static TimeSpan NextDelay(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(0, 100 << attempt));

                private static Task BackoffAsync(int attempt) => Task.Delay(NextDelay(attempt));

                public async Task FromTheError()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (AmazonDynamoDBException ex) when (ex.Retryable?.Throttling == true)
                        {
                            await Task.Delay(RetryAfter(ex) ?? TimeSpan.FromSeconds(1));
                        }
                    }
                }

                public async Task FromAHelper()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(NextDelay(attempt)); }
                    }
                }

                public async Task WaitsThroughAHelper()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await BackoffAsync(attempt); }
                    }
                }

                public async Task FromASchedule()
                {
                    foreach (var delay in new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2) })
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(delay); }
                    }
                }
            """));

    [Fact]
    public Task WaiterPollingUntilTheResourceExists_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<DescribeTableResponse> WaitForTable(string table)
                {
                    for (var attempt = 0; attempt < 60; attempt++)
                    {
                        try { return await _ddb.DescribeTableAsync(table); }
                        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException) { await Task.Delay(TimeSpan.FromSeconds(5)); }
                    }

                    throw new TimeoutException();
                }

                public async Task<GetObjectMetadataResponse> WaitForReport(string key)
                {
                    while (true)
                    {
                        try { return await _s3.GetObjectMetadataAsync("reports", key); }
                        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound) { await Task.Delay(5000); }
                    }
                }

                public static readonly IAsyncPolicy TableExists = Policy.Handle<Amazon.DynamoDBv2.Model.ResourceNotFoundException>().WaitAndRetryAsync(30, _ => TimeSpan.FromSeconds(5));
            """));

    [Fact]
    public Task LoopsThatAreNotRetries_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task UploadAll(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = key, ContentBody = "x" }); }
                        catch (AmazonS3Exception ex) { Console.WriteLine(ex.Message); }

                        await Task.Delay(100); // pacing between items, not a retry
                    }
                }

                public async Task Consume(string queueUrl, CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        try
                        {
                            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });
                            Console.WriteLine(response.Messages?.Count);
                        }
                        catch (AmazonSQSException ex)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(1000);
                        }
                    }
                }

                public async Task<int> CountPages()
                {
                    var request = new ScanRequest { TableName = "t" };
                    var pages = 0;
                    ScanResponse? response = null;
                    do
                    {
                        try
                        {
                            response = await _ddb.ScanAsync(request);
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                            pages++;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            await Task.Delay(500);
                        }
                    }
                    while (response?.LastEvaluatedKey?.Count > 0);
                    return pages;
                }
            """));

    [Fact]
    public Task RetryLoopAroundCallsThatAreNotAws_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<string> Download(string url)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _http.GetStringAsync(url); }
                        catch (HttpRequestException) { await Task.Delay(1000); }
                    }

                    throw new TimeoutException();
                }

                public async Task<string> Read(string path)
                {
                    while (true)
                    {
                        try { return await System.IO.File.ReadAllTextAsync(path); }
                        catch (Exception) { await Task.Delay(500); }
                    }
                }

                public async Task WaitForTheEmulator()
                {
                    // DynamoDB Local starting up: the SDK throws HttpRequestException, not an AWS error; this waits for a port.
                    while (true)
                    {
                        try { await _ddb.ListTablesAsync(); break; }
                        catch (HttpRequestException) { await Task.Delay(500); }
                    }
                }

                public static readonly IAsyncPolicy HttpRetry = Policy.Handle<HttpRequestException>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1));
            """));

    [Fact]
    public Task TestFakeImplementingAnAwsInterface_NotFlagged()
        => Verify.VerifyAnalyzerAsync(Usings + """
            using Amazon.SecurityToken;
            using Amazon.SecurityToken.Model;

            public sealed class FakeSts : IAmazonSecurityTokenService
            {
                public int Calls;

                public IClientConfig Config => throw new NotImplementedException();
                public Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<AssumeRoleWithSAMLResponse> AssumeRoleWithSAMLAsync(AssumeRoleWithSAMLRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<AssumeRoleWithWebIdentityResponse> AssumeRoleWithWebIdentityAsync(AssumeRoleWithWebIdentityRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<AssumeRootResponse> AssumeRootAsync(AssumeRootRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<DecodeAuthorizationMessageResponse> DecodeAuthorizationMessageAsync(DecodeAuthorizationMessageRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetAccessKeyInfoResponse> GetAccessKeyInfoAsync(GetAccessKeyInfoRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken = default)
                    => ++Calls < 3 ? throw new AmazonSecurityTokenServiceException("throttled") { } : Task.FromResult(new GetCallerIdentityResponse());
                public Task<GetDelegatedAccessTokenResponse> GetDelegatedAccessTokenAsync(GetDelegatedAccessTokenRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetFederationTokenResponse> GetFederationTokenAsync(GetFederationTokenRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetSessionTokenResponse> GetSessionTokenAsync(GetSessionTokenRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetSessionTokenResponse> GetSessionTokenAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Task<GetWebIdentityTokenResponse> GetWebIdentityTokenAsync(GetWebIdentityTokenRequest request, CancellationToken cancellationToken = default) => throw new NotImplementedException();
                public Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request) => throw new NotImplementedException();
                public void Dispose() { }
                AssumeRoleImmutableCredentials Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromAssumeRoleAuthentication(string roleArn, string roleSessionName, AssumeRoleAWSCredentialsOptions options) => throw new NotImplementedException();
                Task<AssumeRoleImmutableCredentials> Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromAssumeRoleAuthenticationAsync(string roleArn, string roleSessionName, AssumeRoleAWSCredentialsOptions options) => throw new NotImplementedException();
                AssumeRoleImmutableCredentials Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromAssumeRoleWithWebIdentityAuthentication(string webIdentityToken, string roleArn, string roleSessionName, AssumeRoleWithWebIdentityCredentialsOptions options) => throw new NotImplementedException();
                Task<AssumeRoleImmutableCredentials> Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromAssumeRoleWithWebIdentityAuthenticationAsync(string webIdentityToken, string roleArn, string roleSessionName, AssumeRoleWithWebIdentityCredentialsOptions options) => throw new NotImplementedException();
                SAMLImmutableCredentials Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromSAMLAuthentication(string endpoint, string authenticationType, string roleARN, TimeSpan credentialDuration, ICredentials userCredential) => throw new NotImplementedException();
                Task<SAMLImmutableCredentials> Amazon.Runtime.SharedInterfaces.ICoreAmazonSTS.CredentialsFromSAMLAuthenticationAsync(string endpoint, string authenticationType, string roleARN, TimeSpan credentialDuration, ICredentials userCredential) => throw new NotImplementedException();
            }

            public class FakeStsTests
            {
                public async Task RetriesTheFake()
                {
                    var fake = new FakeSts();
                    while (true)
                    {
                        try { await fake.GetCallerIdentityAsync(new GetCallerIdentityRequest()); return; }
                        catch (AmazonServiceException) { await Task.Delay(10); }
                    }
                }
            }
            """);

    [Fact]
    public Task PollyWithBackoff_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public static readonly IAsyncPolicy V7Exponential = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .WaitAndRetryAsync(5, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

                public static readonly IAsyncPolicy V7Linear = Policy
                    .Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500)
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt));

                public static readonly IAsyncPolicy V7Schedule = Policy
                    .Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500)
                    .WaitAndRetryAsync(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2) });

                public static readonly ResiliencePipeline V8Exponential = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(200),
                    })
                    .Build();

                public static readonly ResiliencePipeline V8Linear = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(), BackoffType = DelayBackoffType.Linear })
                    .Build();

                public static readonly ResiliencePipeline V8Generator = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(),
                        DelayGenerator = args => new ValueTask<TimeSpan?>(TimeSpan.FromMilliseconds(100 << args.AttemptNumber)),
                    })
                    .Build();

                // A retry strategy that is not about AWS: HTTP calls only.
                private static readonly ResiliencePipeline HttpPipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>() })
                    .Build();

                public ValueTask<string> Get(string url) => HttpPipeline.ExecuteAsync(async ct => await _http.GetStringAsync(url, ct));
            """));

    [Fact]
    public Task SecondMessage_ClientConfigurationOutOfViewOrRetriesOff_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                private static readonly AmazonDynamoDBClient NoSdkRetries = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 0 });

                public async Task InjectedClient()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }

                public async Task SdkRetriesTurnedOff()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await NoSdkRetries.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }

                public async Task ConfigFromElsewhere(AmazonDynamoDBConfig config)
                {
                    var client = new AmazonDynamoDBClient(config);
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await client.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }

                public async Task RetriesAnErrorTheSdkDoesNotRetry()
                {
                    var client = new AmazonDynamoDBClient();
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await client.TransactWriteItemsAsync(new TransactWriteItemsRequest()); return; }
                        catch (TransactionCanceledException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }
            """));

    [Fact]
    public Task ClientErrorRetriesAreAwsbp020sBusiness_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Conditional()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ConditionalCheckFailedException) { await Task.Delay(100); }
                    }
                }

                public async Task NotFound()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }); return; }
                        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound) { await Task.Delay(100); }
                    }
                }

                public async Task GenericCatchWithAClientWeCanSee()
                {
                    var client = new AmazonDynamoDBClient();
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await client.PutItemAsync(Put()); return; }
                        catch (AmazonDynamoDBException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }

                public static readonly ISyncPolicy Conflicts = Policy.Handle<ConditionalCheckFailedException>().Retry(3);
            """));

    [Fact]
    public Task DocumentWithoutAwsSdk_NotFlagged()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            public class Plain
            {
                public async Task Run(Func<Task> work)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await work(); return; }
                        catch (Exception) { await Task.Delay(1000); }
                    }
                }
            }
            """, AwsSdk.None);

    // ---------------------------------------------------------------- flagged

    [Fact]
    public Task ConstantTaskDelay_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task Save()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await {|#0:Task.Delay(500)|}; }
                    }
                }
            """),
            At(0)
                .WithMessage("The retry loop retries 'PutItemAsync' after a fixed delay of 500 ms; back off exponentially with jitter between attempts"));

    [Fact]
    public Task ConstantThreadSleepInSynchronousCode_Flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Uploader
            {
                public void Upload(IAmazonS3 s3, PutObjectRequest request)
                {
                    var tries = 0;
                    while (true)
                    {
                        try
                        {
                            s3.PutObjectAsync(request).GetAwaiter().GetResult();
                            break;
                        }
                        catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500 && ++tries < 3)
                        {
                            {|#0:Thread.Sleep(1000)|};
                        }
                    }
                }
            }
            """,
            At(0).WithMessage("The retry loop retries 'PutObjectAsync' after a fixed delay of 1 s; back off exponentially with jitter between attempts"));

    [Fact]
    public Task NoDelayAtAll_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task Immediately()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        {|#0:catch|} (ProvisionedThroughputExceededException) { }
                    }
                }

                public async Task Continues()
                {
                    while (true)
                    {
                        try { await _sqs.SendMessageAsync("q", "body"); break; }
                        {|#1:catch|} (AmazonSQSException ex) when (ex.Retryable != null)
                        {
                            Console.WriteLine(ex.Message);
                            continue;
                        }
                    }
                }

                public async Task ZeroDelay()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await {|#2:Task.Delay(TimeSpan.Zero)|}; }
                    }
                }
            """),
            At(0)
                .WithMessage("The retry loop retries 'PutItemAsync' without waiting between attempts; back off exponentially with jitter between attempts"),
            At(1),
            At(2));

    [Fact]
    public Task ConstantFromAConstFieldReadonlyFieldOrLocal_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                private const int RetryDelayMs = 250;
                private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(RetryDelayMs * 2);

                public async Task ConstField()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await {|#0:Task.Delay(RetryDelayMs)|}; }
                    }
                }

                public async Task ReadonlyField()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await {|#1:Task.Delay(RetryDelay)|}; }
                    }
                }

                public async Task Local()
                {
                    var delay = TimeSpan.FromSeconds(2);
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException) { await {|#2:Task.Delay(delay)|}; }
                    }
                }
            """),
            At(0).WithArguments("The retry loop retries 'PutItemAsync'", "after a fixed delay of 250 ms"),
            At(1).WithArguments("The retry loop retries 'PutItemAsync'", "after a fixed delay of 500 ms"),
            At(2).WithArguments("The retry loop retries 'PutItemAsync'", "after a fixed delay of 2 s"));

    [Fact]
    public Task TimeSpanFromSecondsAndBroadCatches_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task<GetObjectResponse> Download(string key, CancellationToken cancellationToken)
                {
                    var attempts = 0;
                    while (true)
                    {
                        try
                        {
                            return await _s3.GetObjectAsync("b", key, cancellationToken);
                        }
                        catch (Exception) when (attempts++ < 3)
                        {
                            await {|#0:Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)|};
                        }
                    }
                }

                public async Task Send(string queueUrl)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync(queueUrl, "body");
                            return;
                        }
                        catch
                        {
                            Console.WriteLine("retrying");
                        }

                        await {|#1:Task.Delay(new TimeSpan(0, 0, 2))|};
                    }
                }
            """),
            At(0).WithArguments("The retry loop retries 'GetObjectAsync'", "after a fixed delay of 1 s"),
            At(1).WithArguments("The retry loop retries 'SendMessageAsync'", "after a fixed delay of 2 s"));

    [Fact]
    public Task GenericRetryHelperAndLocalEmulatorClient_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public static async Task<T> WithRetries<T>(Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(); }
                        catch (AmazonServiceException ex) when (attempt < 3 && (int)ex.StatusCode >= 500) { await {|#0:Task.Delay(300)|}; }
                    }
                }

                public async Task AgainstDynamoDbLocal()
                {
                    var local = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await local.{|#2:PutItemAsync|}(Put()); return; }
                        catch (AmazonDynamoDBException ex) when (ex.Retryable != null) { await {|#1:Task.Delay(100)|}; }
                    }
                }
            """),
            At(0).WithArguments("The retry loop retries 'action'", "after a fixed delay of 300 ms"),
            At(1),
            SdkAt(2, "PutItemAsync", "local", "its config does not set MaxErrorRetry"));

    [Fact]
    public Task WaitAfterTheTryIsReportedOnceForSeveralCatchClauses_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task Save()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put());
                            return;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            Console.WriteLine("throttled");
                        }
                        catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500)
                        {
                            Console.WriteLine("server error");
                        }

                        await {|#0:Task.Delay(1500)|};
                    }
                }
            """),
            At(0).WithMessage("The retry loop retries 'PutItemAsync' after a fixed delay of 1.5 s; back off exponentially with jitter between attempts"));

    [Fact]
    public Task PollyV7ConstantSleepOrNoWait_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public static readonly IAsyncPolicy Constant = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .{|#0:WaitAndRetryAsync|}(3, _ => TimeSpan.FromSeconds(1));

                public static readonly ISyncPolicy Schedule = Policy
                    .Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500)
                    .{|#1:WaitAndRetry|}(new[] { TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500) });

                public static readonly IAsyncPolicy NoWait = Policy
                    .Handle<AmazonDynamoDBException>(ex => ex.Retryable != null)
                    .{|#2:RetryAsync|}(3);

                public static readonly ISyncPolicy Forever = Policy.Handle<TimeoutException>().Or<ProvisionedThroughputExceededException>().{|#3:RetryForever|}();

                public static readonly IAsyncPolicy<GetItemResponse> Typed = Policy<GetItemResponse>
                    .Handle<AmazonDynamoDBException>(ex => (int)ex.StatusCode >= 500)
                    .{|#4:WaitAndRetryAsync|}(3, attempt => TimeSpan.FromMilliseconds(250));
            """),
            At(0)
                .WithMessage("The Polly retry policy retries its AWS calls after a fixed delay of 1 s; back off exponentially with jitter between attempts"),
            At(1),
            At(2)
                .WithMessage("The Polly retry policy retries its AWS calls without waiting between attempts; back off exponentially with jitter between attempts"),
            At(3),
            At(4));

    [Fact]
    public Task PollyPolicyExecutedAroundAwsCalls_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                private static readonly IAsyncPolicy Retry = Policy.Handle<Exception>().{|#0:WaitAndRetryAsync|}(3, _ => TimeSpan.FromMilliseconds(200));

                public Task Save() => Retry.ExecuteAsync(() => _ddb.PutItemAsync(Put()));

                public async Task Inline()
                {
                    await Policy.Handle<TimeoutException>().{|#1:RetryAsync|}(2).ExecuteAsync(() => _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }));
                }
            """),
            At(0),
            At(1));

    [Fact]
    public Task PollyV8ConstantBackoff_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public static readonly ResiliencePipeline Explicit = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<ProvisionedThroughputExceededException>(),
                        BackoffType = {|#0:DelayBackoffType.Constant|},
                        Delay = TimeSpan.FromMilliseconds(500),
                    })
                    .Build();

                public static readonly ResiliencePipeline ByDefault = new ResiliencePipelineBuilder()
                    .AddRetry(new {|#1:RetryStrategyOptions|} { ShouldHandle = new PredicateBuilder().Handle<AmazonServiceException>(), MaxRetryAttempts = 5 })
                    .Build();

                public static readonly ResiliencePipeline ZeroDelay = new ResiliencePipelineBuilder()
                    .AddRetry(new {|#2:RetryStrategyOptions|}
                    {
                        ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(),
                        BackoffType = DelayBackoffType.Exponential,
                        Delay = TimeSpan.Zero,
                    })
                    .Build();

                private readonly ResiliencePipeline _used = new ResiliencePipelineBuilder().AddRetry(new {|#3:RetryStrategyOptions|}()).Build();

                public ValueTask<PutItemResponse> Save() => _used.ExecuteAsync(async ct => await _ddb.PutItemAsync(Put(), ct));
            """),
            At(0)
                .WithMessage("The Polly retry strategy retries its AWS calls after a fixed delay of 500 ms; back off exponentially with jitter between attempts"),
            At(1)
                .WithMessage("The Polly retry strategy retries its AWS calls after a fixed delay of 2 s (BackoffType defaults to Constant); back off exponentially with jitter between attempts"),
            At(2)
                .WithMessage("The Polly retry strategy retries its AWS calls without waiting between attempts (its Delay is zero); back off exponentially with jitter between attempts"),
            At(3));

    [Fact]
    public Task SecondMessage_ClientCreatedInViewWithSdkRetriesOn_Flagged()
        => Verify.VerifyAnalyzerAsync(
            Usings + """
            public class Inventory
            {
                private readonly AmazonDynamoDBClient _ddb = new AmazonDynamoDBClient();

                public async Task Reserve(PutItemRequest request)
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { await _ddb.{|#0:PutItemAsync|}(request); return; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                        catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500) { await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt))); }
                    }
                }

                public async Task Release(DeleteItemRequest request)
                {
                    var client = new AmazonDynamoDBClient(new AmazonDynamoDBConfig { MaxErrorRetry = 5 });
                    var attempt = 0;
                    while (true)
                    {
                        try { await client.{|#1:DeleteItemAsync|}(request); return; }
                        catch (AmazonDynamoDBException ex) when (ex.Retryable?.Throttling == true && ++attempt < 3) { await {|#2:Task.Delay(1000)|}; }
                    }
                }
            }
            """,
            SdkAt(0, "PutItemAsync", "_ddb", "it is created without a config")
                .WithMessage("The retry loop retries 'PutItemAsync', which the SDK client '_ddb' already retries with backoff on throttling and server errors (it is created without a config), so the attempts multiply; retry in one place: set MaxErrorRetry = 0 on the client's config or leave the retries to the SDK"),
            SdkAt(1, "DeleteItemAsync", "client", "its config sets MaxErrorRetry = 5"),
            At(2));

    [Fact]
    public Task SdkV3Shapes_Flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Archive
            {
                private const int PauseMs = 750;

                public async Task Store(IAmazonS3 s3, PutObjectRequest request)
                {
                    for (var attempt = 0; attempt < 4; attempt++)
                    {
                        try { await s3.PutObjectAsync(request); return; }
                        catch (AmazonS3Exception ex) when ((int)ex.StatusCode == 503) { await {|#0:Task.Delay(PauseMs)|}; }
                    }
                }
            }
            """,
            AwsSdk.V3,
            At(0));

    // ---------------------------------------------------------------- the fix

    [Fact]
    public Task Fix_ForLoopCounterAndConstantMilliseconds()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task Save()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put());
                            return;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            // throttled: try again
                            await {|AWSBP021:Task.Delay(500)|}; // half a second
                        }
                    }
                }
            """),
            InClass("""
                public async Task Save()
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put());
                            return;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            // throttled: try again
                            await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 500 * Math.Pow(2, attempt)))); // half a second
                        }
                    }
                }
            """));

    [Fact]
    public Task Fix_WhileTrueWithoutCounter_DeclaresOneAndKeepsComments()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task Send(string queueUrl, CancellationToken cancellationToken)
                {
                    Console.WriteLine("sending");

                    // Retry until SQS accepts the message.
                    while (true)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync(queueUrl, "body", cancellationToken);
                            break;
                        }
                        catch (AmazonSQSException ex) when (ex.Retryable != null)
                        {
                            Console.WriteLine(ex.Message); // log it
                            await {|AWSBP021:Task.Delay(TimeSpan.FromSeconds(1), cancellationToken)|};
                        }
                    }
                }
            """),
            InClass("""
                public async Task Send(string queueUrl, CancellationToken cancellationToken)
                {
                    Console.WriteLine("sending");

                    // Retry until SQS accepts the message.
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            await _sqs.SendMessageAsync(queueUrl, "body", cancellationToken);
                            break;
                        }
                        catch (AmazonSQSException ex) when (ex.Retryable != null)
                        {
                            attempt++;
                            Console.WriteLine(ex.Message); // log it
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 1000 * Math.Pow(2, attempt)))), cancellationToken);
                        }
                    }
                }
            """));

    [Fact]
    public Task Fix_CounterIncrementedInTheFilterAndANamedDelay()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

                public async Task Reserve(CancellationToken cancellationToken)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put(), cancellationToken);
                            return;
                        }
                        catch (ProvisionedThroughputExceededException) when (++attempt < 5)
                        {
                            await {|AWSBP021:Task.Delay(RetryDelay, cancellationToken)|};
                        }
                    }
                }
            """),
            InClass("""
                private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

                public async Task Reserve(CancellationToken cancellationToken)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put(), cancellationToken);
                            return;
                        }
                        catch (ProvisionedThroughputExceededException) when (++attempt < 5)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, RetryDelay.TotalMilliseconds * Math.Pow(2, attempt)))), cancellationToken);
                        }
                    }
                }
            """));

    [Fact]
    public Task Fix_NoDelay_AddsAWaitBeforeContinueAndAtTheEnd()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task Send(string queueUrl, CancellationToken cancellationToken)
                {
                    while (true)
                    {
                        try { await _sqs.SendMessageAsync(queueUrl, "body", cancellationToken); break; }
                        {|AWSBP021:catch|} (AmazonSQSException ex) when (ex.Retryable != null)
                        {
                            Console.WriteLine(ex.Message);
                            continue;
                        }
                    }
                }

                public async Task Save()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        {|AWSBP021:catch|} (ProvisionedThroughputExceededException) { }
                    }
                }
            """),
            InClass("""
                public async Task Send(string queueUrl, CancellationToken cancellationToken)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try { await _sqs.SendMessageAsync(queueUrl, "body", cancellationToken); break; }
                        catch (AmazonSQSException ex) when (ex.Retryable != null)
                        {
                            attempt++;
                            Console.WriteLine(ex.Message);
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, attempt)))), cancellationToken);
                            continue;
                        }
                    }
                }

                public async Task Save()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        try { await _ddb.PutItemAsync(Put()); return; }
                        catch (ProvisionedThroughputExceededException)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, i)))));
                        }
                    }
                }
            """));

    [Fact]
    public Task Fix_SynchronousCode_SleepsAndAddsUsings()
        => Verify.VerifyCodeFixAsync(
            """
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Uploader
            {
                public void Upload(IAmazonS3 s3, PutObjectRequest request)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            s3.PutObjectAsync(request).GetAwaiter().GetResult();
                            break;
                        }
                        catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500)
                        {
                            {|AWSBP021:System.Threading.Thread.Sleep(1000)|};
                        }
                    }
                }

                public void Delete(IAmazonS3 s3, string key)
                {
                    var retries = 0;
                    while (true)
                    {
                        try
                        {
                            s3.DeleteObjectAsync("b", key).GetAwaiter().GetResult();
                            return;
                        }
                        {|AWSBP021:catch|} (AmazonS3Exception ex) when ((int)ex.StatusCode == 503 && retries++ < 3)
                        {
                        }
                    }
                }
            }
            """,
            """
            using System;
            using System.Threading;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Uploader
            {
                public void Upload(IAmazonS3 s3, PutObjectRequest request)
                {
                    for (var attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            s3.PutObjectAsync(request).GetAwaiter().GetResult();
                            break;
                        }
                        catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500)
                        {
                            System.Threading.Thread.Sleep(Random.Shared.Next(0, (int)Math.Min(20000, 1000 * Math.Pow(2, attempt))));
                        }
                    }
                }

                public void Delete(IAmazonS3 s3, string key)
                {
                    var retries = 0;
                    while (true)
                    {
                        try
                        {
                            s3.DeleteObjectAsync("b", key).GetAwaiter().GetResult();
                            return;
                        }
                        catch (AmazonS3Exception ex) when ((int)ex.StatusCode == 503 && retries++ < 3)
                        {
                            Thread.Sleep(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, retries))));
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_CounterInTheConditionOrARangeAndAWaitAfterTheTry()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task DoWhile()
                {
                    var tries = 0;
                    do
                    {
                        try { await _ddb.PutItemAsync(Put()); break; }
                        catch (ProvisionedThroughputExceededException) { await {|AWSBP021:Task.Delay(250)|}; }
                    }
                    while (++tries < 5);
                }

                public async Task Range()
                {
                    foreach (var attempt in Enumerable.Range(0, 4))
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put());
                            return;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            Console.WriteLine("throttled");
                        }

                        await {|AWSBP021:Task.Delay(TimeSpan.FromSeconds(0.5))|};
                    }
                }
            """),
            InClass("""
                public async Task DoWhile()
                {
                    var tries = 0;
                    do
                    {
                        try { await _ddb.PutItemAsync(Put()); break; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 250 * Math.Pow(2, tries)))); }
                    }
                    while (++tries < 5);
                }

                public async Task Range()
                {
                    foreach (var attempt in Enumerable.Range(0, 4))
                    {
                        try
                        {
                            await _ddb.PutItemAsync(Put());
                            return;
                        }
                        catch (ProvisionedThroughputExceededException)
                        {
                            Console.WriteLine("throttled");
                        }

                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 500 * Math.Pow(2, attempt)))));
                    }
                }
            """));

    [Fact]
    public Task Fix_NestedRetryLoops_OnlyTheInnerLoopIsJudged()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task Copy()
                {
                    for (var outer = 0; outer < 3; outer++)
                    {
                        try
                        {
                            await _s3.PutBucketAsync("target");
                            break;
                        }
                        catch (AmazonS3Exception ex) when ((int)ex.StatusCode >= 500)
                        {
                            for (var inner = 0; inner < 3; inner++)
                            {
                                try
                                {
                                    await _s3.PutBucketAsync("fallback");
                                    break;
                                }
                                catch (AmazonS3Exception) { await {|AWSBP021:Task.Delay(200)|}; }
                            }
                        }
                    }
                }
            """),
            InClass("""
                public async Task Copy()
                {
                    for (var outer = 0; outer < 3; outer++)
                    {
                        try
                        {
                            await _s3.PutBucketAsync("target");
                            break;
                        }
                        catch (AmazonS3Exception ex) when ((int)ex.StatusCode >= 500)
                        {
                            for (var inner = 0; inner < 3; inner++)
                            {
                                try
                                {
                                    await _s3.PutBucketAsync("fallback");
                                    break;
                                }
                                catch (AmazonS3Exception) { await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 200 * Math.Pow(2, inner)))); }
                            }
                        }
                    }
                }
            """));

    [Fact]
    public Task Fix_PollyV8Options()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public static readonly ResiliencePipeline ByDefault = new ResiliencePipelineBuilder()
                    .AddRetry(new {|AWSBP021:RetryStrategyOptions|}
                    {
                        ShouldHandle = new PredicateBuilder().Handle<ProvisionedThroughputExceededException>(), // throttling only
                        MaxRetryAttempts = 5,
                    })
                    .Build();

                public static readonly ResiliencePipeline Explicit = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(), BackoffType = {|AWSBP021:DelayBackoffType.Constant|}, UseJitter = false })
                    .Build();

                public static readonly ResiliencePipeline NoInitializer = new ResiliencePipelineBuilder().AddRetry(new {|AWSBP021:RetryStrategyOptions|}()).Build();

                public ValueTask<PutItemResponse> Save() => NoInitializer.ExecuteAsync(async ct => await _ddb.PutItemAsync(Put(), ct));
            """),
            InClass("""
                public static readonly ResiliencePipeline ByDefault = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<ProvisionedThroughputExceededException>(), // throttling only
                        MaxRetryAttempts = 5,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .Build();

                public static readonly ResiliencePipeline Explicit = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(), BackoffType = DelayBackoffType.Exponential, UseJitter = true })
                    .Build();

                public static readonly ResiliencePipeline NoInitializer = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions() { BackoffType = DelayBackoffType.Exponential, UseJitter = true }).Build();

                public ValueTask<PutItemResponse> Save() => NoInitializer.ExecuteAsync(async ct => await _ddb.PutItemAsync(Put(), ct));
            """));

    [Fact]
    public Task Fix_PollyV7SleepProviderAndRetryWithoutWait()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public static readonly IAsyncPolicy Constant = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .{|AWSBP021:WaitAndRetryAsync|}(3, _ => TimeSpan.FromSeconds(1));

                public static readonly IAsyncPolicy Named = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .{|AWSBP021:WaitAndRetryAsync|}(3, retry => TimeSpan.FromMilliseconds(250));

                public static readonly ISyncPolicy NoWait = Policy.Handle<AmazonDynamoDBException>(ex => ex.Retryable != null).{|AWSBP021:Retry|}(3);

                public static readonly IAsyncPolicy Forever = Policy.Handle<ProvisionedThroughputExceededException>().{|AWSBP021:RetryForeverAsync|}();
            """),
            InClass("""
                public static readonly IAsyncPolicy Constant = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 1000 * Math.Pow(2, attempt)))));

                public static readonly IAsyncPolicy Named = Policy
                    .Handle<ProvisionedThroughputExceededException>()
                    .WaitAndRetryAsync(3, retry => TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 250 * Math.Pow(2, retry)))));

                public static readonly ISyncPolicy NoWait = Policy.Handle<AmazonDynamoDBException>(ex => ex.Retryable != null).WaitAndRetry(3, attempt => TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, attempt)))));

                public static readonly IAsyncPolicy Forever = Policy.Handle<ProvisionedThroughputExceededException>().WaitAndRetryForeverAsync(attempt => TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, attempt)))));
            """));

    [Fact]
    public Task FixAll_DocumentProjectSolution()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                InClass("""
                    public async Task TwoCatches()
                    {
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); return; }
                            catch (ProvisionedThroughputExceededException) { await {|AWSBP021:Task.Delay(200)|}; }
                            catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500) { await {|AWSBP021:Task.Delay(1000)|}; }
                        }
                    }

                    public async Task TwoLoops()
                    {
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); break; }
                            {|AWSBP021:catch|} (ProvisionedThroughputExceededException) { }
                        }

                        do
                        {
                            try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }); break; }
                            catch (AmazonS3Exception ex) when ((int)ex.StatusCode == 503) { await {|AWSBP021:Task.Delay(TimeSpan.FromMilliseconds(300))|}; }
                        }
                        while (true);
                    }
                """),
                """
                using System.Threading.Tasks;
                using Amazon.SQS;

                public class Sender
                {
                    public async Task Send(IAmazonSQS sqs, string queueUrl)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try { await sqs.SendMessageAsync(queueUrl, "body"); return; }
                            catch (AmazonSQSException) { await {|AWSBP021:Task.Delay(500)|}; }
                        }
                    }
                }
                """,
            },
            new[]
            {
                InClass("""
                    public async Task TwoCatches()
                    {
                        var attempt = 0;
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); return; }
                            catch (ProvisionedThroughputExceededException)
                            {
                                attempt++;
                                await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 200 * Math.Pow(2, attempt))));
                            }
                            catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500)
                            {
                                attempt++;
                                await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 1000 * Math.Pow(2, attempt))));
                            }
                        }
                    }

                    public async Task TwoLoops()
                    {
                        var attempt = 0;
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); break; }
                            catch (ProvisionedThroughputExceededException)
                            {
                                attempt++;
                                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 100 * Math.Pow(2, attempt)))));
                            }
                        }

                        var retryAttempt = 0;
                        do
                        {
                            try { await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = "k", ContentBody = "x" }); break; }
                            catch (AmazonS3Exception ex) when ((int)ex.StatusCode == 503)
                            {
                                retryAttempt++;
                                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, 300 * Math.Pow(2, retryAttempt)))));
                            }
                        }
                        while (true);
                    }
                """),
                """
                using System;
                using System.Threading.Tasks;
                using Amazon.SQS;

                public class Sender
                {
                    public async Task Send(IAmazonSQS sqs, string queueUrl)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try { await sqs.SendMessageAsync(queueUrl, "body"); return; }
                            catch (AmazonSQSException) { await Task.Delay(Random.Shared.Next(0, (int)Math.Min(20000, 500 * Math.Pow(2, attempt)))); }
                        }
                    }
                }
                """,
            });

    [Fact]
    public Task Fix_NotOfferedWhereTheEditIsUnsafe()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public Task NotAsync()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { _ddb.PutItemAsync(Put()).Wait(); break; }
                        {|AWSBP021:catch|} (ProvisionedThroughputExceededException) { }
                    }

                    return Task.CompletedTask;
                }

                public async Task NotInABlock(bool retry)
                {
                    if (retry)
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); break; }
                            catch (ProvisionedThroughputExceededException) { await {|AWSBP021:Task.Delay(100)|}; }
                        }
                }

                public static readonly ResiliencePipeline ZeroDelay = new ResiliencePipelineBuilder()
                    .AddRetry(new {|AWSBP021:RetryStrategyOptions|} { ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(), Delay = TimeSpan.Zero })
                    .Build();

                public static readonly ISyncPolicy StaticForm = RetrySyntax.{|AWSBP021:Retry|}(Policy.Handle<ProvisionedThroughputExceededException>(), 3);

                public static readonly ISyncPolicy WithCallback = Policy.Handle<ProvisionedThroughputExceededException>().{|AWSBP021:Retry|}(3, (ex, attempt) => Console.WriteLine(attempt));
            """),
            InClass("""
                public Task NotAsync()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { _ddb.PutItemAsync(Put()).Wait(); break; }
                        {|AWSBP021:catch|} (ProvisionedThroughputExceededException) { }
                    }

                    return Task.CompletedTask;
                }

                public async Task NotInABlock(bool retry)
                {
                    if (retry)
                        while (true)
                        {
                            try { await _ddb.PutItemAsync(Put()); break; }
                            catch (ProvisionedThroughputExceededException) { await {|AWSBP021:Task.Delay(100)|}; }
                        }
                }

                public static readonly ResiliencePipeline ZeroDelay = new ResiliencePipelineBuilder()
                    .AddRetry(new {|AWSBP021:RetryStrategyOptions|} { ShouldHandle = new PredicateBuilder().Handle<AmazonDynamoDBException>(), Delay = TimeSpan.Zero })
                    .Build();

                public static readonly ISyncPolicy StaticForm = RetrySyntax.{|AWSBP021:Retry|}(Policy.Handle<ProvisionedThroughputExceededException>(), 3);

                public static readonly ISyncPolicy WithCallback = Policy.Handle<ProvisionedThroughputExceededException>().{|AWSBP021:Retry|}(3, (ex, attempt) => Console.WriteLine(attempt));
            """));

    [Fact]
    public void Fix_WithoutRandomShared_SeedsARandomPerCall()
    {
        // Targets without Random.Shared (.NET Framework, netstandard2.0): a Random per call, seeded from a GUID, is thread-safe.
        var withShared = AwsBestPractice.Analyzers.CodeFixes.Toolkit.JitteredBackoff.Milliseconds("1000", 0, "attempt", randomShared: true).ToString();
        var without = AwsBestPractice.Analyzers.CodeFixes.Toolkit.JitteredBackoff.TimeSpan("RetryDelay.TotalMilliseconds", 30_000, "attempt", randomShared: false).ToString();
        Assert.Equal("global::System.Random.Shared.Next(0, (int)global::System.Math.Min(20000, 1000 * global::System.Math.Pow(2, attempt)))", withShared);
        Assert.Equal(
            "global::System.TimeSpan.FromMilliseconds(new global::System.Random(global::System.Guid.NewGuid().GetHashCode()).Next(0, (int)global::System.Math.Min(30000, RetryDelay.TotalMilliseconds * global::System.Math.Pow(2, attempt))))",
            without);
    }

    [Fact]
    public async Task BrokenCode_DoesNotCrash()
    {
        var test = Verify.CreateTest();
        test.TestCode = Usings + """
            public class Store
            {
                private readonly IAmazonDynamoDB _ddb = null!;

                public async Task A()
                {
                    for (var attempt = 0; attempt < ; attempt++)
                    {
                        try { await _ddb.PutItemAsync(new PutItemRequest { TableName = }); break; }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(TimeSpan.FromSeconds()); }
                        catch (AmazonDynamoDBException ex) when (ex.StatusCod >= 500) { await Task.Delay(); }
                        catch (UnknownException) { Thread.Sleep(; }
                    }

                    while (true)
                    {
                        try { await _ddb.PutItemAsync(); break; }
                        catch (AmazonServiceException) { continue }
                    }

                    var delay = ;
                    while (true)
                    {
                        try { await _ddb.PutItemAsync(new PutItemRequest()); break; }
                        catch { await Task.Delay(delay); await Task.Delay(UnknownConstant); await Task.Delay(new TimeSpan(1, 2)); }
                    }

                    var p = Policy.Handle<>().WaitAndRetryAsync(3, _ => );
                    var q = Policy.Handle<AmazonServiceException>().WaitAndRetryAsync(3, _ => TimeSpan.FromSeconds(1)
                    var r = new RetryStrategyOptions { BackoffType = DelayBackoffType., Delay = TimeSpan.FromSeconds( };
                    var s = Policy.Handle<AmazonServiceException>().{|AWSBP021:RetryAsync|}(
                }
            }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        test.ExpectedDiagnostics.Clear();
        await test.RunAsync(CancellationToken.None);
    }
}
