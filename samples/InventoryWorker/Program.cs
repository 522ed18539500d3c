using Amazon.DynamoDBv2;
using Amazon.S3;
using InventoryWorker;

// Clients are created once for the whole run and shared; credentials come from the default chain.
using var s3 = new AmazonS3Client();
using var dynamoDb = new AmazonDynamoDBClient();
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(10));

var log = Console.Out;
var repository = new StockRepository(dynamoDb, log);
var sync = new StockSync(s3, repository, new SnapshotUploader(s3, log), log);

StockLevel[] counts =
[
    new("SKU-1001", "DUB-1", 42, DateTimeOffset.UtcNow),
    new("SKU-1002", "DUB-1", 0, DateTimeOffset.UtcNow),
    new("SKU-1001", "FRA-2", 17, DateTimeOffset.UtcNow),
];

var report = await sync.RunAsync(counts, cancellation.Token);
log.WriteLine($"Stock sync finished: {report.Updated} updated, {report.Failed} failed");
await new ReportArchiver(s3, log).ArchiveAsync(counts, cancellation.Token);

var feed = await new PriceFeedReader(s3, log).ReadTodaysFeedAsync(cancellation.Token);
log.WriteLine($"Price feed has {feed.Split('\n').Length} lines");
await new WarehouseExport(log).PublishAsync(counts, cancellation.Token);

await new StockReservations(dynamoDb, log).ReserveAsync("ORD-1001", "SKU-1001", 2, cancellation.Token);
