using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotRetryClientErrors;
using AwsBestPractice.Analyzers.Rules.DoNotRetryClientErrors;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.DoNotRetryClientErrors.DoNotRetryClientErrorsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotRetryClientErrors.DoNotRetryClientErrorsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class DoNotRetryClientErrorsTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Amazon.Runtime;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.SQS;
        using Amazon.SQS.Model;
        using Polly;

        """;

    /// <summary>A diagnostic at a markup location, message not compared.</summary>
    private static DiagnosticResult At(int location) => new DiagnosticResult("AWSBP020", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location);

    private static string InClass(string members) => Usings + """
        public class Store
        {
            private readonly IAmazonDynamoDB _ddb = null!;
            private readonly IAmazonS3 _s3 = null!;
            private readonly IAmazonSQS _sqs = null!;
            private static bool IsTransient(AmazonServiceException ex) => ex.StatusCode >= HttpStatusCode.InternalServerError;

        """ + members + """

        }
        """;

    // ---------------------------------------------------------------- not flagged: the tricky cases first

    [Fact]
    public Task ForEachOverItemsThatLogsAndMovesOn_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task UploadAll(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        try
                        {
                            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = "b", Key = key, ContentBody = "x" });
                        }
                        catch (AmazonS3Exception ex)
                        {
                            Console.WriteLine($"failed {key}: {ex.Message}");
                        }
                    }
                }
            """));

    [Fact]
    public Task ForLoopOverIndexesThatReturnsTheFirstFound_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<GetItemResponse?> FindFirst(List<Dictionary<string, AttributeValue>> keys)
                {
                    for (var i = 0; i < keys.Count; i++)
                    {
                        try
                        {
                            var request = new GetItemRequest { TableName = "t", Key = keys[i] };
                            return await _ddb.GetItemAsync(request);
                        }
                        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
                        {
                            Console.WriteLine("next");
                        }
                    }

                    return null;
                }
            """));

    [Fact]
    public Task ProcessingLoopThatKeepsGoingAfterSuccess_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Poll(string queueUrl, System.Threading.CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        try
                        {
                            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });
                            foreach (var message in response.Messages ?? new List<Message>())
                            {
                                await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
                            }
                        }
                        catch (AmazonSQSException ex)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(1000);
                        }
                    }
                }
            """));

    [Fact]
    public Task PaginationLoopThatChangesTheRequest_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<int> Count()
                {
                    var request = new ScanRequest { TableName = "t" };
                    var count = 0;
                    ScanResponse? response = null;
                    do
                    {
                        try
                        {
                            response = await _ddb.ScanAsync(request);
                            count += response.Count ?? 0;
                            request.ExclusiveStartKey = response.LastEvaluatedKey;
                        }
                        catch (AmazonDynamoDBException)
                        {
                            await Task.Delay(100);
                        }
                    }
                    while (response?.LastEvaluatedKey?.Count > 0);
                    return count;
                }
            """));

    [Fact]
    public Task FailoverOrFallbackThatChangesTheRequest_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<GetObjectResponse?> Failover(string[] buckets)
                {
                    foreach (var bucket in buckets)
                    {
                        try { return await _s3.GetObjectAsync(bucket, "key"); }
                        catch (AmazonS3Exception) { Console.WriteLine("next bucket"); }
                    }

                    return null;
                }

                public async Task<GetObjectResponse?> Fallback()
                {
                    var request = new GetObjectRequest { BucketName = "b", Key = "v2/key" };
                    for (var attempt = 0; attempt < 2; attempt++)
                    {
                        try { return await _s3.GetObjectAsync(request); }
                        catch (AmazonS3Exception) { request.Key = "v1/key"; }
                    }

                    return null;
                }

                public async Task DrainQueue(string queueUrl)
                {
                    while (true)
                    {
                        try
                        {
                            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });
                            if (response.Messages == null || response.Messages.Count == 0)
                            {
                                break;
                            }

                            Console.WriteLine(response.Messages.Count);
                        }
                        catch (AmazonSQSException ex)
                        {
                            Console.WriteLine(ex.Message);
                        }
                    }
                }
            """));

    [Fact]
    public Task CatchThatRethrowsReturnsOrBreaks_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<ScanResponse?> Rethrow()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            return await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                        }
                        catch (AmazonServiceException ex)
                        {
                            Console.WriteLine(ex.Message);
                            throw;
                        }
                    }

                    return null;
                }

                public async Task<ScanResponse?> Wrap()
                {
                    while (true)
                    {
                        try
                        {
                            return await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                        }
                        catch (AmazonDynamoDBException ex)
                        {
                            throw new InvalidOperationException("scan failed", ex);
                        }
                    }
                }

                public async Task<ScanResponse?> ReturnNull()
                {
                    while (true)
                    {
                        try
                        {
                            return await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                        }
                        catch (AmazonDynamoDBException)
                        {
                            return null;
                        }
                    }
                }

                public async Task Break()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                            return;
                        }
                        catch (AmazonServiceException)
                        {
                            break;
                        }
                    }
                }
            """));

    [Fact]
    public Task FiltersLimitedToServerErrorsAndThrottling_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                private async Task<ScanResponse> Scan() => await _ddb.ScanAsync(new ScanRequest { TableName = "t" });

                public async Task<ScanResponse?> A()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500) { await Task.Delay(100); }
                        catch (AmazonDynamoDBException ex) when (ex.ErrorType == ErrorType.Receiver) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.Retryable != null) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.Retryable?.Throttling == true) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.StatusCode == HttpStatusCode.TooManyRequests) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (IsTransient(ex)) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.ErrorCode == "ThrottlingException" && attempt < 2) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError || ex.StatusCode == (HttpStatusCode)429) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.ErrorType != ErrorType.Sender) { await Task.Delay(100); }
                        catch (AmazonServiceException ex) when (ex.Message.Contains("timeout")) { await Task.Delay(100); }
                    }

                    return null;
                }
            """));

    [Fact]
    public Task ThrottlingAndServerErrorExceptionTypes_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<PutItemResponse?> Put(PutItemRequest request)
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        try { return await _ddb.PutItemAsync(request); }
                        catch (ProvisionedThroughputExceededException) { await Task.Delay(100 << attempt); }
                        catch (RequestLimitExceededException) { await Task.Delay(100 << attempt); }
                        catch (Amazon.DynamoDBv2.Model.ThrottlingException) { await Task.Delay(100 << attempt); }
                        catch (Amazon.DynamoDBv2.Model.LimitExceededException) { await Task.Delay(100 << attempt); }
                        catch (InternalServerErrorException) { await Task.Delay(100 << attempt); }
                        catch (TransactionCanceledException) { await Task.Delay(100 << attempt); }
                    }

                    return null;
                }

                public async Task Send(string url)
                {
                    while (true)
                    {
                        try { await _sqs.SendMessageAsync(url, "x"); return; }
                        catch (RequestThrottledException) { await Task.Delay(100); }
                    }
                }
            """));

    [Fact]
    public Task CatchOfExceptionOrClientException_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<ScanResponse?> A()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonClientException) { await Task.Delay(100); }
                        catch (Exception) { await Task.Delay(100); }
                    }

                    return null;
                }
            """));

    [Fact]
    public Task HandlerThatRethrowsClientErrorsItself_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                private static void ThrowIfNotTransient(AmazonServiceException ex) { if (!IsTransient(ex)) throw ex; }

                public async Task<ScanResponse?> A()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonServiceException ex)
                        {
                            if (ex.StatusCode < HttpStatusCode.InternalServerError)
                            {
                                throw;
                            }

                            await Task.Delay(100);
                        }
                    }

                    return null;
                }

                public async Task<ScanResponse?> B()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonServiceException ex)
                        {
                            ThrowIfNotTransient(ex);
                            await Task.Delay(100);
                        }
                    }

                    return null;
                }

                public async Task<ScanResponse?> C()
                {
                    while (true)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonServiceException ex)
                        {
                            switch (ex.ErrorType)
                            {
                                case ErrorType.Sender: throw;
                                default: await Task.Delay(100); break;
                            }
                        }
                    }
                }
            """));

    [Fact]
    public Task CatchThatEndsTheLoopThroughItsFlag_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task A()
                {
                    var done = false;
                    while (!done)
                    {
                        try
                        {
                            await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                            done = true;
                        }
                        catch (AmazonServiceException ex)
                        {
                            Console.WriteLine(ex.Message);
                            done = true;
                        }
                    }
                }
            """));

    [Fact]
    public Task AwsCallOnlyInAHelperOrNoLoop_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                private Task<ScanResponse> ScanAsync() => _ddb.ScanAsync(new ScanRequest { TableName = "t" });

                public async Task<ScanResponse?> Helper()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await ScanAsync(); }
                        catch (AmazonServiceException) { await Task.Delay(100); }
                    }

                    return null;
                }

                public async Task<ScanResponse?> NoLoop()
                {
                    try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                    catch (AmazonServiceException) { await Task.Delay(100); }

                    return null;
                }

                public void LoopOutsideTheLambda()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        Func<Task> work = async () =>
                        {
                            try { await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                            catch (AmazonServiceException) { await Task.Delay(100); }
                        };
                        work();
                    }
                }
            """));

    [Fact]
    public Task PollyPoliciesLimitedOrNotRetrying_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public void Build()
                {
                    var a = Polly.Policy.Handle<AmazonServiceException>(ex => (int)ex.StatusCode >= 500 || ex.Retryable?.Throttling == true).WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(i));
                    var b = Polly.Policy.Handle<ProvisionedThroughputExceededException>().RetryAsync(3);
                    var c = Polly.Policy.Handle<AmazonServiceException>().CircuitBreakerAsync(3, TimeSpan.FromSeconds(10));
                    var d = Polly.Policy.Handle<AmazonServiceException>(IsTransient).RetryAsync(3);
                    var e = Polly.Policy.Handle<TimeoutException>().Or<AmazonServiceException>(ex => ex.ErrorType == ErrorType.Receiver).RetryAsync(3);
                    var builder = Polly.Policy.Handle<AmazonServiceException>();
                    var f = new Polly.ResiliencePipelineBuilder()
                        .AddRetry(new Polly.Retry.RetryStrategyOptions { ShouldHandle = new Polly.PredicateBuilder().Handle<AmazonServiceException>(ex => ex.StatusCode >= HttpStatusCode.InternalServerError) })
                        .AddCircuitBreaker(new Polly.CircuitBreaker.CircuitBreakerStrategyOptions { ShouldHandle = new Polly.PredicateBuilder().Handle<AmazonServiceException>() })
                        .Build();
                }
            """));

    [Fact]
    public Task OptimisticConcurrencyLoopThatReReadsTheItem_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Increment(string id)
                {
                    for (var attempt = 0; attempt < 5; attempt++)
                    {
                        var current = await _ddb.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["id"] = new AttributeValue { S = id } }, ConsistentRead = true });
                        var version = int.Parse(current.Item["version"].N);
                        try
                        {
                            await _ddb.PutItemAsync(new PutItemRequest
                            {
                                TableName = "t",
                                Item = new() { ["id"] = new AttributeValue { S = id }, ["version"] = new AttributeValue { N = (version + 1).ToString() } },
                                ConditionExpression = "version = :v",
                                ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = version.ToString() } },
                            });
                            return;
                        }
                        catch (ConditionalCheckFailedException)
                        {
                            await Task.Delay(50);
                        }
                    }
                }

                public async Task IncrementInTry(string id)
                {
                    while (true)
                    {
                        try
                        {
                            var current = await _ddb.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["id"] = new AttributeValue { S = id } }, ConsistentRead = true });
                            var version = int.Parse(current.Item["version"].N);
                            await _ddb.UpdateItemAsync(new UpdateItemRequest
                            {
                                TableName = "t",
                                Key = new() { ["id"] = new AttributeValue { S = id } },
                                UpdateExpression = "SET version = :n",
                                ConditionExpression = "version = :v",
                                ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = version.ToString() }, [":n"] = new AttributeValue { N = (version + 1).ToString() } },
                            });
                            return;
                        }
                        catch (AmazonDynamoDBException ex) when (ex.ErrorCode == "ConditionalCheckFailedException")
                        {
                        }
                    }
                }

                private Task<int> LoadVersionAsync(string id) => Task.FromResult(1);

                public async Task IncrementViaHelper(string id)
                {
                    while (true)
                    {
                        var version = await LoadVersionAsync(id);
                        try
                        {
                            await _ddb.PutItemAsync(new PutItemRequest
                            {
                                TableName = "t",
                                Item = new() { ["id"] = new AttributeValue { S = id } },
                                ConditionExpression = "version = :v",
                                ExpressionAttributeValues = new() { [":v"] = new AttributeValue { N = version.ToString() } },
                            });
                            return;
                        }
                        catch (ConditionalCheckFailedException)
                        {
                        }
                    }
                }
            """));

    [Fact]
    public Task CatchThatCreatesTheMissingResource_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<string> GetQueueUrl(string name)
                {
                    while (true)
                    {
                        try
                        {
                            return (await _sqs.GetQueueUrlAsync(name)).QueueUrl;
                        }
                        catch (QueueDoesNotExistException)
                        {
                            await _sqs.CreateQueueAsync(name);
                        }
                    }
                }

                public async Task Put(string bucket)
                {
                    for (var attempt = 0; attempt < 2; attempt++)
                    {
                        try
                        {
                            await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "x" });
                            return;
                        }
                        catch (AmazonS3Exception ex) when (ex.ErrorCode == "NoSuchBucket")
                        {
                            await _s3.PutBucketAsync(bucket);
                        }
                    }
                }

                private Task CreateTableAsync() => Task.CompletedTask;

                public async Task<GetItemResponse> Get(GetItemRequest request)
                {
                    while (true)
                    {
                        try { return await _ddb.GetItemAsync(request); }
                        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException) { await CreateTableAsync(); }
                    }
                }
            """));

    [Fact]
    public Task ConflictAndRequestTimeoutStatusFilters_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Put(PutObjectRequest request)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await _s3.PutObjectAsync(request);
                            return;
                        }
                        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.Conflict)
                        {
                            await Task.Delay(100);
                        }
                        catch (AmazonServiceException ex) when (ex.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.ServiceUnavailable)
                        {
                            await Task.Delay(100);
                        }
                    }
                }
            """));

    [Fact]
    public Task WaitingForATableToBecomeActiveAndConsumerLoops_NotFlagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task WaitActive(string table)
                {
                    while (true)
                    {
                        try
                        {
                            var description = await _ddb.DescribeTableAsync(table);
                            if (description.Table.TableStatus == TableStatus.ACTIVE) return;
                        }
                        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
                        {
                        }

                        await Task.Delay(1000);
                    }
                }

                public async Task Consume(string queueUrl, System.Threading.CancellationToken ct)
                {
                    var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 };
                    while (!ct.IsCancellationRequested)
                    {
                        ReceiveMessageResponse response;
                        try
                        {
                            response = await _sqs.ReceiveMessageAsync(request, ct);
                        }
                        catch (AmazonSQSException ex)
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(5000, ct);
                            continue;
                        }

                        foreach (var message in response.Messages ?? new List<Message>())
                        {
                            await _sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, ct);
                        }
                    }
                }

                public async Task Transact(TransactWriteItemsRequest request)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.TransactWriteItemsAsync(request); return; }
                        catch (TransactionCanceledException) { await Task.Delay(100); }
                        catch (AmazonDynamoDBException ex) when (ex is TransactionConflictException) { await Task.Delay(100); }
                    }
                }
            """));

    // ---------------------------------------------------------------- flagged

    [Fact]
    public Task RequestBuiltInTheLoopOrHandlerThatOnlyReportsTheError_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task Put(string id)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        var request = new PutItemRequest { TableName = "t", Item = new() { ["id"] = new AttributeValue { S = id } } };
                        try { await _ddb.PutItemAsync(request); return; }
                        catch ({|#0:AmazonDynamoDBException|} ex)
                        {
                            await _sqs.SendMessageAsync("errors", ex.Message);
                            await Task.Delay(100);
                        }
                    }
                }

                public async Task Save(string id)
                {
                    while (true)
                    {
                        try { await _ddb.PutItemAsync(new PutItemRequest { TableName = "t", Item = new() { ["id"] = new AttributeValue { S = id } } }); return; }
                        catch ({|#1:AmazonServiceException|} ex) when (ex.StatusCode == HttpStatusCode.Conflict || ex.StatusCode == HttpStatusCode.BadRequest)
                        {
                            await _ddb.PutItemAsync(new PutItemRequest { TableName = "t", Item = new() { ["id"] = new AttributeValue { S = id } } });
                        }
                    }
                }
            """),
            At(0),
            At(1));

    [Fact]
    public Task ForLoopRetryWithBreak_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task<ScanResponse?> Scan()
                {
                    ScanResponse? response = null;
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            response = await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                            break;
                        }
                        catch ({|#0:AmazonServiceException|})
                        {
                            await Task.Delay(100 * (1 << attempt));
                        }
                    }

                    return response;
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The retry loop retries 'ScanAsync' on any 'AmazonServiceException', including 4xx client errors that fail the same way again; retry only server errors (5xx) and throttling"));

    private const string HighLevelUsings = """
        using Amazon.DynamoDBv2.DataModel;
        using Amazon.DynamoDBv2.DocumentModel;
        using Amazon.S3.Transfer;

        """;

    [Fact]
    public Task HighLevelApisInRetryLoops_Flagged()
        => Verify.VerifyAnalyzerAsync(HighLevelUsings + InClass("""
                public async Task Save(IDynamoDBContext context, Order order)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await context.SaveAsync(order);
                            return;
                        }
                        catch ({|#0:AmazonDynamoDBException|})
                        {
                            await Task.Delay(100 * attempt);
                        }
                    }
                }

                public async Task Upload(ITransferUtility transfer, string path)
                {
                    while (true)
                    {
                        try
                        {
                            await transfer.UploadAsync(path, "bucket");
                            break;
                        }
                        catch ({|#1:AmazonS3Exception|} ex)
                        {
                            Console.WriteLine(ex.Message);
                        }
                    }
                }

                public async Task<Document> Put(Table table, Document item)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try
                        {
                            return await table.PutItemAsync(item);
                        }
                        catch ({|#2:AmazonServiceException|}) when (attempt < 5)
                        {
                        }
                    }
                }
            }

            [DynamoDBTable("Orders")]
            public class Order
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The retry loop retries 'SaveAsync' on any 'AmazonDynamoDBException', including 4xx client errors that fail the same way again; retry only server errors (5xx) and throttling"),
            At(1),
            At(2));

    [Fact]
    public Task HighLevelApisPerItemOrOnServerErrorsOrOnAFake_NotFlagged()
        => Verify.VerifyAnalyzerAsync(HighLevelUsings + InClass("""
                public async Task SaveAll(IDynamoDBContext context, List<Order> orders)
                {
                    foreach (var order in orders)
                    {
                        try
                        {
                            await context.SaveAsync(order);
                        }
                        catch (AmazonDynamoDBException ex)
                        {
                            Console.WriteLine($"{order.Id}: {ex.Message}");
                        }
                    }
                }

                public async Task Save(IDynamoDBContext context, Order order)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await context.SaveAsync(order);
                            return;
                        }
                        catch (AmazonDynamoDBException ex) when ((int)ex.StatusCode >= 500)
                        {
                            await Task.Delay(100 * attempt);
                        }
                    }
                }

                public async Task SaveToFake(FakeContext context, Order order)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            await context.SaveAsync(order);
                            return;
                        }
                        catch (InvalidOperationException)
                        {
                        }
                    }
                }
            }

            public class FakeContext
            {
                public Task SaveAsync<T>(T item) => Task.CompletedTask;
            }

            [DynamoDBTable("Orders")]
            public class Order
            {
                [DynamoDBHashKey] public string Id { get; set; } = "";
            """));

    [Fact]
    public Task WhileTrueRetryWithReturnAndConditionalRethrow_Flagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<GetItemResponse> Get(GetItemRequest request)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try
                        {
                            return await _ddb.GetItemAsync(request);
                        }
                        catch ({|AWSBP020:AmazonDynamoDBException|} ex)
                        {
                            if (++attempt >= 3)
                            {
                                throw;
                            }

                            Console.WriteLine(ex.Message);
                            await Task.Delay(200);
                        }
                    }
                }
            """));

    [Fact]
    public Task DoWhileWithSuccessFlag_Flagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task Put(PutItemRequest request)
                {
                    var succeeded = false;
                    var attempts = 0;
                    do
                    {
                        try
                        {
                            await _ddb.PutItemAsync(request);
                            succeeded = true;
                        }
                        catch ({|AWSBP020:AmazonServiceException|} ex) when (attempts++ < 5)
                        {
                            Console.WriteLine(ex.ErrorCode);
                        }
                    }
                    while (!succeeded);
                }
            """));

    [Fact]
    public Task ContinueInCatchAndBreakAfterTry_Flagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<GetObjectResponse> Get()
                {
                    GetObjectResponse response;
                    while (true)
                    {
                        try
                        {
                            response = await _s3.GetObjectAsync("bucket", "key");
                        }
                        catch ({|AWSBP020:AmazonS3Exception|})
                        {
                            await Task.Delay(500);
                            continue;
                        }

                        break;
                    }

                    return response;
                }
            """));

    [Fact]
    public Task ForEachOverRetryCounterOrBackoffSchedule_Flagged()
        => Verify.VerifyAnalyzerAsync(InClass("""
                public async Task<ScanResponse?> Range()
                {
                    foreach (var attempt in Enumerable.Range(0, 3))
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch ({|AWSBP020:AmazonServiceException|}) { await Task.Delay(100 * attempt); }
                    }

                    return null;
                }

                public async Task<ScanResponse?> Schedule()
                {
                    foreach (var delay in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) })
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch ({|AWSBP020:AmazonServiceException|}) { await Task.Delay(delay); }
                    }

                    return null;
                }
            """));

    [Fact]
    public Task GenericRetryHelperInvokingADelegate_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public static async Task<T> RetryAsync<T>(Func<Task<T>> action, int maxAttempts = 3)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await action();
                        }
                        catch ({|#0:AmazonServiceException|}) when (attempt < maxAttempts)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)));
                        }
                    }
                }

                public static async Task<T> RetryAnyAsync<T>(Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(); }
                        catch (Exception) when (attempt < 3) { await Task.Delay(100); }
                    }
                }

                public static async Task<T> RetryTransientAsync<T>(Func<Task<T>> action)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try { return await action(); }
                        catch (AmazonServiceException ex) when (attempt < 3 && ex.ErrorType == ErrorType.Receiver) { await Task.Delay(100); }
                    }
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The retry loop retries 'action' on any 'AmazonServiceException', including 4xx client errors that fail the same way again; retry only server errors (5xx) and throttling"));

    [Fact]
    public Task FourXxOnlyExceptionTypes_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task Put(PutItemRequest request)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.PutItemAsync(request); return; }
                        catch ({|#0:ConditionalCheckFailedException|}) { await Task.Delay(100); }
                        catch ({|#1:Amazon.DynamoDBv2.Model.ResourceNotFoundException|}) when (attempt < 2) { await Task.Delay(100); }
                    }
                }

                public async Task<GetObjectResponse> Get()
                {
                    while (true)
                    {
                        // Without a delay this is not a waiter: it hammers S3 until the key exists.
                        try { return await _s3.GetObjectAsync("bucket", "key"); }
                        catch ({|#2:NoSuchKeyException|}) { }
                    }
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The retry loop retries 'PutItemAsync' on 4xx client errors ('ConditionalCheckFailedException') that fail the same way again; retry only server errors (5xx) and throttling"),
            At(1),
            At(2));

    [Fact]
    public Task FiltersSelectingClientErrors_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task<GetObjectResponse> Get()
                {
                    while (true)
                    {
                        try { return await _s3.GetObjectAsync("bucket", "key"); }
                        catch ({|#0:AmazonS3Exception|} ex) when ((int)ex.StatusCode == 400 || (int)ex.StatusCode >= 500) { await Task.Delay(1000); }
                        catch ({|#1:AmazonServiceException|} ex) when (ex.ErrorType == ErrorType.Sender) { await Task.Delay(1000); }
                        catch ({|#2:AmazonServiceException|} ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound) { await Task.Delay(1000); }
                        catch ({|#3:AmazonServiceException|} ex) when (!(ex.Retryable?.Throttling == true)) { await Task.Delay(1000); }
                    }
                }

                public async Task Put(PutObjectRequest request)
                {
                    while (true)
                    {
                        // A write retried on not-found is not a waiter: the bucket will not appear by itself.
                        try { await _s3.PutObjectAsync(request); return; }
                        catch ({|#4:AmazonS3Exception|} ex) when (ex.StatusCode == HttpStatusCode.NotFound) { await Task.Delay(1000); }
                        catch ({|#5:AmazonServiceException|} ex) when (ex.ErrorCode == "NoSuchBucket") { await Task.Delay(1000); }
                    }
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The retry loop retries 'GetObjectAsync' on 4xx client errors (selected by the filter on 'AmazonS3Exception') that fail the same way again; retry only server errors (5xx) and throttling"),
            At(1),
            At(2),
            At(3),
            At(4),
            At(5));

    [Fact]
    public Task Waiters_PollingAReadWithADelayUntilNotFoundStops_AreNotFlagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task<GetObjectMetadataResponse> WaitForReport(string key)
                {
                    while (true)
                    {
                        try { return await _s3.GetObjectMetadataAsync("reports", key); }
                        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound) { await Task.Delay(TimeSpan.FromSeconds(5)); }
                    }
                }

                public async Task WaitForTable(string table)
                {
                    for (var attempt = 0; attempt < 60; attempt++)
                    {
                        try
                        {
                            var description = await _ddb.DescribeTableAsync(table);
                            if (description.Table.TableStatus == TableStatus.ACTIVE) { return; }
                        }
                        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException) { }

                        await Task.Delay(1000);
                    }
                }

                public async Task<GetObjectResponse> WaitForKey(string key, int timeoutAttempts)
                {
                    var attempt = 0;
                    while (true)
                    {
                        try { return await _s3.GetObjectAsync("exports", key); }
                        catch (NoSuchKeyException) when (attempt++ < timeoutAttempts) { System.Threading.Thread.Sleep(2000); }
                        catch (AmazonS3Exception ex) when (ex is { ErrorCode: "NotFound" } || ex.ErrorCode == "NoSuchKey") { await Task.Delay(2000); }
                    }
                }
            """));

    [Fact]
    public Task APollThatAlsoRetriesOtherClientErrors_IsStillFlagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public async Task<GetObjectMetadataResponse> WaitForReport(string key)
                {
                    while (true)
                    {
                        try { return await _s3.GetObjectMetadataAsync("reports", key); }
                        catch ({|#0:AmazonS3Exception|} ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex.StatusCode == HttpStatusCode.Forbidden) { await Task.Delay(5000); }
                        catch ({|#1:AmazonS3Exception|} ex) when (ex.StatusCode == HttpStatusCode.NotFound || DateTime.UtcNow.Hour > 1) { await Task.Delay(5000); }
                    }
                }
            """),
            At(0),
            At(1));

    [Fact]
    public Task PollyV7PoliciesWithoutServerErrorPredicate_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public void Build()
                {
                    var a = Polly.Policy.{|#0:Handle<AmazonServiceException>|}().WaitAndRetryAsync(3, i => TimeSpan.FromSeconds(Math.Pow(2, i)));
                    var b = Polly.Policy.Handle<TimeoutException>().{|#1:Or<AmazonS3Exception>|}().RetryAsync(3);
                    var c = Polly.Policy<GetItemResponse>.{|#2:Handle<AmazonDynamoDBException>|}().RetryForeverAsync();
                    var d = Polly.Policy.{|#3:Handle<AmazonS3Exception>|}(ex => ex.StatusCode == HttpStatusCode.NotFound).WaitAndRetry(3, i => TimeSpan.FromSeconds(i));
                    var e = Polly.Policy.{|#4:Handle<ConditionalCheckFailedException>|}().Retry(2);
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The Polly retry policy retries its AWS calls on any 'AmazonServiceException', including 4xx client errors that fail the same way again; retry only server errors (5xx) and throttling"),
            At(1),
            At(2),
            At(3),
            At(4));

    [Fact]
    public Task PollyV8RetryStrategyWithoutServerErrorPredicate_Flagged()
        => Verify.VerifyAnalyzerAsync(
            InClass("""
                public void Build()
                {
                    var pipeline = new Polly.ResiliencePipelineBuilder()
                        .AddRetry(new Polly.Retry.RetryStrategyOptions
                        {
                            ShouldHandle = new Polly.PredicateBuilder().{|#0:Handle<AmazonServiceException>|}().Handle<TimeoutException>(),
                            MaxRetryAttempts = 3,
                        })
                        .Build();
                    var typed = new Polly.ResiliencePipelineBuilder<GetItemResponse>()
                        .AddRetry(new Polly.Retry.RetryStrategyOptions<GetItemResponse>
                        {
                            ShouldHandle = new Polly.PredicateBuilder<GetItemResponse>().{|#1:Handle<AmazonDynamoDBException>|}(ex => ex.ErrorType == ErrorType.Sender),
                        })
                        .Build();
                }
            """),
            Verify.Diagnostic(DoNotRetryClientErrorsAnalyzer.Rule).WithLocation(0)
                .WithMessage("The Polly retry strategy retries its AWS calls on any 'AmazonServiceException', including 4xx client errors that fail the same way again; retry only server errors (5xx) and throttling"),
            At(1));

    [Fact]
    public async Task TopLevelStatementsRetryLoop_Flagged()
    {
        var test = Verify.CreateTest();
        test.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.TestCode = """
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;

            IAmazonS3 s3 = new AmazonS3Client();
            for (var i = 0; i < 3; i++)
            {
                try
                {
                    await s3.PutBucketAsync(new PutBucketRequest { BucketName = "my-bucket" });
                    break;
                }
                catch ({|AWSBP020:AmazonS3Exception|})
                {
                    await Task.Delay(1000);
                }
            }
            """;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task SdkV3S3RetryLoop_Flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Net;
            using System.Threading.Tasks;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Store
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();

                public async Task<GetObjectResponse> Get()
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try { return await _s3.GetObjectAsync("bucket", "key"); }
                        catch ({|AWSBP020:AmazonServiceException|}) when (attempt < 3) { await Task.Delay(100); }
                    }
                }

                public async Task<GetObjectResponse> GetKey()
                {
                    while (true)
                    {
                        try { await _s3.DeleteObjectAsync("bucket", "key"); return new GetObjectResponse(); }
                        catch ({|AWSBP020:NoSuchBucketException|}) { await Task.Delay(100); }
                        catch (AmazonS3Exception ex) when (ex.StatusCode >= HttpStatusCode.InternalServerError) { await Task.Delay(100); }
                    }
                }
            }
            """,
            AwsSdk.V3);

    // ---------------------------------------------------------------- fix

    private const string Filter = "(int)ex.StatusCode >= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true";

    [Fact]
    public Task Fix_AddsFilterToCatchWithVariable()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task<ScanResponse?> Scan()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            return await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                        }
                        catch ({|AWSBP020:AmazonServiceException|} ex) // retry
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(100);
                        }
                    }

                    return null;
                }
            """),
            InClass("""
                public async Task<ScanResponse?> Scan()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try
                        {
                            return await _ddb.ScanAsync(new ScanRequest { TableName = "t" });
                        }
                        catch (AmazonServiceException ex) when (FILTER) // retry
                        {
                            Console.WriteLine(ex.Message);
                            await Task.Delay(100);
                        }
                    }

                    return null;
                }
            """.Replace("FILTER", Filter)));

    [Fact]
    public Task Fix_IntroducesVariableAndAddsUsing()
        => Verify.VerifyCodeFixAsync(
            """
            // Copyright header
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;

            namespace App;

            public class Store(IAmazonS3 s3)
            {
                public async Task<GetObjectResponse> Get()
                {
                    while (true)
                    {
                        try { return await s3.GetObjectAsync("bucket", "key"); }
                        catch ({|AWSBP020:AmazonS3Exception|}) { await Task.Delay(100); }
                    }
                }
            }
            """,
            """
            // Copyright header
            using System.Net;
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;

            namespace App;

            public class Store(IAmazonS3 s3)
            {
                public async Task<GetObjectResponse> Get()
                {
                    while (true)
                    {
                        try { return await s3.GetObjectAsync("bucket", "key"); }
                        catch (AmazonS3Exception ex) when (FILTER) { await Task.Delay(100); }
                    }
                }
            }
            """.Replace("FILTER", Filter));

    [Fact]
    public Task Fix_AvoidsNameClashes()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task<ScanResponse> Scan()
                {
                    var ex = "not an exception";
                    while (true)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = ex }); }
                        catch ({|AWSBP020:AmazonDynamoDBException|}) { await Task.Delay(100); }
                    }
                }

                public async Task<ScanResponse> LaterLocal()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch ({|AWSBP020:AmazonDynamoDBException|}) { var exception = 1; await Task.Delay(exception); }
                        var ex = 2;
                        Console.WriteLine(ex);
                    }

                    throw new InvalidOperationException();
                }
            """),
            InClass("""
                public async Task<ScanResponse> Scan()
                {
                    var ex = "not an exception";
                    while (true)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = ex }); }
                        catch (AmazonDynamoDBException exception) when (FILTER) { await Task.Delay(100); }
                    }
                }

                public async Task<ScanResponse> LaterLocal()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }); }
                        catch (AmazonDynamoDBException ex2) when (FILTER_2) { var exception = 1; await Task.Delay(exception); }
                        var ex = 2;
                        Console.WriteLine(ex);
                    }

                    throw new InvalidOperationException();
                }
            """.Replace("FILTER_2", Filter.Replace("ex.", "ex2.")).Replace("FILTER", Filter.Replace("ex.", "exception."))));

    [Fact]
    public Task Fix_NarrowsAFilterThatDoesNotLookAtTheError()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public async Task<ScanResponse> Scan(System.Threading.CancellationToken token)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }, token); }
                        catch ({|AWSBP020:AmazonServiceException|}) when (attempt < 3) { await Task.Delay(100); }
                        catch ({|AWSBP020:AmazonDynamoDBException|} e) when (attempt < 5 || !token.IsCancellationRequested) { await Task.Delay(100); }
                        catch ({|AWSBP020:AmazonS3Exception|} /* S3 */)
                            when (attempt < 2) // two more
                        {
                            await Task.Delay(100);
                        }
                        catch ({|AWSBP020:Amazon.SQS.AmazonSQSException|} ex) when (ex.StatusCode != HttpStatusCode.NotFound) { await Task.Delay(100); }
                    }
                }
            """),
            InClass("""
                public async Task<ScanResponse> Scan(System.Threading.CancellationToken token)
                {
                    for (var attempt = 0; ; attempt++)
                    {
                        try { return await _ddb.ScanAsync(new ScanRequest { TableName = "t" }, token); }
                        catch (AmazonServiceException ex) when (attempt < 3 && (FILTER)) { await Task.Delay(100); }
                        catch (AmazonDynamoDBException e) when ((attempt < 5 || !token.IsCancellationRequested) && (FILTER_E)) { await Task.Delay(100); }
                        catch (AmazonS3Exception ex /* S3 */)
                            when (attempt < 2 && (FILTER)) // two more
                        {
                            await Task.Delay(100);
                        }
                        catch (Amazon.SQS.AmazonSQSException ex) when (ex.StatusCode != HttpStatusCode.NotFound && (FILTER)) { await Task.Delay(100); }
                    }
                }
            """.Replace("FILTER_E", Filter.Replace("ex.", "e.")).Replace("FILTER", Filter)));

    [Fact]
    public Task Fix_PollyV7AndV8()
        => Verify.VerifyCodeFixAsync(
            InClass("""
                public static readonly AsyncPolicy Legacy = Policy
                    .{|AWSBP020:Handle<AmazonServiceException>|}()
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

                public static readonly ISyncPolicy Chain = Policy.{|AWSBP020:Handle<AmazonDynamoDBException>|}().{|AWSBP020:Or<AmazonS3Exception>|}().Retry();

                public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new Polly.Retry.RetryStrategyOptions { ShouldHandle = new PredicateBuilder().{|AWSBP020:Handle<AmazonS3Exception>|}() })
                    .Build();
            """),
            InClass("""
                public static readonly AsyncPolicy Legacy = Policy
                    .Handle<AmazonServiceException>(ex => FILTER)
                    .WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(Math.Pow(2, attempt)));

                public static readonly ISyncPolicy Chain = Policy.Handle<AmazonDynamoDBException>(ex => FILTER).Or<AmazonS3Exception>(ex => FILTER).Retry();

                public static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
                    .AddRetry(new Polly.Retry.RetryStrategyOptions { ShouldHandle = new PredicateBuilder().Handle<AmazonS3Exception>(ex => FILTER) })
                    .Build();
            """.Replace("FILTER", Filter)));

    [Fact]
    public Task Fix_FileWithoutUsings()
        => Verify.VerifyCodeFixAsync(
            """
            namespace App
            {
                public class Store
                {
                    public async System.Threading.Tasks.Task Put(Amazon.S3.IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch ({|AWSBP020:Amazon.Runtime.AmazonServiceException|} e) { await System.Threading.Tasks.Task.Delay(10); }
                        }
                    }
                }
            }
            """,
            """
            using System.Net;

            namespace App
            {
                public class Store
                {
                    public async System.Threading.Tasks.Task Put(Amazon.S3.IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch (Amazon.Runtime.AmazonServiceException e) when ((int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.TooManyRequests || e.Retryable?.Throttling == true) { await System.Threading.Tasks.Task.Delay(10); }
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Fix_QualifiesHttpStatusCodeWhenTheNameIsTakenOrTheUsingWouldBeAmbiguous()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                namespace App
                {
                    public enum HttpStatusCode { Ok }

                    public class Store
                    {
                        public async Task Put(IAmazonS3 s3)
                        {
                            while (true)
                            {
                                try { await s3.PutBucketAsync("b"); return; }
                                catch ({|AWSBP020:AmazonServiceException|} ex) { await Task.Delay(10); }
                            }
                        }
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;
                using Lib;

                namespace Lib
                {
                    public class WebClient { }
                }

                public class Downloader
                {
                    private readonly WebClient _client = new WebClient();

                    public async Task Put(IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch ({|AWSBP020:AmazonServiceException|} ex) { await Task.Delay(10); }
                        }
                    }
                }
                """,
            },
            new[]
            {
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                namespace App
                {
                    public enum HttpStatusCode { Ok }

                    public class Store
                    {
                        public async Task Put(IAmazonS3 s3)
                        {
                            while (true)
                            {
                                try { await s3.PutBucketAsync("b"); return; }
                                catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500 || ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true) { await Task.Delay(10); }
                            }
                        }
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;
                using Lib;

                namespace Lib
                {
                    public class WebClient { }
                }

                public class Downloader
                {
                    private readonly WebClient _client = new WebClient();

                    public async Task Put(IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch (AmazonServiceException ex) when ((int)ex.StatusCode >= 500 || ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true) { await Task.Delay(10); }
                        }
                    }
                }
                """,
            });

    [Fact]
    public async Task Fix_NotOfferedForClientErrorTypesAndFilters()
    {
        var source = InClass("""
                public async Task Put(PutItemRequest request)
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { await _ddb.PutItemAsync(request); return; }
                        catch ({|AWSBP020:ConditionalCheckFailedException|}) { await Task.Delay(100); }
                        catch ({|AWSBP020:AmazonDynamoDBException|} ex) when (ex.StatusCode == HttpStatusCode.BadRequest) { await Task.Delay(100); }
                    }
                }

                public IAsyncPolicy Policy404 = Policy.{|AWSBP020:Handle<AmazonS3Exception>|}(ex => ex.StatusCode == HttpStatusCode.NotFound).RetryAsync(3);
            """);
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.FixedCode = source;
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_SdkV3()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Threading.Tasks;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Store
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();

                public async Task<GetObjectResponse?> Get()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _s3.GetObjectAsync("bucket", "key"); }
                        catch ({|AWSBP020:AmazonServiceException|} ex) { System.Console.WriteLine(ex.ErrorCode); await Task.Delay(100); }
                    }

                    return null;
                }
            }
            """,
            """
            using System.Net;
            using System.Threading.Tasks;
            using Amazon.Runtime;
            using Amazon.S3;
            using Amazon.S3.Model;

            public class Store
            {
                private readonly IAmazonS3 _s3 = new AmazonS3Client();

                public async Task<GetObjectResponse?> Get()
                {
                    for (var attempt = 0; attempt < 3; attempt++)
                    {
                        try { return await _s3.GetObjectAsync("bucket", "key"); }
                        catch (AmazonServiceException ex) when (FILTER) { System.Console.WriteLine(ex.ErrorCode); await Task.Delay(100); }
                    }

                    return null;
                }
            }
            """.Replace("FILTER", Filter),
            AwsSdk.V3);

    [Fact]
    public Task FixAll_AcrossDocumentsWithNestedRetryLoops()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                public class A
                {
                    public async Task Copy(IAmazonS3 s3)
                    {
                        for (var outer = 0; outer < 3; outer++)
                        {
                            try
                            {
                                await s3.PutBucketAsync("target");
                                break;
                            }
                            catch ({|AWSBP020:AmazonServiceException|})
                            {
                                for (var inner = 0; inner < 3; inner++)
                                {
                                    try
                                    {
                                        await s3.PutBucketAsync("target"); // the same call again, nested in the handler
                                        break;
                                    }
                                    catch ({|AWSBP020:AmazonS3Exception|})
                                    {
                                        await Task.Delay(10);
                                    }
                                }
                            }
                        }
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                public class B
                {
                    public async Task Create(IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch ({|AWSBP020:AmazonS3Exception|}) { await Task.Delay(10); }
                        }
                    }
                }
                """,
            },
            new[]
            {
                """
                using System.Net;
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                public class A
                {
                    public async Task Copy(IAmazonS3 s3)
                    {
                        for (var outer = 0; outer < 3; outer++)
                        {
                            try
                            {
                                await s3.PutBucketAsync("target");
                                break;
                            }
                            catch (AmazonServiceException ex) when (FILTER)
                            {
                                for (var inner = 0; inner < 3; inner++)
                                {
                                    try
                                    {
                                        await s3.PutBucketAsync("target"); // the same call again, nested in the handler
                                        break;
                                    }
                                    catch (AmazonS3Exception exception) when (FILTER_2)
                                    {
                                        await Task.Delay(10);
                                    }
                                }
                            }
                        }
                    }
                }
                """.Replace("FILTER_2", Filter.Replace("ex.", "exception.")).Replace("FILTER", Filter),
                """
                using System.Net;
                using System.Threading.Tasks;
                using Amazon.Runtime;
                using Amazon.S3;

                public class B
                {
                    public async Task Create(IAmazonS3 s3)
                    {
                        while (true)
                        {
                            try { await s3.PutBucketAsync("b"); return; }
                            catch (AmazonS3Exception ex) when (FILTER) { await Task.Delay(10); }
                        }
                    }
                }
                """.Replace("FILTER", Filter),
            });

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
                        try { await _ddb.ScanAsync(new ScanRequest { TableName = }); break; }
                        catch (AmazonServiceException ex) when (ex.StatusCod >= 500) { await Task.Delay(100); }
                        catch (UnknownException) { await Task.Delay(100); }
                        catch ({|AWSBP020:AmazonDynamoDBException|} ex) when ( { }
                    }

                    while (true)
                    {
                        try { await _ddb.Scan(); break; }
                        catch (AmazonServiceException) { continue }
                    }

                    var p = Polly.Policy.Handle<>().RetryAsync(;
                    var q = Polly.Policy.Handle<AmazonServiceException>(ex => ex.).RetryAsync(3);
                    var r = new Polly.Retry.RetryStrategyOptions { ShouldHandle = new Polly.PredicateBuilder().{|AWSBP020:Handle<AmazonServiceException>|}(
                }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        test.ExpectedDiagnostics.Clear();
        await test.RunAsync(CancellationToken.None);
    }
}
