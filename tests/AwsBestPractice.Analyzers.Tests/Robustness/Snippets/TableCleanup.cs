using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace Snippets.Cleanup;

[DynamoDBTable("Sessions")]
public class Session
{
    [DynamoDBHashKey]
    public string Id { get; set; } = "";
    public long ExpiresAt { get; set; }
}

public class TableMaintenance
{
    private readonly IAmazonDynamoDB _client;
    private readonly IDynamoDBContext _context;

    public TableMaintenance(IAmazonDynamoDB client, IDynamoDBContext context)
    {
        _client = client;
        _context = context;
    }

    public async Task ClearOrdersAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? lastKey = null;
        do
        {
            var response = await _client.ScanAsync(new ScanRequest { TableName = "Orders", ExclusiveStartKey = lastKey }, cancellationToken);
            foreach (var item in response.Items)
            {
                await _client.DeleteItemAsync(new DeleteItemRequest
                {
                    TableName = "Orders",
                    Key = new Dictionary<string, AttributeValue> { ["OrderId"] = item["OrderId"] },
                }, cancellationToken);
            }

            lastKey = response.LastEvaluatedKey;
        }
        while (lastKey != null && lastKey.Count > 0);
    }

    public async Task DeleteExpiredAsync(long now, CancellationToken cancellationToken)
    {
        var response = await _client.ScanAsync(new ScanRequest
        {
            TableName = "Sessions",
            FilterExpression = "ExpiresAt < :now",
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":now"] = new AttributeValue { N = now.ToString() } },
        }, cancellationToken);

        foreach (var item in response.Items)
        {
            await _client.DeleteItemAsync("Sessions", new Dictionary<string, AttributeValue> { ["Id"] = item["Id"] }, cancellationToken);
        }
    }

    public async Task ClearSessionsAsync()
    {
        var all = await _context.ScanAsync<Session>(new List<ScanCondition>()).GetRemainingAsync();
        var batch = _context.CreateBatchWrite<Session>();
        batch.AddDeleteItems(all);
        await batch.ExecuteAsync();
    }

    public async Task ClearWithDocumentModelAsync(ITable table)
    {
        var search = table.Scan(new ScanFilter());
        do
        {
            foreach (var document in await search.GetNextSetAsync())
            {
                await table.DeleteItemAsync(document);
            }
        }
        while (!search.IsDone);
    }
}
