using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Where an AWS call's response goes in the method that makes the call: the reads of one of its members
/// (<c>response.Messages</c>, <c>(await sqs.ReceiveMessageAsync(r)).Messages</c>), directly or through the local that holds the
/// response, and whether the response itself leaves the method's view (returned, passed on whole, stored in a field).
/// </summary>
internal static class ResponseValues
{
    /// <summary>
    /// The reads of <paramref name="member"/> on the response of <paramref name="call"/>. <paramref name="escapes"/> is true when the
    /// response is used in another way than reading its members (returned, passed as an argument, assigned elsewhere, discarded into
    /// a task): callers then cannot tell what happens to it.
    /// </summary>
    public static List<IPropertyReferenceOperation> GetMemberReads(IInvocationOperation call, string member, CancellationToken cancellationToken, out bool escapes)
        => GetMemberReads(call, new[] { member }, cancellationToken, out escapes);

    /// <summary>
    /// The reads of any of <paramref name="members"/> on the response of <paramref name="call"/>, in one walk of the method (a rule
    /// that asks about several members, such as a paginated response's tokens, walks the method once).
    /// </summary>
    public static List<IPropertyReferenceOperation> GetMemberReads(IInvocationOperation call, IReadOnlyList<string> members, CancellationToken cancellationToken, out bool escapes)
    {
        var reads = new List<IPropertyReferenceOperation>();
        escapes = false;
        var value = WalkUp(call);
        switch (value.Parent)
        {
            case IPropertyReferenceOperation property when IsOneOf(property.Property.Name, members):
                reads.Add(property);
                return reads;
            case IPropertyReferenceOperation:
                return reads;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } }:
                CollectLocalReads(call, local, members, reads, ref escapes, cancellationToken);
                return reads;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var assigned } } assignment when assignment.Value == value:
                CollectLocalReads(call, assigned, members, reads, ref escapes, cancellationToken);
                return reads;
            case IExpressionStatementOperation:
                return reads; // discarded
            default:
                escapes = true;
                return reads;
        }
    }

    /// <summary>
    /// True when a read only tests the value (<c>response.NextToken != null</c>, <c>string.IsNullOrEmpty(…)</c>,
    /// <c>LastEvaluatedKey?.Count &gt; 0</c>, <c>while (response.IsTruncated == true)</c>, <c>if (response.IsTruncated)</c>): the value
    /// itself goes nowhere. False when it flows on (assigned, passed, returned, stored).
    /// </summary>
    public static bool IsOnlyTested(IOperation read)
    {
        var current = read;
        while (true)
        {
            var parent = current.Parent;
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation:
                case IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "HasValue" or "Value" } when ((IPropertyReferenceOperation)parent).Instance == current:
                case IConditionalAccessOperation access when access.Operation == current:
                    current = parent;
                    continue;
                case IConditionalAccessOperation access when access.WhenNotNull == current:
                case ICoalesceOperation coalesce when coalesce.Value == current:
                    current = parent;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "Any" or "Count" }:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "IsNullOrEmpty" or "IsNullOrWhiteSpace" or "Any" or "Count" } }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.GreaterThan
                    or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                case IIsPatternOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                case IConditionalOperation conditional when conditional.Condition == current:
                case IWhileLoopOperation loop when loop.Condition == current:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>The call, or the <c>await</c> (and conversions, <c>ConfigureAwait</c>) around it: the operation that is the response.</summary>
    public static IOperation WalkUp(IOperation operation)
    {
        var current = operation;
        while (true)
        {
            switch (current.Parent)
            {
                case IAwaitOperation await:
                    current = await;
                    continue;
                case IConversionOperation conversion:
                    current = conversion;
                    continue;
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when configure.Instance == current:
                    current = configure;
                    continue;
                default:
                    return current;
            }
        }
    }

    /// <summary>The names of <paramref name="members"/> (a response's continuation or unprocessed members), and <paramref name="also"/> when given.</summary>
    public static string[] NamesOf(System.Collections.Immutable.ImmutableArray<IPropertySymbol> members, string? also = null)
    {
        var names = new string[members.Length + (also is null ? 0 : 1)];
        for (var i = 0; i < members.Length; i++)
        {
            names[i] = members[i].Name;
        }

        if (also is not null)
        {
            names[members.Length] = also;
        }

        return names;
    }

    private static bool IsOneOf(string name, IReadOnlyList<string> members)
    {
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] == name)
            {
                return true;
            }
        }

        return false;
    }

    private static void CollectLocalReads(IOperation call, ILocalSymbol local, IReadOnlyList<string> members, List<IPropertyReferenceOperation> reads, ref bool escapes, CancellationToken cancellationToken)
    {
        foreach (var operation in call.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            switch (reference.Parent)
            {
                case IPropertyReferenceOperation property when IsOneOf(property.Property.Name, members):
                    reads.Add(property);
                    break;
                case IPropertyReferenceOperation or IFieldReferenceOperation:
                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    break;
                case IConditionalAccessOperation access when access.Operation == reference:
                    if (access.WhenNotNull is IPropertyReferenceOperation { Property.Name: var name } conditional && IsOneOf(name, members))
                    {
                        reads.Add(conditional);
                    }

                    break;
                case IBinaryOperation or IIsPatternOperation:
                    break;
                default:
                    escapes = true;
                    break;
            }
        }
    }
}
