using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

internal enum ScanKind
{
    LowLevel,
    Document,
    DataModel,
}

/// <summary>An unfiltered scan: what it reads and how the table is named.</summary>
internal sealed class ScanSite
{
    private static readonly string[] LowLevelFilters = { "FilterExpression", "ScanFilter", "IndexName", "KeyConditions", "KeyConditionExpression" };

    private ScanSite(IInvocationOperation invocation, ScanKind kind)
    {
        Invocation = invocation;
        Kind = kind;
    }

    public IInvocationOperation Invocation { get; }
    public ScanKind Kind { get; }

    /// <summary>Low level: the client the scan runs on (<c>client</c> of <c>client.ScanAsync</c> or <c>client.Paginators.Scan</c>).</summary>
    public IOperation? Client { get; private set; }

    /// <summary>The table name when it is a compile-time constant.</summary>
    public string? TableConstant { get; private set; }

    /// <summary>Low level: the table-name value (request property or argument).</summary>
    public IOperation? TableExpression { get; private set; }

    /// <summary>Low level: the request local passed to the scan, if any.</summary>
    public ILocalSymbol? RequestLocal { get; private set; }

    /// <summary>Document model: the table instance chain (<c>table</c>, <c>_table</c>, <c>this.Orders</c>).</summary>
    public List<ISymbol>? TableInstance { get; private set; }

    /// <summary>Object persistence model: the item type, which names the table.</summary>
    public ITypeSymbol? ItemType { get; private set; }

    /// <summary>A parallel-scan segment: flagged, never fixed (recreating per segment would be wrong).</summary>
    public bool IsSegment { get; private set; }

    /// <summary>The cancellation token explicitly passed to the scan.</summary>
    public IOperation? CancellationTokenArgument { get; private set; }

    public string DisplayName { get; private set; } = string.Empty;

    public static bool TryCreate(IInvocationOperation invocation, DynamoDbSymbols dynamo, CancellationToken cancellationToken, out ScanSite scan)
    {
        scan = null!;
        var method = invocation.TargetMethod;
        if (AwsOperation.TryGet(invocation, dynamo.Aws, out var operation))
        {
            if (!operation.Is(dynamo.Client, "Scan"))
            {
                return false;
            }

            scan = new ScanSite(invocation, ScanKind.LowLevel) { Client = invocation.Instance };
            return scan.InitLowLevel(operation.RequestArgument, isPaginator: false, dynamo, cancellationToken);
        }

        if (method.ContainingType is null || invocation.Instance is null)
        {
            return false;
        }

        // v4 paginator: client.Paginators.Scan(request) (what AWSBP032's fix produces).
        if (method.Name == "Scan" && method.ContainingType.Name is "IDynamoDBv2PaginatorFactory" or "DynamoDBv2PaginatorFactory"
            && DynamoDbSymbols.IsInDynamoDbNamespace(method.ContainingType, "Model")
            && invocation.Arguments.Length == 1)
        {
            scan = new ScanSite(invocation, ScanKind.LowLevel)
            {
                Client = (invocation.Instance.WalkDownConversions() as IPropertyReferenceOperation)?.Instance,
            };
            return scan.InitLowLevel(invocation.Arguments[0], isPaginator: true, dynamo, cancellationToken);
        }

        if (method.Name == "Scan" && dynamo.IsDocumentTable(method.ContainingType))
        {
            scan = new ScanSite(invocation, ScanKind.Document);
            return scan.InitDocument(cancellationToken);
        }

        if (dynamo.IsContext(method.ContainingType))
        {
            scan = new ScanSite(invocation, ScanKind.DataModel);
            return scan.InitDataModel(dynamo, cancellationToken);
        }

        return false;
    }

    private bool InitLowLevel(IArgumentOperation? requestArgumentOrNull, bool isPaginator, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        foreach (var argument in Invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Type.IsType(dynamo.CancellationToken) == true)
            {
                CancellationTokenArgument = argument.Value;
            }
        }

        if (requestArgumentOrNull is { } requestArgument)
        {
            if (!RequestObjects.TryGetAssignments(requestArgument.Value, cancellationToken, out var assignments))
            {
                return false; // A request we cannot follow may be filtered: do not guess.
            }

            RequestLocal = (requestArgument.Value.WalkDownConversions() as ILocalReferenceOperation)?.Local;
            IOperation? table = null;
            var tableAssignments = 0;
            var limited = false;
            foreach (var assignment in assignments)
            {
                var name = assignment.Property.Name;
                if (name == "TableName")
                {
                    table = assignment.Value;
                    tableAssignments += assignment.IsConditional ? 2 : 1;
                }
                else if (System.Array.IndexOf(LowLevelFilters, name) >= 0 && !IsNullOrEmpty(assignment.Value)
                         && !(name == "ScanFilter" && CollectionValues.IsEmpty(assignment.Value, cancellationToken)))
                {
                    return false;
                }
                else if (name == "Limit" && !IsNullOrEmpty(assignment.Value))
                {
                    limited = true;
                }
                else if (name is "TotalSegments" or "Segment" && !IsNullOrEmpty(assignment.Value))
                {
                    IsSegment = true;
                }
            }

            // A single page with an explicit Limit (no pagination loop) deletes a few items, it does not empty the table.
            if (table is null || tableAssignments != 1 || (limited && !isPaginator && Invocation.GetEnclosingLoop() is null))
            {
                return false;
            }

            TableExpression = table;
        }
        else
        {
            foreach (var argument in Invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "tableName":
                        TableExpression = argument.Value;
                        break;
                    case "scanFilter" when !CollectionValues.IsEmpty(argument.Value, cancellationToken):
                        return false;
                }
            }

