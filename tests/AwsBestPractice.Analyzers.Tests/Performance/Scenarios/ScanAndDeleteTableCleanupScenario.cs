using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP030: a maintenance job that scans the whole table and deletes every item (fires), or scans with a filter for expired
/// items and deletes those in batches (clean).
/// </summary>
public sealed class ScanAndDeleteTableCleanupScenario : IRuleScenario
{
    public string RuleId => "AWSBP030";

    /// <summary>The unfiltered scan whose items are deleted.</summary>
    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var job = variant == ScenarioVariant.Fires ? PurgeAll(n) : DeleteExpired(n);
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), job);
    }

    private static string PurgeAll(Names n) => $$"""
        public sealed class {{n.T}}Maintenance
        {
            private readonly IAmazonDynamoDB _dynamo;

            public {{n.T}}Maintenance(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

            public async Task<int> ResetAsync(CancellationToken cancellationToken)
            {
                var deleted = 0;
                Dictionary<string, AttributeValue>? startKey = null;
                do
                {
                    var page = await _dynamo.ScanAsync(new ScanRequest
                    {
                        TableName = "{{n.Table}}",
                        ProjectionExpression = "Id",
                        ExclusiveStartKey = startKey,
                    }, cancellationToken);
                    foreach (var item in page.Items ?? new List<Dictionary<string, AttributeValue>>())
                    {
                        await _dynamo.DeleteItemAsync(new DeleteItemRequest
                        {
                            TableName = "{{n.Table}}",
                            Key = new Dictionary<string, AttributeValue> { ["Id"] = item["Id"] },
                        }, cancellationToken);
                        deleted++;
                    }

                    startKey = page.LastEvaluatedKey;
                }
                while (startKey is { Count: > 0 });

                return deleted;
            }
        }
        """;

    private static string DeleteExpired(Names n) => $$"""
        public sealed class {{n.T}}Maintenance
        {
            private readonly IAmazonDynamoDB _dynamo;

            public {{n.T}}Maintenance(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

            public async Task<int> DeleteExpiredAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
            {
                var deleted = 0;
                Dictionary<string, AttributeValue>? startKey = null;
                do
                {
                    var page = await _dynamo.ScanAsync(new ScanRequest
                    {
                        TableName = "{{n.Table}}",
                        ProjectionExpression = "Id",
                        FilterExpression = "CreatedAt < :cutoff",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":cutoff"] = new AttributeValue { S = cutoff.ToString("O", CultureInfo.InvariantCulture) },
                        },
                        ExclusiveStartKey = startKey,
                    }, cancellationToken);
                    foreach (var chunk in (page.Items ?? new List<Dictionary<string, AttributeValue>>()).Chunk(25))
                    {
                        var writes = chunk
                            .Select(item => new WriteRequest { DeleteRequest = new DeleteRequest { Key = new Dictionary<string, AttributeValue> { ["Id"] = item["Id"] } } })
                            .ToList();
                        var pending = new Dictionary<string, List<WriteRequest>> { ["{{n.Table}}"] = writes };
                        while (pending.Count > 0)
                        {
                            var response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken);
                            pending = response.UnprocessedItems ?? new Dictionary<string, List<WriteRequest>>();
                        }

                        deleted += writes.Count;
                    }

                    startKey = page.LastEvaluatedKey;
                }
                while (startKey is { Count: > 0 });

                return deleted;
            }
        }
        """;
}
