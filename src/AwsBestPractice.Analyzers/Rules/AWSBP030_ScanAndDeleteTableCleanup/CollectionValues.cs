using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

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
                    if (declarator.GetVariableInitializer()?.Value is not { } initializer)
                    {
                        break; // `ScanFilter filter;` assigned later (as the SDK's own samples write it)
                    }

                    if (!IsEmptyCreation(initializer.WalkDownConversions()))
                    {
                        return false;
                    }

                    initialised = true;
                    break;
                case ILocalReferenceOperation assigned when SymbolEqualityComparer.Default.Equals(assigned.Local, local)
                                                            && assigned.Parent is ISimpleAssignmentOperation assignment && assignment.Target == assigned:
                    if (!IsEmptyCreation(assignment.Value.WalkDownConversions()))
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
