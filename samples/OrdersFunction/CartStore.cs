using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DataModel;

namespace OrdersFunction;

[DynamoDBTable("shopping-carts")]
public class CartItem
{
    [DynamoDBHashKey("customerId")]
    public string CustomerId { get; set; } = "";

    [DynamoDBRangeKey("sku")]
    public string Sku { get; set; } = "";

    public int Quantity { get; set; }
}

/// <summary>Shopping carts, stored with the DynamoDB object persistence model.</summary>
public sealed class CartStore
{
    private readonly IDynamoDBContext _context;

    public CartStore(IAmazonDynamoDB dynamoDb)
        => _context = new DynamoDBContextBuilder().WithDynamoDBClient(() => dynamoDb).Build();

    public Task SaveAsync(CartItem item, CancellationToken cancellationToken = default)
        => _context.SaveAsync(item, cancellationToken);

    /// <summary>Used by the demo environment's "reset" button.</summary>
    public async Task<int> ClearAllCartsAsync(CancellationToken cancellationToken = default)
    {
        var everything = await _context.ScanAsync<CartItem>(new List<ScanCondition>()).GetRemainingAsync(cancellationToken); // AWSBP030: scans the whole table to delete every item
        var batch = _context.CreateBatchWrite<CartItem>();
        batch.AddDeleteItems(everything);
        await batch.ExecuteAsync(cancellationToken);
        return everything.Count;
    }
}
