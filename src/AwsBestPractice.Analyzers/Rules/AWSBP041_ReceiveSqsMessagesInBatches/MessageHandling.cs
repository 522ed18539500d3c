using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ReceiveSqsMessagesInBatches;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Whether the method handles a receive's <c>Messages</c> as a list (a <c>foreach</c>, an index other than 0, LINQ or list methods
/// other than <c>First</c>/<c>Single</c>/<c>Any</c>/<c>Count</c>, passing the list on) rather than one message at a time
/// (<c>Messages[0]</c>, <c>FirstOrDefault()</c>). A response that leaves the method whole is unknown: not "several".
/// </summary>
internal static class MessageHandling
{
    public static bool HandlesSeveral(IInvocationOperation receive, CancellationToken cancellationToken)
    {
        var reads = ResponseValues.GetMemberReads(receive, "Messages", cancellationToken, out var escapes);
        if (escapes)
        {
            return false;
        }

        foreach (var read in reads)
        {
            if (IsListUse(read, cancellationToken, depth: 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsListUse(IOperation list, CancellationToken cancellationToken, int depth)
    {
        var value = list;
        while (value.Parent is IConversionOperation or ICoalesceOperation)
        {
            value = value.Parent;
        }

        switch (value.Parent)
        {
            case IForEachLoopOperation loop when loop.Collection == value || loop.Collection.WalkDownConversions() == value:
                return true;
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                return !IsConstantZero(indexer.Arguments.Length == 1 ? indexer.Arguments[0].Value : null);
            case IArrayElementReferenceOperation element:
                return !(element.Indices.Length == 1 && IsConstantZero(element.Indices[0]));
            case IPropertyReferenceOperation:
                return false; // Count
            case IConditionalAccessOperation access:
                return access.WhenNotNull is IInvocationOperation { TargetMethod.Name: var accessName } && !IsOneAtATime(accessName);
            case IInvocationOperation invocation when invocation.Instance == value:
                return !IsOneAtATime(invocation.TargetMethod.Name);
            case IArgumentOperation { Parent: IInvocationOperation invocation }:
                return !IsOneAtATime(invocation.TargetMethod.Name);
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } } when depth == 0:
                foreach (var operation in list.GetRoot().DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                        && IsListUse(reference, cancellationToken, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsOneAtATime(string method)
        => method is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Any" or "Count" or "ElementAtOrDefault" or "Contains" or "IsNullOrEmpty";

    private static bool IsConstantZero(IOperation? index)
        => index?.WalkDownConversions().ConstantValue is { HasValue: true, Value: 0 };
}
