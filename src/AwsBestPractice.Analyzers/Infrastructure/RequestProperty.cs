using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// How an AWS call's request sets one property, and what a fix must edit to set it: the request's creation (add the property to
/// its initializer), the value of a constant assignment (replace it), or, for a convenience overload that takes the queue URL or
/// table name instead of a request (<c>ReceiveMessageAsync(queueUrl)</c>), the call itself. Only requests the method creates can
/// be judged: a request from a parameter, a field or a factory is unknown.
/// </summary>
internal readonly struct RequestProperty
{
    /// <summary>Diagnostic property: how the fix sets the property (<see cref="AddToInitializer"/>, <see cref="ReplaceValue"/>, <see cref="WrapArgument"/>).</summary>
    public const string FixKey = "Fix";

    public const string AddToInitializer = "AddToInitializer";
    public const string ReplaceValue = "ReplaceValue";
    public const string WrapArgument = "WrapArgument";

    private RequestProperty(PropertyState state, long value, IObjectCreationOperation? creation, RequestMemberAssignment? assignment, IInvocationOperation call)
    {
        State = state;
        Value = value;
        Creation = creation;
        Assignment = assignment;
        Call = call;
    }

    public PropertyState State { get; }

    /// <summary>The constant the property is set to (<see cref="PropertyState.Constant"/>, <see cref="PropertyState.ConditionalConstant"/>).</summary>
    public long Value { get; }

    /// <summary>The request's creation; null for a convenience overload.</summary>
    public IObjectCreationOperation? Creation { get; }

    public RequestMemberAssignment? Assignment { get; }

    public IInvocationOperation Call { get; }

    /// <summary>
    /// Where a rule about the request reports: the call. The request may be created statements before it; the IDE computes a
    /// lightbulb's diagnostics from the operations under the cursor, so a diagnostic lives inside the operation it comes from.
    /// </summary>
    public Location Location => Call.Syntax.GetLocation();

    public static bool TryInspect(AwsOperation call, string property, CancellationToken cancellationToken, out RequestProperty result)
    {
        result = default;
        if (call.RequestArgument is null)
        {
            // ReceiveMessageAsync(queueUrl): a convenience overload sets no optional property.
            if (call.Invocation.Arguments.Length > 0 && call.Invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
            {
                result = new RequestProperty(PropertyState.NeverSet, 0, null, null, call.Invocation);
                return true;
            }

            return false;
        }

        if (!call.TryGetRequest(cancellationToken, out var creation, out var assignments))
        {
            return false;
        }

        var state = RequestObjects.GetState(assignments, property, out var value, out var assignment);
        result = new RequestProperty(state, value, creation, assignment, call.Invocation);
        return true;
    }

    /// <summary>
    /// The diagnostic's properties and additional locations for a fix that sets the property: the value to replace when the
    /// property is set to a constant on every path, the creation's initializer when it is never set, the call's first argument
    /// for a convenience overload.
    /// </summary>
    public (ImmutableDictionary<string, string?> Properties, ImmutableArray<Location> AdditionalLocations) FixData()
    {
        if (State == PropertyState.Constant && Assignment is { } assignment)
        {
            return (ImmutableDictionary<string, string?>.Empty.Add(FixKey, ReplaceValue), ImmutableArray.Create(assignment.Value.Syntax.GetLocation()));
        }

        if (State == PropertyState.NeverSet && Creation is not null)
        {
            return (ImmutableDictionary<string, string?>.Empty.Add(FixKey, AddToInitializer), ImmutableArray.Create(Creation.Syntax.GetLocation()));
        }

        if (State == PropertyState.NeverSet && Creation is null)
        {
            return (ImmutableDictionary<string, string?>.Empty.Add(FixKey, WrapArgument), ImmutableArray.Create(Call.Arguments[0].Value.Syntax.GetLocation()));
        }

        return (ImmutableDictionary<string, string?>.Empty, ImmutableArray<Location>.Empty);
    }
}
