using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

internal static class OperationExtensions
{
    /// <summary>Strips implicit and explicit conversions, parentheses and <c>await</c>-free wrappers.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                default:
                    return current;
            }
        }
    }

    public static IOperation? WalkUpConversions(this IOperation? operation)
    {
        var current = operation?.Parent;
        while (current is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The root of the operation tree the operation belongs to (method body, field initializer…).</summary>
    public static IOperation GetRoot(this IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>Depth-first descendants, without recursion on the CLR stack (method bodies can be huge).</summary>
    public static IEnumerable<IOperation> DescendantsAndSelf(this IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not null)
                {
                    stack.Push(child);
                }
            }
        }
    }

    public static bool IsDescendantOf(this IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local or parameter an expression reads, if it is a plain reference to one.</summary>
    public static ISymbol? GetReferencedLocalOrParameter(this IOperation? operation)
        => operation?.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

    /// <summary>The innermost enclosing loop, stopping at lambdas and local functions.</summary>
    public static ILoopOperation? GetEnclosingLoop(this IOperation operation, IOperation? stopAt = null)
    {
        for (var current = operation.Parent; current is not null && current != stopAt; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }
}
