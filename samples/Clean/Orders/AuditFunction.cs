using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.S3;
using Amazon.S3.Model;

namespace Clean.Orders;

/// <summary>The audit trail, with every AWS call awaited before the handler returns.</summary>
public class AuditFunction
{
    private const string AuditTable = "order-audit";
    private const string ArchiveBucket = "orders-archive";

    private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient();
    private static readonly IAmazonS3 S3 = new AmazonS3Client();

    // A warm-up read in a static initializer runs once per execution environment, not per invocation: not a finding.
    private static readonly string AuditTableStatus = Dynamo.DescribeTableAsync(AuditTable).GetAwaiter().GetResult().Table.TableStatus.Value;

    public async Task<string> RecordAudit(OrderEvent order, ILambdaContext context)
    {
        var response = await Dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = AuditTable,
            Item = new Dictionary<string, AttributeValue>
            {
                ["OrderId"] = new AttributeValue { S = order.OrderId },
                ["RequestId"] = new AttributeValue { S = context.AwsRequestId },
            },
        });
        return $"{response.HttpStatusCode} ({AuditTableStatus})";
    }

    public async Task<OrderResult> ArchiveOrder(OrderEvent order, ILambdaContext context)
    {
        var body = JsonSerializer.Serialize(order);
        // Both calls run concurrently and both finish before the handler returns.
        var archive = S3.PutObjectAsync(new PutObjectRequest { BucketName = ArchiveBucket, Key = $"orders/{order.OrderId}.json", ContentBody = body });
        var mark = Dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = AuditTable,
            Key = new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = order.OrderId } },
            UpdateExpression = "SET Archived = :true",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":true"] = new AttributeValue { BOOL = true } },
        });
        await Task.WhenAll(archive, mark);
        return new OrderResult(order.OrderId, "Archived");
    }
}
