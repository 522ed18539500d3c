using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules;

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
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScanAndDeleteTableCleanupAnalyzer : DiagnosticAnalyzer
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

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.ScanAndDeleteTableCleanup,
        "Do not empty a DynamoDB table with Scan and DeleteItem",
        "Scanning table '{0}' and deleting every item consumes read and write capacity for each item; drop and recreate the table instead",
        RuleCategories.Cost,
        DiagnosticSeverity.Warning,
        "Deleting every item of a DynamoDB table after an unfiltered Scan is slow and consumes read capacity for the scan and write capacity for every delete. Deleting and recreating the table empties it in one operation.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var dynamo = DeferredSymbols<DynamoDbSymbols>.Create(start.Compilation, DynamoDbSymbols.AssemblyName, DynamoDbSymbols.TryCreate);
            // Every scan shape is named Scan or ScanAsync: only those calls resolve the symbols and reach the analysis.
            dynamo?.RegisterOperationAction(
                start,
                static operation => operation is IInvocationOperation { TargetMethod.Name: "Scan" or "ScanAsync" },
                AnalyzeScan,
                OperationKind.Invocation);
        });
    }

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
        if (LocalEmulator.IsConfigured(scan.Client ?? invocation.Instance, root, cancellationToken))
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

    internal static string Truncate(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= MaxDisplayLength ? text : text.Substring(0, MaxDisplayLength - 1) + "…";
    }
}

/// <summary>
/// A client, table or context configured for a local emulator: the scope that declares it (the method body for a local,
/// the type for a field or property) sets <c>ServiceURL</c> to localhost, 127.0.0.1, host.docker.internal or LocalStack.
/// Syntax-only and run only when a diagnostic is about to be reported.
/// </summary>
internal static class LocalEmulator
{
    private static readonly string[] Hosts = { "localhost", "127.0.0.1", "host.docker.internal", "localstack" };

    public static bool IsConfigured(IOperation? instance, IOperation root, CancellationToken cancellationToken)
    {
        var chain = new List<ISymbol>();
        if (instance is null || !References.TryGetChain(instance, chain))
        {
            return false;
        }

        SyntaxNode? scope = chain[0] switch
        {
            ILocalSymbol => root.Syntax,
            IFieldSymbol or IPropertySymbol when chain[0].DeclaringSyntaxReferences.Length > 0
                => GetTypeDeclaration(chain[0].DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)),
            _ => null,
        };
        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Right: { } right } assignment
                && GetName(assignment.Left) == "ServiceURL"
                && IsLocalEndpoint(right))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? GetTypeDeclaration(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private static string? GetName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// <c>"http://localhost:8000"</c>, a fallback to one (<c>Environment.GetEnvironmentVariable(…) ?? "http://localhost:8000"</c>),
    /// or a Testcontainers container's endpoint (<c>container.GetConnectionString()</c>, <c>GetMappedPublicPort(8000)</c>).
    /// </summary>
    private static bool IsLocalEndpoint(ExpressionSyntax value)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax or InterpolatedStringTextSyntax when IsLocalHost(node.ToString()):
                    return true;
                case InvocationExpressionSyntax { Expression: var callee } when GetName(callee) is "GetConnectionString" or "GetMappedPublicPort":
                    return true;
            }
        }

        return false;
    }

    private static bool IsLocalHost(string text)
    {
        foreach (var host in Hosts)
        {
            if (text.IndexOf(host, System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The DynamoDB types the rule needs, resolved once per compilation.</summary>
internal sealed class DynamoDbSymbols
{
    /// <summary>The SDK assembly of every type below but the BCL ones: without it the rule registers nothing.</summary>
    public const string AssemblyName = "AWSSDK.DynamoDBv2";

    private DynamoDbSymbols(AwsSymbols aws, INamedTypeSymbol client)
    {
        Aws = aws;
        Client = client;
        Table = aws.GetType("Amazon.DynamoDBv2.DocumentModel.Table");
        ITable = aws.GetType("Amazon.DynamoDBv2.DocumentModel.ITable");
        Context = aws.GetType("Amazon.DynamoDBv2.DataModel.DynamoDBContext");
        IContext = aws.GetType("Amazon.DynamoDBv2.DataModel.IDynamoDBContext");
        DeleteRequest = aws.GetType("Amazon.DynamoDBv2.Model.DeleteRequest");
        TableAttribute = aws.GetType("Amazon.DynamoDBv2.DataModel.DynamoDBTableAttribute");
        CancellationToken = aws.GetType("System.Threading.CancellationToken");
        Enumerable = aws.GetType("System.Linq.Enumerable");
    }

    public AwsSymbols Aws { get; }
    public INamedTypeSymbol Client { get; }
    public INamedTypeSymbol? Table { get; }
    public INamedTypeSymbol? ITable { get; }
    public INamedTypeSymbol? Context { get; }
    public INamedTypeSymbol? IContext { get; }
    public INamedTypeSymbol? DeleteRequest { get; }
    public INamedTypeSymbol? TableAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Enumerable { get; }

    public static DynamoDbSymbols? TryCreate(AwsSymbols aws)
    {
        var client = aws.GetType("Amazon.DynamoDBv2.IAmazonDynamoDB");
        return client is null ? null : new DynamoDbSymbols(aws, client);
    }

    public bool IsDocumentTable(ITypeSymbol? type) => type.IsType(Table) || type.IsType(ITable);

    public bool IsContext(ITypeSymbol? type) => type.IsType(Context) || type.IsType(IContext);

    public static bool IsInDynamoDbNamespace(ITypeSymbol? type, string lastNamespace)
        => type?.ContainingNamespace is { Name: var name, ContainingNamespace.Name: "DynamoDBv2" } && name == lastNamespace;
}

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

/// <summary>Recognises an empty collection: <c>new List&lt;T&gt;()</c>, <c>new ScanFilter()</c>, <c>Array.Empty&lt;T&gt;()</c>, <c>[]</c>…</summary>
internal static class CollectionValues
{
    public static bool IsEmpty(IOperation value, CancellationToken cancellationToken)
    {
        var unwrapped = value.WalkDownConversions();
        if (IsEmptyCreation(unwrapped))
        {
            return true;
        }

        if (unwrapped is not ILocalReferenceOperation reference)
        {
            return false;
        }

        // A local initialised empty and only ever passed to a scan (never filled).
        var local = reference.Local;
        var initialised = false;
        foreach (var operation in reference.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is not { } initializer || !IsEmptyCreation(initializer.WalkDownConversions()))
                    {
                        return false;
                    }

                    initialised = true;
                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local):
                    if (other.WalkUpConversions() is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Scan" or "ScanAsync" } })
                    {
                        return false;
                    }

                    break;
            }
        }

        return initialised;
    }

    private static bool IsEmptyCreation(IOperation value)
    {
        switch (value)
        {
            case IObjectCreationOperation creation:
                if (creation.Initializer is { Initializers.Length: > 0 })
                {
                    return false;
                }

                // new List<T>() or new List<T>(capacity); a copy constructor is not empty.
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Value.Type?.SpecialType != SpecialType.System_Int32)
                    {
                        return false;
                    }
                }

                return true;
            case IArrayCreationOperation array:
                if (array.Initializer is { } arrayInitializer)
                {
                    return arrayInitializer.ElementValues.Length == 0;
                }

                foreach (var size in array.DimensionSizes)
                {
                    if (size.ConstantValue is not { HasValue: true, Value: 0 })
                    {
                        return false;
                    }
                }

                return true;
            case IInvocationOperation { TargetMethod: { Name: "Empty", Parameters.Length: 0, ContainingType: { } type } }:
                return type.SpecialType == SpecialType.System_Array
                       || (type.Name == "Enumerable" && type.ContainingNamespace?.ToDisplayString() == "System.Linq");
            default:
                // C# 12 collection expression `[]` (OperationKind.CollectionExpression, newer than the Roslyn we compile against).
                return value.Kind.ToString() == "CollectionExpression" && IsEmptyChildren(value);
        }
    }

    private static bool IsEmptyChildren(IOperation value)
    {
        foreach (var _ in value.ChildOperations)
        {
            return false;
        }

        return true;
    }
}