            if (TableExpression is null)
            {
                return false;
            }
        }

        if (ConstantValues.TryGetConstantString(TableExpression, cancellationToken, out var constant) && !string.IsNullOrEmpty(constant))
        {
            TableConstant = constant;
        }

        DisplayName = TableConstant ?? ScanAndDeleteTableCleanupAnalyzer.Truncate(TableExpression.Syntax.ToString());
        return true;
    }

    private bool InitDocument(CancellationToken cancellationToken)
    {
        if (Invocation.Arguments.Length != 1 || Invocation.Arguments[0].Parameter is not { } parameter)
        {
            return false;
        }

        var value = Invocation.Arguments[0].Value;
        switch (parameter.Type.Name)
        {
            case "ScanFilter":
                if (!CollectionValues.IsEmpty(value, cancellationToken))
                {
                    return false;
                }

                break;
            case "ScanOperationConfig" or "ScanDocumentOperationRequest":
                if (!RequestObjects.TryGetAssignments(value, cancellationToken, out var assignments))
                {
                    return false;
                }

                foreach (var assignment in assignments)
                {
                    var name = assignment.Property.Name;
                    if (IsNullOrEmpty(assignment.Value))
                    {
                        continue;
                    }

                    if (name is "FilterExpression" or "IndexName"
                        || (name == "Filter" && !CollectionValues.IsEmpty(assignment.Value, cancellationToken)))
                    {
                        return false;
                    }

                    if (name is "TotalSegments" or "Segment")
                    {
                        IsSegment = true;
                    }
                }

                break;
            default:
                return false; // Scan(Expression filterExpression) and anything unknown: filtered.
        }

        var chain = new List<ISymbol>();
        if (Invocation.Instance is null || !References.TryGetChain(Invocation.Instance, chain))
        {
            return false;
        }

        TableInstance = chain;
        TableConstant = TryGetDocumentTableName(chain, cancellationToken);
        DisplayName = TableConstant ?? ScanAndDeleteTableCleanupAnalyzer.Truncate(Invocation.Instance.Syntax.ToString());
        return true;
    }

    /// <summary><c>var table = Table.LoadTable(client, "Orders")</c> / <c>new TableBuilder(client, "Orders").Build()</c>.</summary>
    private string? TryGetDocumentTableName(List<ISymbol> chain, CancellationToken cancellationToken)
    {
        if (chain.Count != 1 || chain[0] is not ILocalSymbol local)
        {
            return null;
        }

        foreach (var operation in Invocation.GetRoot().DescendantsAndSelf())
        {
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                && declarator.GetVariableInitializer()?.Value is { } initializer)
            {
                foreach (var node in initializer.DescendantsAndSelf())
                {
                    var arguments = node switch
                    {
                        IInvocationOperation call => call.Arguments,
                        IObjectCreationOperation creation => creation.Arguments,
                        _ => ImmutableArray<IArgumentOperation>.Empty,
                    };
                    foreach (var argument in arguments)
                    {
                        if (argument.Parameter?.Name == "tableName"
                            && ConstantValues.TryGetConstantString(argument.Value, cancellationToken, out var name)
                            && !string.IsNullOrEmpty(name))
                        {
                            return name;
                        }
                    }
                }

                return null;
            }
        }

        return null;
    }

    private bool InitDataModel(DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        var method = Invocation.TargetMethod;
        if (method.Name is not ("Scan" or "ScanAsync") || method.TypeArguments.Length != 1
            || method.TypeArguments[0] is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } itemType)
        {
            return false;
        }

        var sawConditions = false;
        foreach (var argument in Invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
            {
                return false;
            }

            var value = argument.Value;
            if (parameter.Ordinal == 0)
            {
                // IEnumerable<ScanCondition> / params ScanCondition[]; ContextExpression is a filter.
                if (parameter.Type.Name == "ContextExpression" || !(IsNullOrEmpty(value) || CollectionValues.IsEmpty(value, cancellationToken)))
                {
                    return false;
                }

                sawConditions = true;
                continue;
            }

            if (argument.ArgumentKind != ArgumentKind.Explicit || IsNullOrEmpty(value) || parameter.Type.IsType(dynamo.CancellationToken))
            {
                continue;
            }

            // DynamoDBOperationConfig / ScanConfig: an index, a filter or another table name changes what is scanned.
            if (!RequestObjects.TryGetAssignments(value, cancellationToken, out var assignments)
                || SetsAnyNonEmpty(assignments, cancellationToken, "QueryFilter", "Expression", "IndexName", "OverrideTableName", "TableNamePrefix"))
            {
                return false;
            }
        }

        if (!sawConditions)
        {
            return false;
        }

        ItemType = itemType;
        TableConstant = GetTableName(itemType, dynamo);
        DisplayName = TableConstant;
        return true;
    }

    private static string GetTableName(INamedTypeSymbol itemType, DynamoDbSymbols dynamo)
    {
        foreach (var attribute in itemType.GetAttributes())
        {
            if (attribute.AttributeClass.InheritsFrom(dynamo.TableAttribute)
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name)
            {
                return name;
            }
        }

        return itemType.Name;
    }

    internal static bool SetsAnyNonEmpty(List<RequestMemberAssignment> assignments, CancellationToken cancellationToken, params string[] names)
    {
        foreach (var assignment in assignments)
        {
            if (System.Array.IndexOf(names, assignment.Property.Name) >= 0
                && !IsNullOrEmpty(assignment.Value)
                && !CollectionValues.IsEmpty(assignment.Value, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsNullOrEmpty(IOperation value)
    {
        var unwrapped = value.WalkDownConversions();
        if (unwrapped is IDefaultValueOperation)
        {
            return true;
        }

        var constant = unwrapped.ConstantValue;
        return constant.HasValue && (constant.Value is null || constant.Value is string { Length: 0 });
    }
}
