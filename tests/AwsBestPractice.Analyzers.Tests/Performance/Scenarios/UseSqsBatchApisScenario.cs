using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP042: a publisher that sends one SendMessage per event (fires), or SendMessageBatch per 10 events with Failed checked (clean).</summary>
public sealed class UseSqsBatchApisScenario : IRuleScenario
{
    public string RuleId => "AWSBP042";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var send = variant == ScenarioVariant.Fires
            ? """
              foreach (var body in bodies)
                      {
                          await _sqs.SendMessageAsync(new Amazon.SQS.Model.SendMessageRequest { QueueUrl = _queueUrl, MessageBody = body }, cancellationToken);
                      }
              """
            : """
              foreach (var chunk in bodies.Chunk(10))
                      {
                          var response = await _sqs.SendMessageBatchAsync(new Amazon.SQS.Model.SendMessageBatchRequest
                          {
                              QueueUrl = _queueUrl,
                              Entries = chunk.Select((body, i) => new Amazon.SQS.Model.SendMessageBatchRequestEntry { Id = i.ToString(CultureInfo.InvariantCulture), MessageBody = body }).ToList(),
                          }, cancellationToken);
                          if (response.Failed is { Count: > 0 } failed)
                          {
                              throw new InvalidOperationException($"{failed.Count} events not sent: {failed[0].Message}");
                          }
                      }
              """;
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}EventPublisher
            {
                private readonly Amazon.SQS.IAmazonSQS _sqs;
                private readonly string _queueUrl;

                public {{n.T}}EventPublisher(Amazon.SQS.IAmazonSQS sqs, string queueUrl)
                {
                    _sqs = sqs;
                    _queueUrl = queueUrl;
                }

                public async Task<int> PublishAsync(IReadOnlyList<{{n.T}}> items, CancellationToken cancellationToken)
                {
                    var bodies = items.Select(item => "{{n.Area}}:" + item.ToString()).ToList();
                    {{send}}

                    return bodies.Count;
                }
            }
            """);
    }
}