/// <summary>Symbol chains for "the same variable": <c>client</c>, <c>_client</c>, <c>this.Options.TableName</c>.</summary>
internal static class References
{
    public static bool TryGetChain(IOperation? operation, List<ISymbol> chain)
    {
        switch (operation?.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                chain.Add(local.Local);
                return true;
            case IParameterReferenceOperation parameter:
                chain.Add(parameter.Parameter);
                return true;
            case IFieldReferenceOperation field:
                if (field.Instance is not (null or IInstanceReferenceOperation) && !TryGetChain(field.Instance, chain))
                {
                    return false;
                }

                chain.Add(field.Field);
                return true;
            case IPropertyReferenceOperation { Property.Parameters.Length: 0 } property:
                if (property.Instance is not (null or IInstanceReferenceOperation) && !TryGetChain(property.Instance, chain))
                {
                    return false;
                }

                chain.Add(property.Property);
                return true;
            default:
                return false;
        }
    }

    public static bool SameChain(IOperation? left, IOperation? right)
    {
        var a = new List<ISymbol>();
        var b = new List<ISymbol>();
        return TryGetChain(left, a) && TryGetChain(right, b) && SameChain(a, b);
    }

    public static bool SameChain(List<ISymbol> a, List<ISymbol> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The operations of one method body the analysis looks at, collected in one walk.</summary>
internal sealed class BodyIndex
{
    private BodyIndex(IOperation root)
    {
        Root = root;
    }

    public IOperation Root { get; }
    public List<IInvocationOperation> Invocations { get; } = new();
    public List<IVariableDeclaratorOperation> Declarators { get; } = new();
    public List<IAssignmentOperation> Assignments { get; } = new();
    public List<IForEachLoopOperation> ForEachLoops { get; } = new();
    public List<IAnonymousFunctionOperation> Lambdas { get; } = new();
    public List<IObjectCreationOperation> DeleteRequestCreations { get; } = new();
    public List<IConditionalOperation> Conditionals { get; } = new();
    public List<ISwitchOperation> Switches { get; } = new();

    public static BodyIndex Create(IOperation root, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        var index = new BodyIndex(root);
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation invocation:
                    index.Invocations.Add(invocation);
                    break;
                case IVariableDeclaratorOperation declarator:
                    index.Declarators.Add(declarator);
                    break;
                case IAssignmentOperation assignment:
                    index.Assignments.Add(assignment);
                    break;
                case IForEachLoopOperation loop:
                    index.ForEachLoops.Add(loop);
                    break;
                case IAnonymousFunctionOperation lambda:
                    index.Lambdas.Add(lambda);
                    break;
                case IObjectCreationOperation creation when creation.Type.IsType(dynamo.DeleteRequest):
                    index.DeleteRequestCreations.Add(creation);
                    break;
                case IConditionalOperation conditional:
                    index.Conditionals.Add(conditional);
                    break;
                case ISwitchOperation @switch:
                    index.Switches.Add(@switch);
                    break;
            }
        }

        return index;
    }
}

/// <summary>
/// Which locals and lambda parameters hold data read by the scan. "Item level" symbols hold one scanned item (a foreach
/// variable, a lambda parameter, values computed from them); the others hold a page, a list or a pagination token.
/// </summary>
internal sealed class ScanTaint
{
    private readonly IOperation source;
    private readonly HashSet<ISymbol> tainted = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> items = new(SymbolEqualityComparer.Default);
    private readonly Stack<IOperation> pending = new();

    private ScanTaint(IOperation source)
    {
        this.source = source;
    }

