using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// The realistic code every generated file is made of: a domain entity with its business rules (no AWS), and for AWS files a
/// repository that uses DynamoDB and S3 the way AWS recommends (injected clients, paginated queries). Scenarios add the code
/// their rule looks at. Everything compiles with nullable enabled against .NET 8 + AWS SDK v4 (+ the Lambda stubs), and
/// flags nothing on its own.
/// </summary>
public static class CodeShapes
{
    public static readonly string[] SystemUsings =
    {
        "System", "System.Collections.Generic", "System.Globalization", "System.Linq", "System.Text", "System.Threading",
        "System.Threading.Tasks",
    };

    public static readonly string[] AwsUsings =
    {
        "Amazon", "Amazon.DynamoDBv2", "Amazon.DynamoDBv2.Model", "Amazon.Runtime", "Amazon.S3", "Amazon.S3.Model",
    };

    /// <summary>A whole file: usings, file-scoped namespace, then the members.</summary>
    public static string File(Names names, IEnumerable<string> usings, params string[] members)
    {
        var builder = new StringBuilder();
        foreach (var u in usings.Distinct().OrderBy(u => u, System.StringComparer.Ordinal))
        {
            builder.Append("using ").Append(u).Append(";\n");
        }

        builder.Append("\nnamespace ").Append(names.Namespace()).Append(";\n");
        foreach (var member in members)
        {
            builder.Append('\n').Append(member.TrimEnd()).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// A file that does not touch AWS at all: entity + business rules, and in every other file an application service.
    /// </summary>
    public static string NonAwsFile(int index)
    {
        var n = new Names(index);
        return index % 2 == 0
            ? File(n, SystemUsings, Entity(n), BusinessRules(n), ApplicationService(n))
            : File(n, SystemUsings, Entity(n), BusinessRules(n));
    }

    /// <summary>
    /// An AWS-using file: entity + the scenario's own code, and in every fourth file a DynamoDB/S3 repository (clean AWS code
    /// every rule looks at and must leave alone).
    /// </summary>
    public static string AwsFile(Names n, IEnumerable<string> extraUsings, params string[] scenarioMembers)
        => File(
            n,
            SystemUsings.Concat(AwsUsings).Concat(extraUsings),
            (n.Index % 4 == 0 ? new[] { Entity(n), Repository(n) } : new[] { Entity(n) }).Concat(scenarioMembers).ToArray());

    public static string Entity(Names n) => $$"""
        public enum {{n.T}}Status { Draft, Submitted, Approved, Rejected, Archived }

        public sealed record {{n.T}}Line(string Sku, int Quantity, decimal UnitPrice)
        {
            public decimal Total => Quantity * UnitPrice;
        }

        public sealed class {{n.T}}(string id, string ownerId, DateTimeOffset createdAt)
        {
            public string Id { get; } = id ?? throw new ArgumentNullException(nameof(id));
            public string OwnerId { get; } = ownerId ?? throw new ArgumentNullException(nameof(ownerId));
            public DateTimeOffset CreatedAt { get; } = createdAt;
            public {{n.T}}Status Status { get; set; } = {{n.T}}Status.Draft;
            public List<{{n.T}}Line> Lines { get; } = new();
            public decimal Total => Lines.Sum(l => l.Total);

            public override string ToString() => $"{Id} ({Status}, {Lines.Count} lines, {Total.ToString("0.00", CultureInfo.InvariantCulture)})";
        }
        """;

    public static string BusinessRules(Names n) => $$"""
        public static class {{n.T}}Rules
        {
            public static IReadOnlyList<string> Validate({{n.T}} item)
            {
                var errors = new List<string>();
                if (string.IsNullOrWhiteSpace(item.OwnerId))
                {
                    errors.Add("Owner is required.");
                }

                foreach (var line in item.Lines.Where(l => l.Quantity <= 0 || l.UnitPrice < 0m))
                {
                    errors.Add($"Line {line.Sku}: quantity must be positive and price not negative.");
                }

                return errors;
            }

            public static decimal Discount({{n.T}} item, DateTimeOffset now) => item switch
            {
                { Total: > 1000m } => item.Total * 0.05m,
                { Lines.Count: > 10 } => 10m,
                _ when now - item.CreatedAt > TimeSpan.FromDays(30) => 5m,
                _ => 0m,
            };

            public static string Describe({{n.T}} item)
            {
                var builder = new StringBuilder();
                builder.Append(item.Id).Append(" (").Append(item.Status).Append("): ");
                foreach (var group in item.Lines.GroupBy(l => l.Sku).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    builder.AppendFormat(CultureInfo.InvariantCulture, "{0} x{1} = {2:0.00}; ", group.Key, group.Sum(l => l.Quantity), group.Sum(l => l.Total));
                }

                return builder.ToString();
            }
        }
        """;

    public static string ApplicationService(Names n) => $$"""
        public interface I{{n.T}}Store
        {
            Task<{{n.T}}?> FindAsync(string id, CancellationToken cancellationToken);
            Task SaveAsync({{n.T}} item, CancellationToken cancellationToken);
        }

        public sealed class {{n.T}}Service
        {
            private readonly I{{n.T}}Store _store;
            private readonly Func<DateTimeOffset> _clock;

            public {{n.T}}Service(I{{n.T}}Store store, Func<DateTimeOffset> clock)
            {
                _store = store;
                _clock = clock;
            }

            public async Task<IReadOnlyList<string>> SubmitAsync(string id, CancellationToken cancellationToken = default)
            {
                var item = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
                if (item is null)
                {
                    return new[] { $"{id} not found." };
                }

                var errors = {{n.T}}Rules.Validate(item);
                if (errors.Count > 0)
                {
                    return errors;
                }

                item.Status = {{n.T}}Status.Submitted;
                await _store.SaveAsync(item, cancellationToken).ConfigureAwait(false);
                return Array.Empty<string>();
            }

            public decimal Quote({{n.T}} item)
            {
                var discount = {{n.T}}Rules.Discount(item, _clock());
                var total = item.Lines.Where(l => l.Quantity > 0).Sum(l => l.Total) - discount;
                return Math.Round(Math.Max(total, 0m), 2, MidpointRounding.AwayFromZero);
            }
        }
        """;

    public static string Repository(Names n) => $$"""
        public sealed class {{n.T}}Repository(IAmazonDynamoDB dynamo, IAmazonS3 s3)
        {
            private const string TableName = "{{n.Table}}";

            public Task SaveAsync({{n.T}} item, CancellationToken cancellationToken = default)
                => dynamo.PutItemAsync(new PutItemRequest
                {
                    TableName = TableName,
                    Item = new Dictionary<string, AttributeValue>
                    {
                        ["Id"] = new AttributeValue { S = item.Id },
                        ["OwnerId"] = new AttributeValue { S = item.OwnerId },
                        ["Status"] = new AttributeValue { S = item.Status.ToString() },
                        ["Total"] = new AttributeValue { N = item.Total.ToString(CultureInfo.InvariantCulture) },
                    },
                }, cancellationToken);

            public async Task<{{n.T}}?> FindAsync(string id, CancellationToken cancellationToken = default)
            {
                var key = new Dictionary<string, AttributeValue> { ["Id"] = new AttributeValue { S = id } };
                var response = await dynamo.GetItemAsync(new GetItemRequest { TableName = TableName, Key = key, ConsistentRead = true }, cancellationToken);
                return response.Item is { Count: > 0 } item ? FromItem(item) : null;
            }

            public async Task<List<{{n.T}}>> ListByOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
            {
                var result = new List<{{n.T}}>();
                Dictionary<string, AttributeValue>? startKey = null;
                do
                {
                    var page = await dynamo.QueryAsync(new QueryRequest
                    {
                        TableName = TableName,
                        IndexName = "OwnerIndex",
                        KeyConditionExpression = "OwnerId = :owner",
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = new AttributeValue { S = ownerId } },
                        ExclusiveStartKey = startKey,
                    }, cancellationToken);
                    result.AddRange((page.Items ?? new List<Dictionary<string, AttributeValue>>()).Select(FromItem));
                    startKey = page.LastEvaluatedKey;
                }
                while (startKey is { Count: > 0 });

                return result;
            }

            public Task ArchiveAsync({{n.T}} item, CancellationToken cancellationToken = default)
                => s3.PutObjectAsync(new PutObjectRequest { BucketName = "{{n.Bucket}}", Key = $"archive/{item.Id}.txt", ContentBody = item.ToString() }, cancellationToken);

            private static {{n.T}} FromItem(Dictionary<string, AttributeValue> item)
                => new(item["Id"].S, item["OwnerId"].S, DateTimeOffset.UtcNow) { Status = Enum.Parse<{{n.T}}Status>(item["Status"].S) };
        }
        """;

    /// <summary>Number of lines of a text (for reporting sizes).</summary>
    public static int CountLines(string text)
    {
        var lines = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return lines;
    }
}
