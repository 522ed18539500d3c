using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Snippets.Lambda;

public sealed record OrderEvent(string OrderId, string CustomerId, decimal Amount);

public class OrderFunction
{
    private static readonly IAmazonS3 SharedS3 = new AmazonS3Client(RegionEndpoint.EUWest1);
    private readonly IAmazonSQS _sqs;

    public OrderFunction() : this(new AmazonSQSClient())
    {
    }

    public OrderFunction(IAmazonSQS sqs) => _sqs = sqs;

    public async Task<string> FunctionHandler(OrderEvent input, ILambdaContext context)
    {
        context.Logger.LogLine($"Processing order {input.OrderId}");
        var dynamo = new AmazonDynamoDBClient(RegionEndpoint.EUWest1);
        using var http = new HttpClient { BaseAddress = new Uri("https://payments.example.com") };
        var payment = await http.GetStringAsync($"/payments/{input.OrderId}");

        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "Orders",
            Item = new Dictionary<string, AttributeValue>
            {
                ["OrderId"] = new AttributeValue { S = input.OrderId },
                ["Amount"] = new AttributeValue { N = input.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["Payment"] = new AttributeValue { S = payment },
            },
        });

        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = Environment.GetEnvironmentVariable("QUEUE_URL"),
            MessageBody = JsonSerializer.Serialize(input),
        });

        return input.OrderId;
    }

    [LambdaFunction(MemorySize = 512, Timeout = 30)]
    public async Task<long> GetObjectSize(string key)
    {
        var s3 = new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.EUWest1 });
        var metadata = await s3.GetObjectMetadataAsync("reports-bucket", key);
        return metadata.ContentLength;
    }

    public async Task<int> Cached(string key, ILambdaContext context)
    {
        var response = await SharedS3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "reports-bucket", Prefix = key });
        return response.S3Objects?.Count ?? 0;
    }

    public Task Nested(string input, ILambdaContext context)
    {
        Func<Task> work = async () =>
        {
            using var client = new AmazonS3Client();
            await client.DeleteObjectAsync("bucket", input);
        };

        return work();

        static AmazonSQSClient MakeClient() => new AmazonSQSClient(RegionEndpoint.USEast1);
    }
}

public class AuditFunction
{
    private static readonly IAmazonSQS Sqs = new AmazonSQSClient(RegionEndpoint.EUWest1);
    private static readonly IAmazonS3 S3 = new AmazonS3Client(RegionEndpoint.EUWest1);

    // Synchronous handler that blocks on asynchronous calls.
    public string Record(OrderEvent input, ILambdaContext context)
    {
        var sent = Sqs.SendMessageAsync(Environment.GetEnvironmentVariable("AUDIT_QUEUE"), input.OrderId).Result;
        S3.PutObjectAsync(new PutObjectRequest { BucketName = "audit", Key = input.OrderId, ContentBody = sent.MessageId }).Wait();
        return sent.MessageId;
    }

    // Fire and forget: the environment freezes when the handler returns.
    public async Task Archive(OrderEvent input, ILambdaContext context)
    {
        _ = S3.PutObjectAsync(new PutObjectRequest { BucketName = "archive", Key = input.OrderId, ContentBody = input.CustomerId });
        Sqs.SendMessageAsync(Environment.GetEnvironmentVariable("AUDIT_QUEUE"), input.OrderId);
        await Task.Delay(1);
    }
}