    public static ScanTaint Compute(IOperation source, BodyIndex body, CancellationToken cancellationToken)
    {
        var taint = new ScanTaint(source);
        var changed = true;
        while (changed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            changed = false;
            foreach (var declarator in body.Declarators)
            {
                if (declarator.GetVariableInitializer()?.Value is { } value)
                {
                    changed |= taint.Mark(declarator.Symbol, value);
                }
            }

            foreach (var assignment in body.Assignments)
            {
                if (assignment is ISimpleAssignmentOperation && GetRootLocal(assignment.Target) is { } target)
                {
                    changed |= taint.Mark(target, assignment.Value);
                }
            }

            foreach (var loop in body.ForEachLoops)
            {
                if (taint.Reads(loop.Collection, itemsOnly: false))
                {
                    foreach (var local in GetLoopVariables(loop))
                    {
                        changed |= taint.Add(local, item: true);
                    }
                }
            }

            foreach (var invocation in body.Invocations)
            {
                // list.Add(item), writes.AddRange(...), batch.Add(...): the receiver now holds scanned data.
                if (invocation.Instance is { } instance && GetRootLocal(instance) is { } receiver && !taint.tainted.Contains(receiver))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (taint.Reads(argument.Value, itemsOnly: false))
                        {
                            changed |= taint.Add(receiver, item: false);
                            break;
                        }
                    }
                }
            }

            foreach (var lambda in body.Lambdas)
            {
                // items.Select(i => ...), Parallel.ForEachAsync(items, (i, ct) => ...): the parameters are scanned items.
                if (lambda.WalkUpConversions() is IDelegateCreationOperation delegateCreation
                    && delegateCreation.WalkUpConversions() is IArgumentOperation { Parent: IInvocationOperation call } argument
                    && taint.CallReadsScan(call, argument))
                {
                    foreach (var parameter in lambda.Symbol.Parameters)
                    {
                        changed |= taint.Add(parameter, item: true);
                    }
                }
            }
        }

        return taint;
    }

    private bool CallReadsScan(IInvocationOperation call, IArgumentOperation except)
    {
        if (call.Instance is { } instance && Reads(instance, itemsOnly: false))
        {
            return true;
        }

        foreach (var argument in call.Arguments)
        {
            if (!ReferenceEquals(argument, except) && Reads(argument.Value, itemsOnly: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the value reads the scan result (or, with <paramref name="itemsOnly"/>, a scanned item).</summary>
    public bool Reads(IOperation? value, bool itemsOnly)
    {
        if (value is null)
        {
            return false;
        }

        // The fixed point above asks this for every value of the body on every pass: walk with one reused stack, not an iterator.
        var set = itemsOnly ? items : tainted;
        var pending = this.pending;
        pending.Clear();
        pending.Push(value);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (!itemsOnly && ReferenceEquals(operation, source))
            {
                return true;
            }

            switch (operation)
            {
                case ILocalReferenceOperation local when set.Contains(local.Local):
                case IParameterReferenceOperation parameter when set.Contains(parameter.Parameter):
                    return true;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (child is not null)
                {
                    pending.Push(child);
                }
            }
        }

        return false;
    }

    private bool Mark(ISymbol symbol, IOperation value)
    {
        if (items.Contains(symbol))
        {
            return false;
        }

        if (Reads(value, itemsOnly: true))
        {
            return Add(symbol, item: true);
        }

        return !tainted.Contains(symbol) && Reads(value, itemsOnly: false) && Add(symbol, item: false);
    }

    private bool Add(ISymbol symbol, bool item)
    {
        var added = tainted.Add(symbol);
        if (item)
        {
            added |= items.Add(symbol);
        }

        return added;
    }

    /// <summary>The local an assignment target writes: <c>x = …</c>, <c>x.Prop = …</c>, <c>x[key] = …</c>.</summary>
    private static ILocalSymbol? GetRootLocal(IOperation target)
    {
        var current = target.WalkDownConversions();
        while (true)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    continue;
                case IArrayElementReferenceOperation element:
                    current = element.ArrayReference.WalkDownConversions();
                    continue;
                default:
                    return null;
            }
        }
    }

    private static IEnumerable<ILocalSymbol> GetLoopVariables(IForEachLoopOperation loop)
    {
        foreach (var local in loop.Locals)
        {
            yield return local;
        }

        if (loop.LoopControlVariable is { } control)
        {
            foreach (var operation in control.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation { IsDeclaration: true } declared)
                {
                    yield return declared.Local;
                }
                else if (operation is IVariableDeclaratorOperation declarator)
                {
                    yield return declarator.Symbol;
                }
            }
        }
    }
}

internal enum DeleteKind
{
    LowLevel,
    Document,
    DataModel,
}

internal sealed class DeleteSite
{
    public DeleteSite(IInvocationOperation invocation, DeleteKind kind)
    {
        Invocation = invocation;
        Kind = kind;
    }

    public IInvocationOperation Invocation { get; }
    public DeleteKind Kind { get; }
}

internal sealed class CleanupResult
{
    public CleanupResult(List<DeleteSite> deletes, ScanTaint taint)
    {
        Deletes = deletes;
        Taint = taint;
    }

    public List<DeleteSite> Deletes { get; }
    public ScanTaint Taint { get; }

