using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>The Lambda handler both asynchronous-call scenarios generate: it stores an order and archives rejected ones.</summary>
internal static class LambdaAsyncHandler
{
    public static string Generate(Names n, string signature, string put, string archive)
        => CodeShapes.AwsFile(n, new[] { "Amazon.Lambda.Core" }, $$"""
            public sealed record {{n.T}}Event(string Id, string OwnerId, IReadOnlyList<{{n.T}}Line> Lines);

            public class {{n.T}}Function
            {
                private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient(RegionEndpoint.{{n.Region}});
                private static readonly IAmazonS3 S3 = new AmazonS3Client(RegionEndpoint.{{n.Region}});

                {{signature}}
                {
                    context.Logger.LogLine($"Handling {input.Id} for {input.OwnerId}");
                    var item = new {{n.T}}(input.Id, input.OwnerId, DateTimeOffset.UtcNow);
                    item.Lines.AddRange(input.Lines);
                    item.Status = item.Lines.Count == 0 ? {{n.T}}Status.Rejected : {{n.T}}Status.Submitted;
                    var request = new PutItemRequest
                    {
                        TableName = "{{n.Table}}",
                        Item = new Dictionary<string, AttributeValue>
                        {
                            ["Id"] = new AttributeValue { S = item.Id },
                            ["Status"] = new AttributeValue { S = item.Status.ToString() },
                        },
                    };
                    {{put}}
                    if (item.Status == {{n.T}}Status.Rejected)
                    {
                        {{archive}}
                    }

                    return item.ToString();
                }
            }
            """);
}

/// <summary>AWSBP011: a synchronous handler that blocks on its DynamoDB write (fires), or an async one that awaits it (clean).</summary>
public sealed class DoNotBlockOnAsyncCallsScenario : IRuleScenario
{
    public string RuleId => "AWSBP011";

    /// <summary>The <c>.GetAwaiter().GetResult()</c> on <c>PutItemAsync</c>.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        return variant == ScenarioVariant.Fires
            ? LambdaAsyncHandler.Generate(
                n,
                $"public string FunctionHandler({n.T}Event input, ILambdaContext context)",
                "var written = Dynamo.PutItemAsync(request).GetAwaiter().GetResult();\n        context.Logger.LogLine($\"{written.HttpStatusCode}\");",
                $"context.Logger.LogLine(\"rejected {{item.Id}} in {n.Bucket}\");")
            : LambdaAsyncHandler.Generate(
                n,
                $"public async Task<string> FunctionHandler({n.T}Event input, ILambdaContext context)",
                "var written = await Dynamo.PutItemAsync(request);\n        context.Logger.LogLine($\"{written.HttpStatusCode}\");",
                $"await S3.PutObjectAsync(new PutObjectRequest {{ BucketName = \"{n.Bucket}\", Key = $\"rejected/{{item.Id}}.txt\", ContentBody = item.ToString() }});");
    }
}

/// <summary>AWSBP012: a handler that starts its S3 archive upload and returns without awaiting it (fires), or awaits it (clean).</summary>
public sealed class AwaitAwsCallsBeforeReturningScenario : IRuleScenario
{
    public string RuleId => "AWSBP012";

    /// <summary>The discarded <c>PutObjectAsync</c>.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var upload = $"S3.PutObjectAsync(new PutObjectRequest {{ BucketName = \"{n.Bucket}\", Key = $\"rejected/{{item.Id}}.txt\", ContentBody = item.ToString() }});";
        return LambdaAsyncHandler.Generate(
            n,
            $"public async Task<string> FunctionHandler({n.T}Event input, ILambdaContext context)",
            "await Dynamo.PutItemAsync(request);",
            (variant == ScenarioVariant.Fires ? "_ = " : "await ") + upload);
    }
}
