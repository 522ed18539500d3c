using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP031: a price import that writes each row with PutItem (fires), or 25 rows per BatchWriteItem, resubmitting unprocessed items (clean).</summary>
public sealed class UseBatchWriteItemScenario : IRuleScenario
{
    public string RuleId => "AWSBP031";

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var write = variant == ScenarioVariant.Fires
            ? """
              foreach (var row in rows)
                      {
                          var item = new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = row.Sku }, ["Price"] = new AttributeValue { N = row.Price.ToString(CultureInfo.InvariantCulture) } };
                          await _dynamo.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken);
                      }
              """
            : """
              foreach (var chunk in rows.Chunk(25))
                      {
                          var request = new BatchWriteItemRequest
                          {
                              RequestItems = new Dictionary<string, List<WriteRequest>>
                              {
                                  [_table] = chunk.Select(row => new WriteRequest { PutRequest = new PutRequest { Item = new Dictionary<string, AttributeValue> { ["Sku"] = new AttributeValue { S = row.Sku }, ["Price"] = new AttributeValue { N = row.Price.ToString(CultureInfo.InvariantCulture) } } } }).ToList(),
                              },
                          };
                          var response = await _dynamo.BatchWriteItemAsync(request, cancellationToken);
                          while (response.UnprocessedItems is { Count: > 0 } unprocessed)
                          {
                              await Task.Delay(200, cancellationToken);
                              response = await _dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = unprocessed }, cancellationToken);
                          }
                      }
              """;
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed record {{n.T}}PriceRow(string Sku, decimal Price);

            public sealed class {{n.T}}PriceImport
            {
                private readonly IAmazonDynamoDB _dynamo;
                private readonly string _table = "{{n.Table}}";

                public {{n.T}}PriceImport(IAmazonDynamoDB dynamo) => _dynamo = dynamo;

                public async Task<int> ImportAsync(IReadOnlyList<{{n.T}}PriceRow> rows, CancellationToken cancellationToken)
                {
                    {{write}}

                    return rows.Count;
                }
            }
            """);
    }
}
