using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP030: an unfiltered DynamoDB Scan whose items are each deleted from the same table, in the same method body.
/// Emptying a table that way reads and writes every item (RCU + WCU); dropping and recreating the table is fast and cheap.
/// </summary>
/// <remarks>
/// Recognised shapes: the low-level client (<c>IAmazonDynamoDB.Scan(Async)</c> + <c>DeleteItem(Async)</c> or
/// <c>BatchWriteItem(Async)</c> of <c>DeleteRequest</c>s), the document model (<c>Table.Scan</c> + <c>DeleteItem(Async)</c> or a
/// document batch write) and the object persistence model (<c>DynamoDBContext.Scan(Async)&lt;T&gt;</c> + <c>Delete(Async)&lt;T&gt;</c>
/// or <c>CreateBatchWrite&lt;T&gt;().AddDeleteItem(s)</c>). Only reported when the deletes are fed from the scan results
/// (a small taint analysis over the method body, run only once an unfiltered scan was found), are not guarded by a
/// client-side condition on the items, and the scanned items are not also written elsewhere (a move/archive is not a cleanup).
/// </remarks>
public sealed class ScanAndDeleteTableCleanupAnalyzer : AwsRule
{
    /// <summary>Present (value "1") when the low-level fix can replace the statements in [RangeStart, RangeEnd).</summary>
    internal const string FixableKey = "Fixable";
    internal const string RangeStartKey = "RangeStart";
    internal const string RangeEndKey = "RangeEnd";

    /// <summary>Source text of the client expression (a field, property, parameter or local declared before the range).</summary>
    internal const string ClientKey = "Client";

    /// <summary>Source text of the table-name expression to pass to the helper.</summary>
    internal const string TableKey = "Table";

    /// <summary>Source text of the cancellation token passed to the scan, if any.</summary>
    internal const string CancellationTokenKey = "CancellationToken";

    private const int MaxDisplayLength = 80;

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        RuleIdentifiers.ScanAndDeleteTableCleanup,
        "Scanning table '{0}' and deleting every item consumes read and write capacity for each item; drop and recreate the table instead",
        "Deleting every item of a DynamoDB table after an unfiltered Scan is slow and consumes read capacity for the scan and write capacity for every delete. Deleting and recreating the table empties it in one operation.");

    public ScanAndDeleteTableCleanupAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service(DynamoDbSymbols.AssemblyName);

    // Every scan shape is named Scan or ScanAsync: only those calls resolve the symbols and reach the analysis.
    internal override void Register(RuleRegistration registration)
        => registration.RegisterOperationAction(
            registration.Symbols(DynamoDbSymbols.TryCreate),
            static operation => operation is IInvocationOperation { TargetMethod.Name: "Scan" or "ScanAsync" },
            AnalyzeScan,
            OperationKind.Invocation);

    private static void AnalyzeScan(OperationAnalysisContext context, DynamoDbSymbols dynamo)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var cancellationToken = context.CancellationToken;
        if (!ScanSite.TryCreate(invocation, dynamo, cancellationToken, out var scan))
        {
            return;
        }

        var root = invocation.GetRoot();
        var body = BodyIndex.Create(root, dynamo, cancellationToken);
        var result = CleanupAnalysis.Analyze(scan, body, dynamo, cancellationToken);
        if (result is null)
        {
            return;
        }

        // A paginated cleanup may call Scan twice (before and inside the loop): report it once, at the first scan.
        foreach (var other in body.Invocations)
        {
            if (ReferenceEquals(other, invocation) || other.Syntax.SpanStart >= invocation.Syntax.SpanStart)
            {
                continue;
            }

            var otherName = other.TargetMethod.Name;
            if ((otherName == "Scan" || otherName == "ScanAsync")
                && ScanSite.TryCreate(other, dynamo, cancellationToken, out var otherScan)
                && CleanupAnalysis.Analyze(otherScan, body, dynamo, cancellationToken) is { } otherResult
                && otherResult.Overlaps(result))
            {
                return;
            }
        }

        // Clearing a table of DynamoDB Local / LocalStack between tests costs nothing.
        if (ClientConfiguration.IsLocalEmulator(scan.Client ?? invocation.Instance, root, cancellationToken))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (FixRange.TryCreate(scan, result, body, context.ContainingSymbol, dynamo, cancellationToken, out var fix))
        {
            properties = fix.ToProperties();
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), properties, scan.DisplayName));
    }

    /// <summary>
    /// True when <paramref name="invocation"/> is an unfiltered scan whose items are all deleted (what this rule reports, before
    /// its local-emulator and first-scan checks): other rules leave such a scan to this one (AWSBP032 does not also ask it to
    /// follow pagination).
    /// </summary>
    internal static bool IsTableCleanup(IInvocationOperation invocation, DynamoDbSymbols dynamo, System.Threading.CancellationToken cancellationToken)
        => ScanSite.TryCreate(invocation, dynamo, cancellationToken, out var scan)
           && CleanupAnalysis.Analyze(scan, BodyIndex.Create(invocation.GetRoot(), dynamo, cancellationToken), dynamo, cancellationToken) is not null;

    internal static string Truncate(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= MaxDisplayLength ? text : text.Substring(0, MaxDisplayLength - 1) + "…";
    }
}
