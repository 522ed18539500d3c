using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP022: a chunked import that discards BatchWriteItem's response (fires), or resubmits its unprocessed items (clean).</summary>
public sealed class HandleUnprocessedBatchItemsScenario : IRuleScenario
{
    public string RuleId => "AWSBP022";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var write = variant == ScenarioVariant.Fires
            ? "await _dynamo.BatchWriteItemAsync(request, cancellationToken);"
            : """
              var response = await _dynamo.BatchWriteItemAsync(request, cancellationToken);
                          while (response.UnprocessedItems is { Count: > 0 } unprocessed)
                          {
                              await Task.Delay(200, cancellationToken);
                              response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = unprocessed }, cancellationToken);
                          }
              """;
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}Import
            {
                private readonly IAmazonDynamoDB _dynamo;

                public {{n.T}}Import(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

                public async Task ImportAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
                {
                    foreach (var chunk in ids.Chunk(25))
                    {
                        var writes = new List<WriteRequest>();
                        foreach (var id in chunk)
                        {
                            writes.Add(new WriteRequest(new PutRequest(new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } })));
                        }

                        var request = new BatchWriteItemRequest { RequestItems = new Dictionary<string, List<WriteRequest>> { ["{{n.Table}}"] = writes } };
                        {{write}}
                    }
                }
            }
            """);
    }
}
