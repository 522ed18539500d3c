namespace InventoryWorker;

public sealed record StockLevel(string Sku, string Warehouse, int OnHand, DateTimeOffset CountedAt);

public sealed record SyncReport(int Updated, int Failed);