    public bool Overlaps(CleanupResult other)
    {
        foreach (var delete in Deletes)
        {
            foreach (var otherDelete in other.Deletes)
            {
                if (ReferenceEquals(delete.Invocation, otherDelete.Invocation))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Finds the deletes fed by one scan and rejects client-side filters and moves.</summary>
internal static class CleanupAnalysis
{
    private static readonly string[] FilteringLinq = { "Where", "TakeWhile", "SkipWhile", "Except", "Intersect", "ExceptBy", "IntersectBy" };
    private static readonly string[] PredicateLinq = { "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault" };
    private static readonly string[] FilteringListMethods = { "FindAll", "Find", "FindLast", "RemoveAll", "RemoveWhere" };

    public static CleanupResult? Analyze(ScanSite scan, BodyIndex body, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        ScanTaint? taint = null;
        var deletes = new List<DeleteSite>();
        foreach (var invocation in body.Invocations)
        {
            if (ReferenceEquals(invocation, scan.Invocation) || !IsDeleteName(invocation.TargetMethod.Name))
            {
                continue;
            }

            taint ??= ScanTaint.Compute(scan.Invocation, body, cancellationToken);
            if (TryMatchDelete(scan, invocation, body, taint, dynamo, cancellationToken, out var kind))
            {
                deletes.Add(new DeleteSite(invocation, kind));
            }
        }

        if (taint is null || deletes.Count == 0 || IsFilteredOrMoved(scan, deletes, body, taint, dynamo))
        {
            return null;
        }

        // Deletes guarded by a condition on the item (or skipped with `continue`) are a client-side filter, not a cleanup.
        var unconditional = false;
        foreach (var delete in deletes)
        {
            if (!IsGuardedByItemCondition(delete.Invocation, body, taint))
            {
                unconditional = true;
                break;
            }
        }

        return unconditional ? new CleanupResult(deletes, taint) : null;
    }

    private static bool IsDeleteName(string name)
        => name is "DeleteItem" or "DeleteItemAsync" or "BatchWriteItem" or "BatchWriteItemAsync" or "Delete" or "DeleteAsync"
            or "AddItemToDelete" or "AddKeyToDelete" or "AddDeleteItem" or "AddDeleteItems" or "AddDeleteKey";

    private static bool TryMatchDelete(ScanSite scan, IInvocationOperation invocation, BodyIndex body, ScanTaint taint, DynamoDbSymbols dynamo, CancellationToken cancellationToken, out DeleteKind kind)
    {
        kind = DeleteKind.LowLevel;
        if (!ArgumentsRead(invocation, taint))
        {
            return false;
        }

        var method = invocation.TargetMethod;
        if (AwsOperation.TryGet(invocation, dynamo.Aws, out var operation))
        {
            if (operation.Is(dynamo.Client, "DeleteItem"))
            {
                return IsLowLevelDeleteOfTable(scan, operation, cancellationToken);
            }

            return operation.Is(dynamo.Client, "BatchWriteItem") && IsBatchDeleteOfTable(scan, operation, body, taint, cancellationToken);
        }

        if (method.ContainingType is not { } type || invocation.Instance is not { } instance)
        {
            return false;
        }

        if (scan.Kind == ScanKind.Document && scan.TableInstance is { } table)
        {
            kind = DeleteKind.Document;
            if (method.Name is "DeleteItem" or "DeleteItemAsync" && dynamo.IsDocumentTable(type))
            {
                var chain = new List<ISymbol>();
                return References.TryGetChain(instance, chain) && References.SameChain(chain, table)
                       && !HasConditionConfig(invocation, cancellationToken, "ConditionalExpression", "ExpectedState", "Expected");
            }

            // var batch = table.CreateBatchWrite(); batch.AddItemToDelete(doc);
            return method.Name is "AddItemToDelete" or "AddKeyToDelete"
                   && DynamoDbSymbols.IsInDynamoDbNamespace(type, "DocumentModel")
                   && GetBatchFactory(instance, body) is { TargetMethod.Name: "CreateBatchWrite", Instance: { } factoryInstance }
                   && References.SameChain(factoryInstance, scan.Invocation.Instance);
        }

        if (scan.Kind == ScanKind.DataModel && scan.ItemType is { } itemType)
        {
            kind = DeleteKind.DataModel;
            if (method.Name is "Delete" or "DeleteAsync" && dynamo.IsContext(type))
            {
                return method.TypeArguments.Length == 1
                       && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], itemType)
                       && !HasConditionConfig(invocation, cancellationToken, "OverrideTableName", "TableNamePrefix");
            }

            // var batch = context.CreateBatchWrite<T>(); batch.AddDeleteItems(items);
            return method.Name is "AddDeleteItem" or "AddDeleteItems" or "AddDeleteKey"
                   && DynamoDbSymbols.IsInDynamoDbNamespace(type, "DataModel")
                   && type is { TypeArguments.Length: 1 }
                   && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], itemType)
                   && GetBatchFactory(instance, body) is { TargetMethod.Name: "CreateBatchWrite" } factory
                   && !HasConditionConfig(factory, cancellationToken, "OverrideTableName", "TableNamePrefix");
        }

        return false;
    }

    private static bool ArgumentsRead(IInvocationOperation invocation, ScanTaint taint)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (taint.Reads(argument.Value, itemsOnly: false))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLowLevelDeleteOfTable(ScanSite scan, AwsOperation operation, CancellationToken cancellationToken)
    {
        IOperation? table = null;
        if (operation.RequestArgument is { } requestArgument)
        {
            if (!RequestObjects.TryGetAssignments(requestArgument.Value, cancellationToken, out var assignments))
            {
                return false;
            }

            var count = 0;
            foreach (var assignment in assignments)
            {
                switch (assignment.Property.Name)
                {
                    case "TableName":
                        table = assignment.Value;
                        count += assignment.IsConditional ? 2 : 1;
                        break;
                    case "ConditionExpression" or "Expected" when !ScanSite.IsNullOrEmpty(assignment.Value):
                        return false; // A conditional delete removes only matching items.
                }
            }

            if (count != 1)
            {
                return false;
            }
        }
        else
        {
            foreach (var argument in operation.Invocation.Arguments)
            {
                if (argument.Parameter?.Name == "tableName")
                {
                    table = argument.Value;
                }
            }
        }

        return table is not null && IsSameTable(scan, table, cancellationToken);
    }

