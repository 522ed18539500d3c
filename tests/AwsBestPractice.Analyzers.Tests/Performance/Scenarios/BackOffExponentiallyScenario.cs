using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP021: a stock reservation that retries a throttled PutItem after a fixed 250 ms (fires), or after a capped, jittered
/// exponential backoff of its attempt counter (clean); both have a Polly v8 pipeline with exponential backoff around a GetItem.
/// </summary>
public sealed class BackOffExponentiallyScenario : IRuleScenario
{
    public string RuleId => "AWSBP021";

    /// <summary>The constant wait of the retry loop.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var wait = variant == ScenarioVariant.Fires
            ? "await Task.Delay(RetryDelay, cancellationToken);"
            : "await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Min(20000, RetryDelay.TotalMilliseconds * Math.Pow(2, attempt)))), cancellationToken);";
        return CodeShapes.AwsFile(n, new[] { "Polly", "Polly.Retry" }, $$"""
            public sealed class {{n.T}}Reservations(IAmazonDynamoDB dynamo)
            {
                private const int MaxAttempts = 5;
                private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

                private static readonly ResiliencePipeline Reads = new ResiliencePipelineBuilder()
                    .AddRetry(new RetryStrategyOptions
                    {
                        ShouldHandle = new PredicateBuilder().Handle<ProvisionedThroughputExceededException>(),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .Build();

                public async Task ReserveAsync(string id, int quantity, CancellationToken cancellationToken)
                {
                    var request = new PutItemRequest
                    {
                        TableName = "{{n.Table}}",
                        Item = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id }, ["Quantity"] = new AttributeValue { N = quantity.ToString(CultureInfo.InvariantCulture) } },
                    };
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            await dynamo.PutItemAsync(request, cancellationToken);
                            return;
                        }
                        catch (ProvisionedThroughputExceededException) when (attempt < MaxAttempts)
                        {
                            {{wait}}
                        }
                    }
                }

                public ValueTask<GetItemResponse> ReadAsync(string id, CancellationToken cancellationToken)
                    => Reads.ExecuteAsync(async ct => await dynamo.GetItemAsync("{{n.Table}}", new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } }, ct), cancellationToken);
            }
            """);
    }
}
