using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.UseBatchWriteItem;

using AwsBestPractice.Analyzers.Infrastructure; // inside the namespace: its OperationExtensions win over Roslyn's
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

/// <summary>
/// AWSBP031: low-level DynamoDB <c>PutItem</c>/<c>DeleteItem</c> called once per element of a collection
/// (<see cref="PerItemCalls"/>), every element written to the same table, where <c>BatchWriteItem</c> writes up to 25 items in
/// one request. Only writes that lose nothing in a batch: not conditional (<c>ConditionExpression</c>, legacy
/// <c>Expected</c>), no per-item return values (<c>ReturnValues</c> other than NONE, a response that is read), and not the
/// deletes of what a filtered scan or a query selected. An unfiltered scan whose items are all deleted is AWSBP030's report.
/// </summary>
public sealed class UseBatchWriteItemAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP031",
        "{0} is called once per element of '{1}', one request per item; write the items in batches of up to 25 with BatchWriteItem",
        "Each PutItem or DeleteItem is a network round trip. BatchWriteItem puts or deletes up to 25 items (16 MB) of one or more "
        + "tables in one request, and returns what it could not process in UnprocessedItems to be resubmitted.");

    public UseBatchWriteItemAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service(DynamoDbSymbols.AssemblyName);

    internal override void Register(RuleRegistration registration)
    {
        var dynamo = registration.Symbols(DynamoDbSymbols.TryCreate);
        registration.RegisterServiceCall("DynamoDBv2", new[] { "PutItem", "DeleteItem" }, (ctx, call) => Analyze(ctx, call, dynamo));
    }

    private static void Analyze(OperationAnalysisContext context, AwsOperation call, DeferredSymbols<DynamoDbSymbols> dynamo)
    {
        var cancellationToken = context.CancellationToken;
        if (!PerItemCalls.TryGet(call.Invocation, cancellationToken, out var perItem)
            || !perItem.IsSameForEveryElement(call, "TableName", cancellationToken)
            || NeedsPerItemOutcome(call, cancellationToken)
            || IsResponseUsed(call.Invocation, perItem, cancellationToken)
            || (call.Name == "DeleteItem" && perItem.Collection is { } collection && dynamo.Value is { } symbols && IsSelectedByRead(collection, symbols, cancellationToken, depth: 0)))
        {
            return;
        }

        var properties = perItem.IsSimpleForEach
            ? ImmutableDictionary<string, string?>.Empty.Add(PerItemCalls.FixableKey, "1")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), properties, call.Name, perItem.CollectionText));
    }

    /// <summary>A condition (BatchWriteItem has none) or per-item return values asked for.</summary>
    private static bool NeedsPerItemOutcome(AwsOperation call, CancellationToken cancellationToken)
    {
        if (call.RequestArgument is null)
        {
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.Parameter?.Name == "returnValues" && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNone(argument.Value))
                {
                    return true;
                }
            }

            return false;
        }

        if (!RequestObjects.TryGetAssignments(call.RequestArgument.Value, cancellationToken, out var assignments)
            || RequestObjects.SetsAny(assignments, "ConditionExpression", "Expected", "ConditionalOperator", "ReturnValuesOnConditionCheckFailure"))
        {
            return true;
        }

        foreach (var assignment in assignments)
        {
            if (assignment.Property.Name == "ReturnValues" && !IsNone(assignment.Value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>null</c>, <c>ReturnValue.NONE</c> or <c>"NONE"</c>.</summary>
    private static bool IsNone(IOperation value)
    {
        value = value.WalkDownConversions();
        return value.ConstantValue is { HasValue: true, Value: null or "NONE" } || value is IFieldReferenceOperation { Field.Name: "NONE" };
    }

    /// <summary>
    /// The response is read: kept in a local, returned, passed on. A fan-out (<c>Task.WhenAll(items.Select(x =&gt; PutItemAsync(…)))</c>)
    /// whose result is discarded does not read it.
    /// </summary>
    private static bool IsResponseUsed(IInvocationOperation invocation, PerItemCall perItem, CancellationToken cancellationToken)
    {
        var parent = ResponseValues.WalkUp(invocation).Parent;
        if (parent is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Parent: IInvocationOperation { TargetMethod.Name: "GetResult" } getResult })
        {
            parent = getResult.Parent; // blocking on the task: the same response
        }

        if (parent is IExpressionStatementOperation)
        {
            return false;
        }

        return parent is not IReturnOperation
               || perItem.Loop is not IAnonymousFunctionOperation { Parent: IDelegateCreationOperation creation }
               || creation.WalkUpConversions()?.Parent is not IInvocationOperation { TargetMethod.Name: "Select" } select
               || !IsDiscardedFanOut(select, cancellationToken);
    }

    private static bool IsDiscardedFanOut(IOperation tasks, CancellationToken cancellationToken)
    {
        var current = tasks;
        while (true)
        {
            switch (current.Parent)
            {
                case IConversionOperation conversion:
                    current = conversion;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } materialize }:
                    current = materialize;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "WhenAll" } whenAll }:
                    return ResponseValues.WalkUp(whenAll).Parent is IExpressionStatementOperation;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                    foreach (var reference in current.GetRoot().DescendantsAndSelf())
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (reference is ILocalReferenceOperation { Local: var read } && SymbolEqualityComparer.Default.Equals(read, local) && !IsDiscardedFanOut(reference, cancellationToken))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The collection is the items of a DynamoDB read that selected them: a query, a filtered scan, or an unfiltered scan whose
    /// items are all deleted (AWSBP030's report). Followed through locals, <c>.Items</c>/<c>.Responses</c> and paginators.
    /// </summary>
    private static bool IsSelectedByRead(IOperation source, DynamoDbSymbols dynamo, CancellationToken cancellationToken, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        source = source.WalkDownConversions();
        while (source is IAwaitOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: not null })
        {
            source = (source is IAwaitOperation await ? await.Operation : ((IInvocationOperation)source).Instance!).WalkDownConversions();
        }

        switch (source)
        {
            case IPropertyReferenceOperation { Property.Name: "Items" or "Responses", Instance: { } instance }:
                return IsSelectedByRead(instance, dynamo, cancellationToken, depth + 1);
            case IConditionalAccessOperation { WhenNotNull: IPropertyReferenceOperation { Property.Name: "Items" or "Responses" } } access:
                return IsSelectedByRead(access.Operation, dynamo, cancellationToken, depth + 1);
            case ICoalesceOperation coalesce: // page.Items ?? new List<…>()
                return IsSelectedByRead(coalesce.Value, dynamo, cancellationToken, depth + 1);
            case IInvocationOperation { TargetMethod.Name: "Scan" or "ScanAsync" or "Query" or "QueryAsync" } read:
                return IsSelectingRead(read, dynamo, cancellationToken);
            case ILocalReferenceOperation { Local: var local }:
                foreach (var operation in source.GetRoot().DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var value = operation switch
                    {
                        IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) => declarator.GetVariableInitializer()?.Value,
                        ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local) => assignment.Value,
                        IForEachLoopOperation loop when loop.Locals.IndexOf(local, SymbolEqualityComparer.Default) >= 0 => loop.Collection,
                        _ => null,
                    };
                    if (value is not null && IsSelectedByRead(value, dynamo, cancellationToken, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsSelectingRead(IInvocationOperation read, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        if (read.TargetMethod.Name.StartsWith("Query", System.StringComparison.Ordinal))
        {
            return true; // a query selects by key
        }

        if (ScanAndDeleteTableCleanupAnalyzer.IsTableCleanup(read, dynamo, cancellationToken))
        {
            return true; // one call gets one report: AWSBP030's
        }

        foreach (var argument in read.Arguments)
        {
            if (argument.Parameter?.Name == "scanFilter" && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                return true;
            }

            if (argument.Parameter?.Type.Name == "ScanRequest"
                && (!RequestObjects.TryGetAssignments(argument.Value, cancellationToken, out var assignments) || RequestObjects.SetsAny(assignments, "FilterExpression", "ScanFilter")))
            {
                return true;
            }
        }

        return false;
    }
}