    private static bool IsBatchDeleteOfTable(ScanSite scan, AwsOperation operation, BodyIndex body, ScanTaint taint, CancellationToken cancellationToken)
    {
        IOperation? requestItems = null;
        if (operation.RequestArgument is { } requestArgument)
        {
            if (!RequestObjects.TryGetAssignments(requestArgument.Value, cancellationToken, out var assignments))
            {
                return false;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Property.Name == "RequestItems")
                {
                    requestItems = assignment.Value;
                }
            }
        }
        else
        {
            foreach (var argument in operation.Invocation.Arguments)
            {
                if (argument.Parameter?.Name == "requestItems")
                {
                    requestItems = argument.Value;
                }
            }
        }

        if (requestItems is null)
        {
            return false;
        }

        // The batch must contain DeleteRequests built from the scanned items.
        var deletesItems = false;
        foreach (var creation in body.DeleteRequestCreations)
        {
            if (taint.Reads(creation, itemsOnly: false))
            {
                deletesItems = true;
                break;
            }
        }

        if (!deletesItems)
        {
            return false;
        }

        foreach (var key in GetDictionaryKeys(requestItems, body))
        {
            if (IsSameTable(scan, key, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The keys of <c>new Dictionary { [table] = … }</c>, <c>{ { table, … } }</c>, or a local filled with them.</summary>
    private static IEnumerable<IOperation> GetDictionaryKeys(IOperation value, BodyIndex body)
    {
        var unwrapped = value.WalkDownConversions();
        if (unwrapped is IObjectCreationOperation creation)
        {
            foreach (var key in GetInitializerKeys(creation.Initializer))
            {
                yield return key;
            }
        }
        else if (unwrapped is IMemberInitializerOperation memberInitializer)
        {
            // RequestItems = { [table] = writes } (no `new`).
            foreach (var key in GetInitializerKeys(memberInitializer.Initializer))
            {
                yield return key;
            }
        }
        else if (unwrapped is ILocalReferenceOperation reference)
        {
            foreach (var declarator in body.Declarators)
            {
                if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local)
                    && declarator.GetVariableInitializer()?.Value.WalkDownConversions() is IObjectCreationOperation initial)
                {
                    foreach (var key in GetInitializerKeys(initial.Initializer))
                    {
                        yield return key;
                    }
                }
            }

            foreach (var assignment in body.Assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                    && indexer.Instance?.WalkDownConversions() is ILocalReferenceOperation owner
                    && SymbolEqualityComparer.Default.Equals(owner.Local, reference.Local))
                {
                    yield return indexer.Arguments[0].Value;
                }
            }

            foreach (var invocation in body.Invocations)
            {
                if (invocation.TargetMethod.Name is "Add" or "TryAdd" && invocation.Arguments.Length == 2
                    && invocation.Instance?.WalkDownConversions() is ILocalReferenceOperation owner
                    && SymbolEqualityComparer.Default.Equals(owner.Local, reference.Local))
                {
                    yield return invocation.Arguments[0].Value;
                }
            }
        }
    }

