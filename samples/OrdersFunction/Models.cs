namespace OrdersFunction;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

public sealed record OrderEvent(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines)
{
    public decimal Total => Lines.Sum(line => line.Quantity * line.UnitPrice);
}

public sealed record OrderResult(string OrderId, string Status, string? Reason = null)
{
    public static OrderResult Accepted(string orderId) => new(orderId, "ACCEPTED");

    public static OrderResult Rejected(string orderId, string reason) => new(orderId, "REJECTED", reason);
}

public sealed record PaymentStatus(string PaymentId, bool Captured, decimal Amount);

public sealed record OrderStatusRequest(string OrderId);

public sealed record OrderStatusResponse(string OrderId, string Status);

public sealed record ReceiptRequest(string OrderId, string Region);

public sealed record ReceiptLink(string OrderId, string Url, DateTime ExpiresAt);

public sealed record PurgeRequest(string RequestedBy);

public sealed record PurgeResult(string Table, DateTimeOffset PurgedAt);
