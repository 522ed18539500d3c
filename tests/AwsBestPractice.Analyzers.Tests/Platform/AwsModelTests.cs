using System.Collections.Generic;
using System.Linq;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Platform;

/// <summary>The AWS model read from the SDK's symbols: paginators, continuation and page-size members, batch responses.</summary>
public class AwsModelTests
{
    private const string V4Calls = """
        using System.Threading.Tasks;
        using Amazon.DynamoDBv2;
        using Amazon.DynamoDBv2.Model;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.SQS;
        using Amazon.SQS.Model;
        class C
        {
            async Task M(IAmazonDynamoDB dynamo, AmazonS3Client s3, IAmazonSQS sqs)
            {
                await dynamo.ScanAsync(new ScanRequest());
                await dynamo.PutItemAsync(new PutItemRequest());
                await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest());
                await dynamo.BatchGetItemAsync(new BatchGetItemRequest());
                await s3.ListObjectsV2Async(new ListObjectsV2Request());
                await s3.ListObjectsAsync(new ListObjectsRequest());
                await sqs.ListQueuesAsync(new ListQueuesRequest());
                await sqs.SendMessageBatchAsync(new SendMessageBatchRequest());
            }
        }
        """;

    private static Dictionary<string, AwsOperation> Calls(string source, AwsSdk sdk)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var compilation = CSharpCompilation.Create("Model", new[] { tree }, ReferenceSets.For(sdk, includeLambda: false), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var symbols = AwsSymbols.TryCreate(compilation)!;
        var model = compilation.GetSemanticModel(tree);
        var result = new Dictionary<string, AwsOperation>();
        foreach (var invocation in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (AwsOperation.TryGet(model.GetOperation(invocation), symbols, out var call))
            {
                result[call.Name] = call;
            }
        }

        return result;
    }

    private static string[] Names(IEnumerable<IPropertySymbol> properties) => properties.Select(p => p.Name).OrderBy(n => n).ToArray();

    [Theory]
    [InlineData("Scan", true)]
    [InlineData("BatchGetItem", true)]
    [InlineData("ListObjectsV2", true)]
    [InlineData("ListQueues", true)]
    [InlineData("PutItem", false)]
    [InlineData("BatchWriteItem", false)]
    [InlineData("SendMessageBatch", false)]
    public void AnOperationIsPaginatedWhenThePaginatorFactoryHasIt(string operation, bool paginated)
        => Assert.Equal(paginated, Paginators.Find(Calls(V4Calls, AwsSdk.V4)[operation]) is not null);

    [Fact]
    public void PaginatorsEnumerateResponsesAndItems()
    {
        var paginator = Paginators.Find(Calls(V4Calls, AwsSdk.V4)["ListObjectsV2"])!;
        Assert.Contains("Responses", Names(Paginators.Enumerables(paginator)));
        Assert.Contains("S3Objects", Names(Paginators.Enumerables(paginator)));
    }

    [Theory]
    [InlineData("Scan", "LastEvaluatedKey")]
    [InlineData("ListObjectsV2", "IsTruncated NextContinuationToken")]
    [InlineData("ListObjects", "IsTruncated NextMarker")]
    [InlineData("ListQueues", "NextToken")]
    [InlineData("PutItem", "")]
    public void ContinuationMembersComeFromTheResponse(string operation, string members)
        => Assert.Equal(members, string.Join(" ", Names(Paginators.ContinuationMembers(Calls(V4Calls, AwsSdk.V4)[operation].ResponseType))));

    [Theory]
    [InlineData("Scan", "Limit")]
    [InlineData("ListObjectsV2", "MaxKeys")]
    [InlineData("ListQueues", "MaxResults")]
    public void PageSizeMembersComeFromTheRequest(string operation, string members)
        => Assert.Equal(members, string.Join(" ", Names(Paginators.PageSizeMembers(Calls(V4Calls, AwsSdk.V4)[operation].RequestArgument!.Parameter!.Type))));

    [Theory]
    [InlineData("BatchWriteItem", "UnprocessedItems")]
    [InlineData("BatchGetItem", "UnprocessedKeys")]
    [InlineData("SendMessageBatch", "Failed")]
    [InlineData("Scan", "")]
    public void BatchResponsesNameWhatWasNotDone(string operation, string members)
        => Assert.Equal(members, string.Join(" ", Names(BatchOperations.UnprocessedMembers(Calls(V4Calls, AwsSdk.V4)[operation].ResponseType))));

    [Fact]
    public void SdkV3HasTheSamePaginators()
    {
        var calls = Calls("""
            using System.Threading.Tasks;
            using Amazon.S3;
            using Amazon.S3.Model;
            class C { async Task M(IAmazonS3 s3) { await s3.ListObjectsV2Async(new ListObjectsV2Request()); } }
            """, AwsSdk.V3);
        Assert.NotNull(Paginators.Find(calls["ListObjectsV2"]));
        Assert.Equal(new[] { "IsTruncated", "NextContinuationToken" }, Names(Paginators.ContinuationMembers(calls["ListObjectsV2"].ResponseType)));
    }

    [Theory]
    [InlineData("ReceiveMessageRequest", "WaitTimeSeconds", 0, 20)]
    [InlineData("ReceiveMessageRequest", "MaxNumberOfMessages", 1, 10)]
    [InlineData("SendMessageBatchRequestEntry", "DelaySeconds", 0, 900)]
    [InlineData("ChangeMessageVisibilityRequest", "VisibilityTimeout", 0, 43200)]
    public void SqsRequestRanges(string type, string property, long min, long max)
    {
        var compilation = CSharpCompilation.Create("Ranges", null, ReferenceSets.Net.AddRange(ReferenceSets.AwsV4));
        var symbol = compilation.GetTypeByMetadataName("Amazon.SQS.Model." + type)!.GetMembers(property).OfType<IPropertySymbol>().Single();
        Assert.True(AwsValueRanges.ForProperty(symbol, out var range));
        Assert.Equal((min, max), (range.Min, range.Max));
        Assert.Equal(max, range.Clamp(max + 1));
        Assert.Equal(min, range.Clamp(min - 1));
    }
}
