using System.Collections.Generic;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Rules.ReuseSdkClients;

/// <summary>
/// Where a creation runs once per iteration: the per-iteration part of a loop (a <c>for</c> loop's initializer and a
/// <c>foreach</c> loop's collection run once), or the body of a lambda handed to <c>Parallel.ForEach[Async]</c>,
/// <c>Parallel.For</c> or <c>List&lt;T&gt;.ForEach</c>, in the same function. A creation whose arguments read the iteration's own
/// values (the loop variable, a local declared in the loop or written in it, an awaited result) makes one client per element,
/// region or account: it is not a per-iteration repeat, and the loop is not returned.
/// </summary>
internal static class PerIterationCreations
{
    private static readonly HashSet<string> ParallelLoopMethods = new() { "ForEach", "ForEachAsync", "For" };

    /// <summary>
    /// The innermost loop (an <see cref="ILoopOperation"/>, or the lambda of a parallel loop) that runs
    /// <paramref name="creation"/> on every iteration with the same arguments, or null.
    /// </summary>
    public static IOperation? FindRepeatingLoop(IObjectCreationOperation creation)
    {
        IOperation previous = creation;
        for (var current = creation.Parent; current is not null; previous = current, current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    if (!IsPerIterationPart(loop, previous))
                    {
                        continue;
                    }

                    return DependsOn(creation, loop) ? null : loop;
                case IAnonymousFunctionOperation function:
                    return IsParallelLoopBody(function) && !DependsOn(creation, function) ? function : null;
                case ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The outermost loop around <paramref name="loop"/>, in the same function, whose iterations all create the same client: the
    /// statement a hoisted creation goes before (a nested loop would otherwise still create it per outer iteration).
    /// </summary>
    public static ILoopOperation OutermostRepeatingLoop(IObjectCreationOperation creation, ILoopOperation loop)
    {
        var result = loop;
        IOperation previous = loop;
        for (var current = loop.Parent; current is not null; previous = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }

            if (current is ILoopOperation outer && IsPerIterationPart(outer, previous))
            {
                if (DependsOn(creation, outer))
                {
                    break;
                }

                result = outer;
            }
        }

        return result;
    }

    /// <summary>False for the parts of a loop that run once: a <c>for</c> loop's initializer, a <c>foreach</c> loop's collection.</summary>
    private static bool IsPerIterationPart(ILoopOperation loop, IOperation child)
        => loop switch
        {
            IForLoopOperation forLoop => !forLoop.Before.Contains(child),
            IForEachLoopOperation forEach => child != forEach.Collection && child != forEach.LoopControlVariable,
            _ => true,
        };

    private static bool IsParallelLoopBody(IAnonymousFunctionOperation function)
    {
        if (function.WalkUpConversions() is not IDelegateCreationOperation delegateCreation
            || delegateCreation.WalkUpConversions() is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return false;
        }

        var method = invocation.TargetMethod;
        if (!ParallelLoopMethods.Contains(method.Name) || method.ContainingType is not { } type)
        {
            return false;
        }

        return (type.Name == "Parallel" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
               || (method.Name == "ForEach" && type.Name == "List" && type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic");
    }

    /// <summary>
    /// True when the creation's arguments or initializer read a value of the iteration: a local or parameter declared inside
    /// <paramref name="scope"/> or written in it, a member written in it, or anything awaited.
    /// </summary>
    public static bool DependsOn(IObjectCreationOperation creation, IOperation scope)
    {
        var span = scope.Syntax.Span;
        HashSet<ISymbol>? written = null;
        foreach (var child in creation.ChildOperations)
        {
            if (child is null)
            {
                continue;
            }

            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(child))
            {
                ISymbol? read;
                switch (operation)
                {
                    case IAwaitOperation:
                        return true;
                    case ILocalReferenceOperation local:
                        if (IsDeclaredIn(local.Local, span))
                        {
                            return true;
                        }

                        read = local.Local;
                        break;
                    case IParameterReferenceOperation parameter:
                        if (IsDeclaredIn(parameter.Parameter, span))
                        {
                            return true;
                        }

                        read = parameter.Parameter;
                        break;
                    case IFieldReferenceOperation field:
                        read = field.Field;
                        break;
                    case IPropertyReferenceOperation property:
                        read = property.Property;
                        break;
                    default:
                        continue;
                }

                written ??= WrittenSymbols(scope);
                if (written.Contains(read))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDeclaredIn(ISymbol symbol, TextSpan span)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<ISymbol> WrittenSymbols(IOperation scope)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(scope))
        {
            switch (operation)
            {
                case IAssignmentOperation assignment:
                    AddTarget(assignment.Target, written);
                    break;
                case IIncrementOrDecrementOperation increment:
                    AddTarget(increment.Target, written);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    AddTarget(argument.Value, written);
                    break;
            }
        }

        return written;
    }

    private static void AddTarget(IOperation target, HashSet<ISymbol> written)
    {
        switch (target.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                written.Add(local.Local);
                break;
            case IParameterReferenceOperation parameter:
                written.Add(parameter.Parameter);
                break;
            case IMemberReferenceOperation member:
                written.Add(member.Member);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements)
                {
                    AddTarget(element, written);
                }

                break;
        }
    }
}
