using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

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
