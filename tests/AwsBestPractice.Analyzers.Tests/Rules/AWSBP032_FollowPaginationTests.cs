using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.FollowPagination.FollowPaginationAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.FollowPagination.FollowPaginationFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class FollowPaginationTests
{
    private const string DynamoUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        """;

    private const string S3Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private const string Ec2Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Amazon.EC2;
        using Amazon.EC2.Model;
        """;

    private static string Dynamo(string body, string members = "") => Code.InMethod(body, "IAmazonDynamoDB dynamo, string table", DynamoUsings, members);

    private static string S3(string body, string members = "") => Code.InMethod(body, "IAmazonS3 s3, string bucket, CancellationToken cancellationToken", S3Usings, members);

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task AScanLoopThatFeedsTheKeyBackIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            Dictionary<string, AttributeValue>? startKey = null;
            var items = new List<Dictionary<string, AttributeValue>>();
            do
            {
                var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = startKey });
                items.AddRange(page.Items ?? []);
                startKey = page.LastEvaluatedKey;
            }
            while (startKey is { Count: > 0 });
            """));

    [Fact]
    public Task AQueryThatAssignsTheKeyToTheRequestIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var request = new QueryRequest { TableName = table, KeyConditionExpression = "pk = :pk" };
            QueryResponse response;
            do
            {
                response = await dynamo.QueryAsync(request);
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (response.LastEvaluatedKey?.Count > 0);
            """));

    [Theory]
    [InlineData("new ScanRequest { TableName = table, Limit = 25 }")]
    [InlineData("new QueryRequest { TableName = table, KeyConditionExpression = \"pk = :pk\", Limit = 1 }")]
    public Task APageSizeWithoutAFilterIsADeliberateSinglePage(string request)
        => Verify.VerifyAnalyzerAsync(Dynamo($"var response = await dynamo.{(request.Contains("Scan") ? "ScanAsync" : "QueryAsync")}({request});\nConsole.WriteLine(response.Items.Count);"));

    [Fact]
    public Task ATokenHandedBackToTheCallerIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token });
            return (response.S3Objects ?? new List<S3Object>(), response.NextContinuationToken);
            """, "IAmazonS3 s3, string bucket, string? token", S3Usings).Replace("public async Task RunAsync", "public async Task<(List<S3Object>, string?)> RunAsync"));

    [Fact]
    public Task AResponseReturnedWholeIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(Dynamo("var response = await dynamo.ScanAsync(new ScanRequest { TableName = table });\nKeep(response);", "private static void Keep(ScanResponse response) { }\n"));

    [Fact]
    public Task ARequestThatNamesItsTargetsHasOnePage()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { id } });
            Console.WriteLine(response.Reservations.Count);
            """, "IAmazonEC2 ec2, string id", Ec2Usings));

    [Fact]
    public Task ListBucketsAndUnpaginatedCallsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var buckets = await s3.ListBucketsAsync();
            var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = "t" });
            var batch = await dynamo.BatchGetItemAsync(new BatchGetItemRequest());
            Console.WriteLine(buckets.Buckets.Count + item.Item.Count + batch.Responses.Count);
            """, "IAmazonS3 s3, Amazon.DynamoDBv2.IAmazonDynamoDB dynamo", S3Usings + "\nusing Amazon.DynamoDBv2.Model;"));

    [Fact]
    public Task ARequestTheMethodDidNotCreateIsNotJudged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await s3.ListObjectsV2Async(request);
            Console.WriteLine(response.S3Objects.Count);
            """, "IAmazonS3 s3, ListObjectsV2Request request", S3Usings));

    [Fact]
    public Task AnUnfilteredScanWhoseItemsAreAllDeletedIsLeftToAwsbp030()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var response = await dynamo.ScanAsync(new ScanRequest { TableName = table });
            foreach (var item in response.Items)
            {
                await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = new Dictionary<string, AttributeValue> { ["Id"] = item["Id"] } });
            }
            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task AScanReadAsTheWholeTableIsFlaggedAndFixedWithThePages()
        => Verify.VerifyCodeFixAsync(
            Dynamo("""
                var request = new ScanRequest { TableName = table };
                // every order
                var response = await {|#0:dynamo.ScanAsync(request)|};
                foreach (var item in response.Items)
                {
                    Console.WriteLine(item["Id"].S);
                }
                """),
            new[] { Verify.Diagnostic("AWSBP032").WithLocation(0).WithArguments("Scan", "never reads LastEvaluatedKey", "Scan") },
            Dynamo("""
                var request = new ScanRequest { TableName = table };
                // every order
                await foreach (var response in dynamo.Paginators.Scan(request).Responses)
                {
                    foreach (var item in response.Items)
                    {
                        Console.WriteLine(item["Id"].S);
                    }
                }
                """));

    [Fact]
    public Task AListOfObjectsIsFixedWithThePaginatorsItems()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var response = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "orders/" }, cancellationToken)|]; // all orders
                foreach (var item in response.S3Objects)
                {
                    Console.WriteLine(item.Key);
                }
                """),
            S3("""
                // all orders
                await foreach (var item in s3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = bucket, Prefix = "orders/" }).S3Objects.WithCancellation(cancellationToken))
                {
                    Console.WriteLine(item.Key);
                }
                """));

    [Fact]
    public Task AFilterMakesALimitNoSinglePage()
        => Verify.VerifyAnalyzerAsync(Dynamo("""
            var response = await [|dynamo.QueryAsync(new QueryRequest { TableName = table, KeyConditionExpression = "pk = :pk", FilterExpression = "active = :t", Limit = 1 })|];
            Console.WriteLine(response.Items.FirstOrDefault());
            """));

    [Fact]
    public Task ALoopThatTestsTheFlagButNeverFeedsTheTokenIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            var request = new ListObjectsV2Request { BucketName = bucket };
            var count = 0;
            ListObjectsV2Response page;
            do
            {
                page = await {|#0:s3.ListObjectsV2Async(request, cancellationToken)|};
                count += page.KeyCount ?? 0;
            }
            while (page.IsTruncated == true);
            """), Verify.Diagnostic("AWSBP032").WithLocation(0).WithArguments("ListObjectsV2", "tests IsTruncated or NextContinuationToken but never passes it to the next request, so it reads the first page again", "ListObjectsV2"));

    [Fact]
    public Task ListObjectsV1ThroughItsConvenienceOverloadIsFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("var response = await [|s3.ListObjectsAsync(bucket)|];\nConsole.WriteLine(response.S3Objects.Count);"),
            S3("var response = await [|s3.ListObjectsAsync(bucket)|];\nConsole.WriteLine(response.S3Objects.Count);"));

    [Fact]
    public Task SqsListQueuesIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await [|sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = "orders-" })|];
            Console.WriteLine(string.Join(",", response.QueueUrls ?? []));
            """));

    [Fact]
    public Task Ec2DescribeWithFiltersOnlyIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await [|ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = new List<Filter> { new Filter("tag:env", new List<string> { "prod" }) } })|];
            Console.WriteLine(response.Reservations.Count);
            """, "IAmazonEC2 ec2", Ec2Usings));

    [Fact]
    public Task SsmParametersByPathIsFlagged()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await [|ssm.GetParametersByPathAsync(new GetParametersByPathRequest { Path = "/app/", Recursive = true })|];
            Console.WriteLine(response.Parameters.Count);
            """, "IAmazonSimpleSystemsManagement ssm", "using System;\nusing System.Threading.Tasks;\nusing Amazon.SimpleSystemsManagement;\nusing Amazon.SimpleSystemsManagement.Model;"));

    [Fact]
    public Task SdkV3IsFlaggedToo()
        => Verify.VerifyAnalyzerAsync(
            Code.InMethod("""
                var response = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                Console.WriteLine(response.S3Objects.Count);
                """, "IAmazonS3 s3, string bucket", S3Usings),
            AwsSdk.V3);

    [Fact]
    public Task NoFixWhenTheResponseIsUsedAfterTheLoopOrTheLoopBreaks()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var response = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                foreach (var item in response.S3Objects)
                {
                    if (item.Size > 100)
                    {
                        break;
                    }
                }

                var other = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                foreach (var item in other.S3Objects)
                {
                }

                Console.WriteLine(other.KeyCount);
                """),
            S3("""
                var response = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                foreach (var item in response.S3Objects)
                {
                    if (item.Size > 100)
                    {
                        break;
                    }
                }

                var other = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                foreach (var item in other.S3Objects)
                {
                }

                Console.WriteLine(other.KeyCount);
                """));

    [Fact]
    public Task FixAllRewritesEveryCallOfTheDocument()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                S3("""
                    var a = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })|];
                    foreach (var item in a.S3Objects)
                    {
                        Console.WriteLine(item.Key);
                    }

                    var b = await [|s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "archive" })|];
                    foreach (var item in b.S3Objects)
                    {
                        Console.WriteLine(item.Key);
                    }
                    """),
            },
            new[]
            {
                S3("""
                    await foreach (var item in s3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = bucket }).S3Objects)
                    {
                        Console.WriteLine(item.Key);
                    }

                    await foreach (var item in s3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = "archive" }).S3Objects)
                    {
                        Console.WriteLine(item.Key);
                    }
                    """),
            });
}