    private static IEnumerable<IOperation> GetInitializerKeys(IObjectOrCollectionInitializerOperation? initializer)
    {
        if (initializer is null)
        {
            yield break;
        }

        foreach (var element in initializer.Initializers)
        {
            switch (element)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer }:
                    yield return indexer.Arguments[0].Value;
                    break;
                case IInvocationOperation { Arguments.Length: 2 } add:
                    yield return add.Arguments[0].Value;
                    break;
            }
        }
    }

    public static bool IsSameTable(ScanSite scan, IOperation table, CancellationToken cancellationToken)
    {
        if (scan.TableConstant is { } expected
            && ConstantValues.TryGetConstantString(table, cancellationToken, out var actual)
            && !string.IsNullOrEmpty(actual))
        {
            return actual == expected;
        }

        if (scan.TableExpression is { } scanTable && References.SameChain(scanTable, table))
        {
            return true;
        }

        // new DeleteItemRequest { TableName = scanRequest.TableName, … }
        return scan.RequestLocal is { } requestLocal
               && table.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "TableName", Instance: { } instance }
               && instance.WalkDownConversions() is ILocalReferenceOperation owner
               && SymbolEqualityComparer.Default.Equals(owner.Local, requestLocal);
    }

    /// <summary>A config argument (DeleteItemOperationConfig, DynamoDBOperationConfig…) that sets one of the names, or cannot be followed.</summary>
    private static bool HasConditionConfig(IInvocationOperation invocation, CancellationToken cancellationToken, params string[] names)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter || !parameter.Type.Name.EndsWith("Config", System.StringComparison.Ordinal))
            {
                continue;
            }

            if (ScanSite.IsNullOrEmpty(argument.Value))
            {
                continue;
            }

            if (!RequestObjects.TryGetAssignments(argument.Value, cancellationToken, out var assignments)
                || ScanSite.SetsAnyNonEmpty(assignments, cancellationToken, names))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The call that created a batch local: <c>var batch = table.CreateBatchWrite();</c>.</summary>
    private static IInvocationOperation? GetBatchFactory(IOperation instance, BodyIndex body)
    {
        if (instance.WalkDownConversions() is not ILocalReferenceOperation reference)
        {
            return null;
        }

        foreach (var declarator in body.Declarators)
        {
            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                return declarator.GetVariableInitializer()?.Value.WalkDownConversions() as IInvocationOperation;
            }
        }

        return null;
    }

    /// <summary>
    /// The scanned data is filtered in memory (LINQ Where, FindAll…) or also written somewhere else (PutItem to another
    /// table, SQS, S3, SaveAsync…): that is a filtered delete or a move, not a table cleanup.
    /// </summary>
    private static bool IsFilteredOrMoved(ScanSite scan, List<DeleteSite> deletes, BodyIndex body, ScanTaint taint, DynamoDbSymbols dynamo)
    {
        foreach (var invocation in body.Invocations)
        {
            if (ReferenceEquals(invocation, scan.Invocation) || IsMatched(invocation, deletes))
            {
                continue;
            }

            var method = invocation.TargetMethod;
            var name = method.Name;
            if (method.ContainingType.IsType(dynamo.Enumerable)
                && (System.Array.IndexOf(FilteringLinq, name) >= 0 || (System.Array.IndexOf(PredicateLinq, name) >= 0 && method.Parameters.Length == 2))
                && ArgumentsRead(invocation, taint))
            {
                return true;
            }

            if (System.Array.IndexOf(FilteringListMethods, name) >= 0 && taint.Reads(invocation.Instance, itemsOnly: false))
            {
                return true;
            }

            if (IsItemProcessing(invocation, deletes, body, taint))
            {
                return true;
            }

            if (IsFilteredCollect(invocation, deletes, body, taint))
            {
                return true;
            }

            if (!ArgumentsRead(invocation, taint))
            {
                continue;
            }

            if (AwsOperation.TryGet(invocation, dynamo.Aws, out var operation))
            {
                if (!(operation.Is(dynamo.Client, "Scan") || operation.Is(dynamo.Client, "DeleteItem") || operation.Is(dynamo.Client, "BatchWriteItem")))
                {
                    return true;
                }

                continue;
            }

            if (name is "PutItem" or "PutItemAsync" or "UpdateItem" or "UpdateItemAsync" or "AddDocumentToPut" or "Save" or "SaveAsync" or "AddPutItem" or "AddPutItems"
                && (DynamoDbSymbols.IsInDynamoDbNamespace(method.ContainingType, "DocumentModel") || DynamoDbSymbols.IsInDynamoDbNamespace(method.ContainingType, "DataModel")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A scanned item is handed to code that is not a library helper (a method of the user's code, a third-party call):
    /// "scan, process each item, delete it" uses the table as a queue, it does not empty it. A call that only computes what
    /// the delete uses (<c>KeyOf(item)</c>, <c>var key = KeyOf(item)</c>) is not processing.
    /// </summary>
    private static bool IsItemProcessing(IInvocationOperation invocation, List<DeleteSite> deletes, BodyIndex body, ScanTaint taint)
    {
        if (IsLibrary(invocation.TargetMethod.ContainingNamespace))
        {
            return false;
        }

        var readsItem = invocation.Instance is { } instance && taint.Reads(instance, itemsOnly: true);
        foreach (var argument in invocation.Arguments)
        {
            readsItem |= taint.Reads(argument.Value, itemsOnly: true);
        }

        if (!readsItem)
        {
            return false;
        }

        foreach (var delete in deletes)
        {
            if (invocation.IsDescendantOf(delete.Invocation))
            {
                return false;
            }
        }

        return GetAssignedLocal(invocation) is not { } local || !FeedsDeletes(local, deletes, body);
    }

    /// <summary>
    /// <c>if (expired(item)) toDelete.Add(item);</c> (or an <c>Add</c> after <c>if (…item…) continue;</c>) into a collection
    /// that the deletes later read: a client-side filter, the same as guarding the delete itself.
    /// </summary>
    private static bool IsFilteredCollect(IInvocationOperation invocation, List<DeleteSite> deletes, BodyIndex body, ScanTaint taint)
    {
        if (invocation.Instance?.WalkDownConversions() is not ILocalReferenceOperation receiver)
        {
            return false;
        }

        var readsItem = false;
        foreach (var argument in invocation.Arguments)
        {
            readsItem |= taint.Reads(argument.Value, itemsOnly: true);
        }

        return readsItem
               && IsGuardedByItemCondition(invocation, body, taint)
               && FeedsDeletes(receiver.Local, deletes, body);
    }

    private static bool IsLibrary(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        var name = ns.ToDisplayString();
        foreach (var prefix in LibraryNamespaces)
        {
            if (name == prefix || name.StartsWith(prefix + ".", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] LibraryNamespaces = { "System", "Amazon", "Microsoft.Extensions.Logging", "Serilog", "NLog", "log4net" };

    /// <summary>The local a call's (awaited) result is stored in.</summary>
    private static ILocalSymbol? GetAssignedLocal(IOperation operation)
    {
        var current = operation;
        while (current.Parent is IAwaitOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target => target.Local,
            _ => null,
        };
    }

    /// <summary>The local reaches a delete's arguments directly or through up to two locals built from it.</summary>
    private static bool FeedsDeletes(ILocalSymbol local, List<DeleteSite> deletes, BodyIndex body)
    {
        var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { local };
        for (var hop = 0; hop < 3; hop++)
        {
            foreach (var delete in deletes)
            {
                foreach (var argument in delete.Invocation.Arguments)
                {
                    if (ReadsAny(argument.Value, set))
                    {
                        return true;
                    }
                }
            }

            var added = new List<ISymbol>();
            foreach (var declarator in body.Declarators)
            {
                if (declarator.GetVariableInitializer()?.Value is { } value && ReadsAny(value, set))
                {
                    added.Add(declarator.Symbol);
                }
            }

            foreach (var assignment in body.Assignments)
            {
                if (assignment.Target.WalkDownConversions() is ILocalReferenceOperation target && ReadsAny(assignment.Value, set))
                {
                    added.Add(target.Local);
                }
                else if (assignment.Target is IMemberReferenceOperation { Instance: { } owner } && owner.WalkDownConversions() is ILocalReferenceOperation ownerLocal && ReadsAny(assignment.Value, set))
                {
                    added.Add(ownerLocal.Local);
                }
            }

            foreach (var call in body.Invocations)
            {
                if (call.Instance?.WalkDownConversions() is ILocalReferenceOperation receiver)
                {
                    foreach (var argument in call.Arguments)
                    {
                        if (ReadsAny(argument.Value, set))
                        {
                            added.Add(receiver.Local);
                            break;
                        }
                    }
                }
            }

            foreach (var loop in body.ForEachLoops)
            {
                // foreach (var chunk in keys.Chunk(25)) { … delete(chunk) … }
                if (ReadsAny(loop.Collection, set))
                {
                    foreach (var loopLocal in loop.Locals)
                    {
                        added.Add(loopLocal);
                    }
                }
            }

            var grew = false;
            foreach (var symbol in added)
            {
                grew |= set.Add(symbol);
            }

            if (!grew)
            {
                break;
            }
        }

        return false;
    }

    private static bool ReadsAny(IOperation value, HashSet<ISymbol> symbols)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && symbols.Contains(reference.Local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMatched(IInvocationOperation invocation, List<DeleteSite> deletes)
    {
        foreach (var delete in deletes)
        {
            if (ReferenceEquals(delete.Invocation, invocation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGuardedByItemCondition(IInvocationOperation delete, BodyIndex body, ScanTaint taint)
    {
        for (IOperation? current = delete, parent = delete.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when !ReferenceEquals(conditional.Condition, current) && taint.Reads(conditional.Condition, itemsOnly: true):
                    return true;
                case ISwitchOperation @switch when taint.Reads(@switch.Value, itemsOnly: true):
                    return true;
                case ISwitchExpressionOperation switchExpression when taint.Reads(switchExpression.Value, itemsOnly: true):
                    return true;
                case ILoopOperation loop when SkipsItems(loop, body, taint):
                    return true;
                case ICatchClauseOperation:
                    return true; // Deletes only the items whose processing failed.
            }
        }

        return false;
    }

    /// <summary><c>if (item["keep"].BOOL) continue;</c> inside the loop.</summary>
    private static bool SkipsItems(ILoopOperation loop, BodyIndex body, ScanTaint taint)
    {
        foreach (var conditional in body.Conditionals)
        {
            if (!conditional.IsDescendantOf(loop.Body) || !taint.Reads(conditional.Condition, itemsOnly: true))
            {
                continue;
            }

            foreach (var operation in conditional.DescendantsAndSelf())
            {
                if (operation is IBranchOperation { BranchKind: BranchKind.Continue })
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// The statements the low-level fix replaces: a contiguous run of statements of one block, from the scan's first related
/// statement (its request and response locals) to the last delete, that nothing after it depends on.
/// </summary>
internal readonly struct FixRange
{
    private FixRange(int start, int end, string client, string table, string? cancellationToken)
    {
        Start = start;
        End = end;
        Client = client;
        Table = table;
        CancellationToken = cancellationToken;
    }

    public int Start { get; }
    public int End { get; }
    public string Client { get; }
    public string Table { get; }
    public string? CancellationToken { get; }

    public ImmutableDictionary<string, string?> ToProperties()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.FixableKey, "1");
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.RangeStartKey, Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.RangeEndKey, End.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.ClientKey, Client);
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.TableKey, Table);
        if (CancellationToken is not null)
        {
            builder.Add(ScanAndDeleteTableCleanupAnalyzer.CancellationTokenKey, CancellationToken);
        }

        return builder.ToImmutable();
    }

    public static bool TryCreate(ScanSite scan, CleanupResult result, BodyIndex body, ISymbol containingSymbol, DynamoDbSymbols dynamo, CancellationToken cancellationToken, out FixRange range)
    {
        range = default;
        if (scan.Kind != ScanKind.LowLevel || scan.IsSegment || scan.Client is not { } client || scan.TableExpression is not { } table)
        {
            return false;
        }

        foreach (var delete in result.Deletes)
        {
            if (delete.Kind != DeleteKind.LowLevel)
            {
                return false;
            }
        }

        // The function the scan runs in must be async (the replacement awaits the helper).
        IOperation? function = null;
        for (var current = scan.Invocation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                function = current;
                break;
            }
        }

        var isAsync = function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => containingSymbol is IMethodSymbol { IsAsync: true },
        };
        if (!isAsync)
        {
            return false;
        }

        var keep = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var clientChain = new List<ISymbol>();
        if (!References.TryGetChain(client, clientChain))
        {
            return false;
        }

        keep.Add(clientChain[0]);
        var tableChain = new List<ISymbol>();
        var tableIsChain = References.TryGetChain(table, tableChain);
        if (tableIsChain)
        {
            keep.Add(tableChain[0]);
        }
        else if (scan.TableConstant is null)
        {
            return false;
        }

        var tokenChain = new List<ISymbol>();
        var token = scan.CancellationTokenArgument;
        if (token is not null && !ScanSite.IsNullOrEmpty(token) && !IsCancellationTokenNone(token))
        {
            if (!References.TryGetChain(token, tokenChain))
            {
                return false;
            }

            keep.Add(tokenChain[0]);
        }
        else
        {
            token = null;
        }

        // The innermost block whose statements hold a self-contained cleanup: a pagination loop's body is not (its state
        // crosses the loop), the block around the loop is; a loop over several table names keeps the loop.
        for (var current = scan.Invocation.Parent; current is not null && current != function; current = current.Parent)
        {
            if (current is ISwitchOperation or ISwitchCaseOperation or IConditionalOperation)
            {
                return false; // Inside any larger range, the scan would run only on some paths.
            }

            if (current is not IBlockOperation block || !ContainsAll(block, result.Deletes)
                || !TryGetStatements(block, scan, result, out var first, out var last))
            {
                continue;
            }

            var statements = block.Operations;

            // Pull in the declarations right before the scan that only the cleanup uses (request, response, pagination key).
            while (first > 0 && statements[first - 1] is IVariableDeclarationGroupOperation group
                   && IsOnlyUsedWithin(group, statements[first - 1].Syntax.SpanStart, statements[last].Syntax.Span.End, body, keep))
            {
                first--;
            }

            var start = statements[first].Syntax.SpanStart;
            var end = statements[last].Syntax.Span.End;
            if (IsDeclaredWithin(clientChain[0], start, end)
                || (token is not null && IsDeclaredWithin(tokenChain[0], start, end))
                || !IsSelfContained(statements, first, last, start, end, scan, result, body, function, dynamo, cancellationToken))
            {
                continue;
            }

            var tableText = table.Syntax.ToString();
            if (!tableIsChain || IsDeclaredWithin(tableChain[0], start, end))
            {
                if (scan.TableConstant is not { } constant)
                {
                    continue;
                }

                tableText = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(constant, quote: true);
            }

            range = new FixRange(start, end, client.Syntax.ToString(), tableText, token?.Syntax.ToString());
            return true;
        }

        return false;
    }

    private static bool TryGetStatements(IBlockOperation block, ScanSite scan, CleanupResult result, out int first, out int last)
    {
        var statements = block.Operations;
        first = IndexOfChildContaining(statements, scan.Invocation);
        last = -1;
        foreach (var delete in result.Deletes)
        {
            last = System.Math.Max(last, IndexOfChildContaining(statements, delete.Invocation));
            for (var current = delete.Invocation.Parent; current is not null && current != block; current = current.Parent)
            {
                if (current is ISwitchOperation or ISwitchCaseOperation)
                {
                    return false;
                }
            }
        }

        return first >= 0 && last >= first;
    }

    private static bool IsCancellationTokenNone(IOperation token)
        => token.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "None", Instance: null };

    private static bool ContainsAll(IBlockOperation block, List<DeleteSite> deletes)
    {
        foreach (var delete in deletes)
        {
            if (!delete.Invocation.IsDescendantOf(block))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfChildContaining(ImmutableArray<IOperation> statements, IOperation operation)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            if (operation.IsDescendantOf(statements[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDeclaredWithin(ISymbol symbol, int start, int end)
    {
        if (symbol is not ILocalSymbol)
        {
            return false;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.Span.Start >= start && reference.Span.End <= end)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOnlyUsedWithin(IVariableDeclarationGroupOperation group, int start, int end, BodyIndex body, HashSet<ISymbol> keep)
    {
        var locals = new List<ILocalSymbol>();
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (keep.Contains(declarator.Symbol))
                {
                    return false;
                }

                locals.Add(declarator.Symbol);
            }
        }

        if (locals.Count == 0)
        {
            return false;
        }

        var used = false;
        foreach (var operation in body.Root.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local))
            {
                if (operation.Syntax.SpanStart < start || operation.Syntax.Span.End > end)
                {
                    return false;
                }

                used = true;
            }
        }

        return used;
    }

    private static bool IsSelfContained(ImmutableArray<IOperation> statements, int first, int last, int start, int end, ScanSite scan, CleanupResult result, BodyIndex body, IOperation? function, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        // Nothing outside the range may read a local declared inside it.
        foreach (var operation in body.Root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference
                && (operation.Syntax.SpanStart < start || operation.Syntax.Span.End > end)
                && IsDeclaredWithin(reference.Local, start, end))
            {
                return false;
            }
        }

        for (var i = first; i <= last; i++)
        {
            foreach (var operation in statements[i].DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalFunctionOperation or ILabeledOperation:
                        return false;
                    case IReturnOperation when GetFunction(operation) == function:
                        return false; // return / yield return / yield break of the method itself.
                    case IBranchOperation branch when !BranchStaysInside(branch, statements, first, last, function):
                        return false;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                        break; // Object initializer members.
                    case IAssignmentOperation assignment when !WritesLocalWithin(assignment.Target, start, end):
                        return false; // A counter, a field, state the rest of the method (or the object) sees.
                    case IIncrementOrDecrementOperation increment when !WritesLocalWithin(increment.Target, start, end):
                        return false;
                    case IDeconstructionAssignmentOperation:
                        return false;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when !WritesLocalWithin(argument.Value, start, end):
                        return false;
                    case IInvocationOperation invocation when !IsAllowedCall(invocation, scan, result, dynamo, cancellationToken):
                        return false;
                }
            }
        }

        return true;
    }

    private static IOperation? GetFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    private static bool BranchStaysInside(IBranchOperation branch, ImmutableArray<IOperation> statements, int first, int last, IOperation? function)
    {
        if (GetFunction(branch) != function)
        {
            return true; // Inside a lambda of the range.
        }

        if (branch.BranchKind is not (BranchKind.Break or BranchKind.Continue))
        {
            return false;
        }

        for (var current = branch.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation || (branch.BranchKind == BranchKind.Break && current is ISwitchOperation))
            {
                for (var i = first; i <= last; i++)
                {
                    if (current.IsDescendantOf(statements[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static bool WritesLocalWithin(IOperation target, int start, int end)
    {
        var current = target.WalkDownConversions();
        while (true)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return IsDeclaredWithin(local.Local, start, end);
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    continue;
                case IArrayElementReferenceOperation element:
                    current = element.ArrayReference.WalkDownConversions();
                    continue;
                case IDeclarationExpressionOperation:
                    return true; // out var x: declared right there.
                default:
                    return false;
            }
        }
    }

    /// <summary>Only the cleanup's own DynamoDB calls and library helpers; no other AWS call, no method of the user's code.</summary>
    private static bool IsAllowedCall(IInvocationOperation invocation, ScanSite scan, CleanupResult result, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        foreach (var delete in result.Deletes)
        {
            if (ReferenceEquals(delete.Invocation, invocation))
            {
                return true;
            }
        }

        if (AwsOperation.TryGet(invocation, dynamo.Aws, out _))
        {
            return ReferenceEquals(invocation, scan.Invocation)
                   || (ScanSite.TryCreate(invocation, dynamo, cancellationToken, out var other)
                       && other.Kind == ScanKind.LowLevel
                       && other.TableExpression is { } otherTable
                       && CleanupAnalysis.IsSameTable(scan, otherTable, cancellationToken));
        }

        var assembly = invocation.TargetMethod.ContainingAssembly;
        return assembly is null || !SymbolEqualityComparer.Default.Equals(assembly, dynamo.Aws.Compilation.Assembly);
    }
}
