using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>An SQS consumer loop whose receive request is written by each SQS rule's scenario.</summary>
public abstract class SqsReceiveScenario : IRuleScenario
{
    public abstract string RuleId { get; }

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    /// <summary>The receive request's initializer members after <c>QueueUrl</c>, for one variant.</summary>
    protected abstract string RequestMembers(ScenarioVariant variant);

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}Consumer
            {
                private readonly Amazon.SQS.IAmazonSQS _sqs;

                public {{n.T}}Consumer(Amazon.SQS.IAmazonSQS sqs) => _sqs = sqs;

                public async Task<int> DrainAsync(string queueUrl, CancellationToken cancellationToken)
                {
                    var handled = 0;
                    var request = new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = queueUrl, {{RequestMembers(variant)}} };
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var response = await _sqs.ReceiveMessageAsync(request, cancellationToken);
                        var entries = new List<Amazon.SQS.Model.DeleteMessageBatchRequestEntry>();
                        foreach (var message in response.Messages ?? new List<Amazon.SQS.Model.Message>())
                        {
                            handled++;
                            entries.Add(new Amazon.SQS.Model.DeleteMessageBatchRequestEntry { Id = entries.Count.ToString(CultureInfo.InvariantCulture), ReceiptHandle = message.ReceiptHandle });
                        }

                        if (entries.Count > 0)
                        {
                            var deleted = await _sqs.DeleteMessageBatchAsync(new Amazon.SQS.Model.DeleteMessageBatchRequest { QueueUrl = queueUrl, Entries = entries }, cancellationToken);
                            if (deleted.Failed is { Count: > 0 } failed)
                            {
                                throw new InvalidOperationException($"{failed.Count} messages not deleted: {failed[0].Message}");
                            }
                        }
                    }

                    return handled;
                }
            }
            """);
    }
}

/// <summary>AWSBP040: no wait time (fires) or a 20 s long poll (clean).</summary>
public sealed class UseSqsLongPollingScenario : SqsReceiveScenario
{
    public override string RuleId => "AWSBP040";

    protected override string RequestMembers(ScenarioVariant variant)
        => variant == ScenarioVariant.Fires ? "MaxNumberOfMessages = 10" : "MaxNumberOfMessages = 10, WaitTimeSeconds = 20";
}

/// <summary>AWSBP041: one message per receive while the loop handles a list (fires), or ten (clean).</summary>
public sealed class ReceiveSqsMessagesInBatchesScenario : SqsReceiveScenario
{
    public override string RuleId => "AWSBP041";

    protected override string RequestMembers(ScenarioVariant variant)
        => variant == ScenarioVariant.Fires ? "WaitTimeSeconds = 20" : "WaitTimeSeconds = 20, MaxNumberOfMessages = 10";
}

/// <summary>AWSBP043: a visibility timeout above 12 hours (fires) or of 10 minutes (clean).</summary>
public sealed class SqsValueOutOfRangeScenario : SqsReceiveScenario
{
    public override string RuleId => "AWSBP043";

    protected override string RequestMembers(ScenarioVariant variant)
        => "WaitTimeSeconds = 20, MaxNumberOfMessages = 10, VisibilityTimeout = " + (variant == ScenarioVariant.Fires ? "50000" : "600");
}
