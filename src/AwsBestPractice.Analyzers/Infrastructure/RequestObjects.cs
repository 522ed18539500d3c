using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>A property set on an AWS request object: in its object initializer or by a later assignment.</summary>
internal sealed class RequestMemberAssignment
{
    public RequestMemberAssignment(IPropertySymbol property, IOperation value, IOperation assignment, bool isConditional)
    {
        Property = property;
        Value = value;
        Assignment = assignment;
        IsConditional = isConditional;
    }

    public IPropertySymbol Property { get; }
    public IOperation Value { get; }
    public IOperation Assignment { get; }

    /// <summary>The assignment is a statement nested in a branch (if/switch/loop) rather than unconditional.</summary>
    public bool IsConditional { get; }
}

/// <summary>How a property of a request object is set (<see cref="RequestObjects.GetState"/>).</summary>
internal enum PropertyState
{
    NeverSet,
    Constant,
    ConditionalConstant,
    Variable,
}

/// <summary>
/// Follows a request argument (<c>new ScanRequest { … }</c>, or a local holding one) to the properties the code sets on it,
/// within the same operation block.
/// </summary>
internal static class RequestObjects
{
    /// <summary>
    /// Collects the property assignments of the request passed as <paramref name="requestValue"/>. Returns false when the
    /// request cannot be followed (a parameter, a field, a factory call…): callers must then assume anything may be set.
    /// </summary>
    public static bool TryGetAssignments(IOperation? requestValue, CancellationToken cancellationToken, out List<RequestMemberAssignment> assignments)
        => TryGetRequest(requestValue, cancellationToken, out _, out assignments);

    /// <summary>
    /// <see cref="TryGetAssignments"/>, and the request's creation (<c>new ReceiveMessageRequest { … }</c>): the last one assigned to
    /// the local when it is created more than once.
    /// </summary>
    public static bool TryGetRequest(IOperation? requestValue, CancellationToken cancellationToken, out IObjectCreationOperation creation, out List<RequestMemberAssignment> assignments)
    {
        creation = null!;
        assignments = new List<RequestMemberAssignment>();
        if (requestValue is null)
        {
            return false;
        }

        var value = requestValue.WalkDownConversions();
        if (value is IObjectCreationOperation direct)
        {
            creation = direct;
            AddInitializer(direct, assignments);
            return true;
        }

        if (value is not ILocalReferenceOperation reference)
        {
            return false;
        }

        var local = reference.Local;
        var sawCreation = false;
        foreach (var operation in reference.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    var initializer = declarator.GetVariableInitializer()?.Value?.WalkDownConversions();
                    if (initializer is IObjectCreationOperation initialCreation)
                    {
                        creation = initialCreation;
                        AddInitializer(initialCreation, assignments);
                        sawCreation = true;
                    }
                    else if (initializer is not null)
                    {
                        return false;
                    }

                    break;

                case ISimpleAssignmentOperation assignment when assignment.Target.WalkDownConversions() is ILocalReferenceOperation target
                                                                && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    if (assignment.Value.WalkDownConversions() is IObjectCreationOperation assignedCreation)
                    {
                        creation = assignedCreation;
                        AddInitializer(assignedCreation, assignments);
                        sawCreation = true;
                    }
                    else
                    {
                        return false;
                    }

                    break;

                case ISimpleAssignmentOperation memberAssignment when memberAssignment.Target is IPropertyReferenceOperation { Property: var property, Instance: { } instance }
                                                                      && instance.WalkDownConversions() is ILocalReferenceOperation owner
                                                                      && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    assignments.Add(new RequestMemberAssignment(property, memberAssignment.Value, memberAssignment, IsConditional(memberAssignment)));
                    break;

                case ILocalReferenceOperation escaping when SymbolEqualityComparer.Default.Equals(escaping.Local, local)
                                                             && escaping.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    return false;
            }
        }

        return sawCreation;
    }

    /// <summary>
    /// Every use of the local that <paramref name="reference"/> reads, in the same operation block: what a fix that changes the
    /// request's type must check (each one a member the new type has, or the call the request is passed to).
    /// </summary>
    public static IEnumerable<ILocalReferenceOperation> References(ILocalReferenceOperation reference, CancellationToken cancellationToken)
    {
        foreach (var operation in reference.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation other && SymbolEqualityComparer.Default.Equals(other.Local, reference.Local))
            {
                yield return other;
            }
        }
    }

    /// <summary>
    /// How the code sets one property of a followed request: never; to one constant on every path (<see cref="PropertyState.Constant"/>,
    /// <paramref name="value"/> and the <paramref name="assignment"/> that sets it); to constants on some paths only; or to something
    /// that is not a constant (configuration, a parameter). A <c>null</c> (v4's unset) counts as not set.
    /// </summary>
    public static PropertyState GetState(List<RequestMemberAssignment> assignments, string propertyName, out long value, out RequestMemberAssignment? assignment)
    {
        value = 0;
        assignment = null;
        var state = PropertyState.NeverSet;
        foreach (var candidate in assignments)
        {
            if (candidate.Property.Name != propertyName)
            {
                continue;
            }

            var constant = candidate.Value.WalkDownConversions().ConstantValue;
            if (constant.HasValue && constant.Value is null)
            {
                continue;
            }

            if (!constant.HasValue || !TryGetInteger(constant.Value, out var number) || (state != PropertyState.NeverSet && number != value))
            {
                return PropertyState.Variable;
            }

            value = number;
            if (!candidate.IsConditional)
            {
                state = PropertyState.Constant;
                assignment = candidate;
            }
            else if (state == PropertyState.NeverSet)
            {
                state = PropertyState.ConditionalConstant;
                assignment = candidate;
            }
        }

        return state;
    }

    /// <summary>An integral constant (int, long…) as a long.</summary>
    public static bool TryGetInteger(object? constant, out long value)
    {
        switch (constant)
        {
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
            case short s:
                value = s;
                return true;
            case byte b:
                value = b;
                return true;
            default:
                value = 0;
                return false;
        }
    }

    /// <summary>True when a property with the name is set to something other than null/empty.</summary>
    public static bool SetsAny(List<RequestMemberAssignment> assignments, params string[] propertyNames)
    {
        foreach (var assignment in assignments)
        {
            foreach (var name in propertyNames)
            {
                if (assignment.Property.Name == name && !IsNullOrEmptyLiteral(assignment.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsNullOrEmptyLiteral(IOperation value)
    {
        var constant = value.WalkDownConversions().ConstantValue;
        return constant.HasValue && (constant.Value is null || constant.Value is string { Length: 0 });
    }

    private static void AddInitializer(IObjectCreationOperation creation, List<RequestMemberAssignment> assignments)
    {
        if (creation.Initializer is null)
        {
            return;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment)
            {
                assignments.Add(new RequestMemberAssignment(property, assignment.Value, assignment, isConditional: false));
            }
            else if (initializer is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property: var nested } } memberInitializer)
            {
                assignments.Add(new RequestMemberAssignment(nested, memberInitializer.Initializer, memberInitializer, isConditional: false));
            }
        }
    }

    private static bool IsConditional(IOperation assignment)
    {
        for (var current = assignment.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IConditionalOperation or ISwitchOperation or ILoopOperation or ICoalesceOperation or ITryOperation:
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyOperation or IBlockOperation { Parent: null }:
                    return false;
            }
        }

        return false;
    }
}
