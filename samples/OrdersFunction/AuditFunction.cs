using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Core;
using Amazon.S3;
using Amazon.S3.Model;

namespace OrdersFunction;

/// <summary>
/// Records an audit trail for each order: a synchronous handler written before the team moved to async, and a newer one
/// that archives the order "in the background".
/// </summary>
public class AuditFunction
{
    private const string AuditTable = "order-audit";
    private const string ArchiveBucket = "orders-archive";

    private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient();
    private static readonly IAmazonS3 S3 = new AmazonS3Client();

    // Handler string: OrdersFunction::OrdersFunction.AuditFunction::RecordAudit
    public string RecordAudit(OrderEvent order, ILambdaContext context)
    {
        var response = Dynamo.PutItemAsync(new PutItemRequest // AWSBP011: blocks the invocation's thread
        {
            TableName = AuditTable,
            Item = new Dictionary<string, AttributeValue>
            {
                ["OrderId"] = new AttributeValue { S = order.OrderId },
                ["RequestId"] = new AttributeValue { S = context.AwsRequestId },
            },
        }).GetAwaiter().GetResult();
        return response.HttpStatusCode.ToString();
    }

    // Handler string: OrdersFunction::OrdersFunction.AuditFunction::ArchiveOrder
    public async Task<OrderResult> ArchiveOrder(OrderEvent order, ILambdaContext context)
    {
        var body = JsonSerializer.Serialize(order);
        // "No need to wait for S3": the environment freezes when the handler returns, so the upload may never happen.
        _ = S3.PutObjectAsync(new PutObjectRequest { BucketName = ArchiveBucket, Key = $"orders/{order.OrderId}.json", ContentBody = body }); // AWSBP012: not awaited
        await Dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = AuditTable,
            Key = new Dictionary<string, AttributeValue> { ["OrderId"] = new AttributeValue { S = order.OrderId } },
            UpdateExpression = "SET Archived = :true",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":true"] = new AttributeValue { BOOL = true } },
        });
        return new OrderResult(order.OrderId, "Archived");
    }
}
