using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP010: a Lambda handler that creates its DynamoDB client per invocation (fires) or uses a static one (clean).</summary>
public sealed class CreateClientOutsideHandlerScenario : IRuleScenario
{
    public string RuleId => "AWSBP010";

    /// <summary>The <c>new AmazonDynamoDBClient(...)</c> in the handler.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var fires = variant == ScenarioVariant.Fires;
        var field = fires ? string.Empty : $"private static readonly IAmazonDynamoDB Dynamo = new AmazonDynamoDBClient(RegionEndpoint.{n.Region});\n    ";
        var local = fires ? $"var dynamo = new AmazonDynamoDBClient(RegionEndpoint.{n.Region});\n        " : string.Empty;
        var client = fires ? "dynamo" : "Dynamo";
        return CodeShapes.AwsFile(n, new[] { "Amazon.Lambda.Core" }, $$"""
            public sealed record {{n.T}}Event(string Id, string OwnerId, IReadOnlyList<{{n.T}}Line> Lines);

            public class {{n.T}}Function
            {
                {{field}}private static readonly IAmazonS3 S3 = new AmazonS3Client(RegionEndpoint.{{n.Region}});

                public async Task<string> FunctionHandler({{n.T}}Event input, ILambdaContext context)
                {
                    context.Logger.LogLine($"Handling {input.Id} for {input.OwnerId}");
                    {{local}}var item = new {{n.T}}(input.Id, input.OwnerId, DateTimeOffset.UtcNow);
                    item.Lines.AddRange(input.Lines);
                    item.Status = item.Lines.Count == 0 ? {{n.T}}Status.Rejected : {{n.T}}Status.Submitted;
                    await {{client}}.PutItemAsync("{{n.Table}}", new Dictionary<string, AttributeValue>
                    {
                        ["Id"] = new AttributeValue { S = item.Id },
                        ["Status"] = new AttributeValue { S = item.Status.ToString() },
                    });
                    if (item.Status == {{n.T}}Status.Rejected)
                    {
                        await S3.PutObjectAsync(new PutObjectRequest { BucketName = "{{n.Bucket}}", Key = $"rejected/{item.Id}.txt", ContentBody = item.ToString() });
                    }

                    return item.ToString();
                }
            }
            """);
    }
}
