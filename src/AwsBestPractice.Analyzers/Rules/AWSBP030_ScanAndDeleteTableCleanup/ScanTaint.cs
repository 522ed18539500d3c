using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

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
