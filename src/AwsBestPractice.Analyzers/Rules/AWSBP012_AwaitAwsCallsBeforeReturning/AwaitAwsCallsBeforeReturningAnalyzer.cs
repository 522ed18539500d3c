using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.AwaitAwsCallsBeforeReturning;

/// <summary>
/// AWSBP012: inside a Lambda handler, the task of an AWS SDK (or <c>HttpClient</c>) call that the handler drops — a call used as a
/// statement, assigned to a discard, or stored in a local that is never read again (only overwritten); also a <c>Task.Run</c> whose
/// lambda makes an AWS call, dropped or kept in such a local.
/// Lambda freezes the execution environment when the handler returns, so the request may never complete, or complete during a
/// later invocation. A task that is awaited, returned, passed on (<c>Task.WhenAll</c>, a list) or blocked on (AWSBP011) is not
/// reported.
/// </summary>
public sealed class AwaitAwsCallsBeforeReturningAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP012",
        "The task of '{0}' is not awaited before the Lambda handler '{1}' returns; the call may never complete",
        "AWS guidance for Lambda handlers: finish the invocation's work before the handler returns. Lambda freezes the execution "
        + "environment as soon as the handler returns, so an AWS call whose task is not awaited may never be sent, may complete "
        + "during a later invocation, and its failure is never seen.");

    public AwaitAwsCallsBeforeReturningAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
        => registration.RegisterOperationAction(
            registration.Symbols(AsyncAwsCalls.TryCreate),
            // A call returning a task (by the return type's name) whose value the code drops or keeps in a local.
            static operation => operation is IInvocationOperation { TargetMethod.ReturnType.Name: "Task" } call
                                && AsyncAwsCalls.MayBeAwsTaskCall(call)
                                && AsyncAwsCalls.GetUse(call, out _, out _, out _) is TaskUse.Dropped or TaskUse.Stored,
            Analyze,
            OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, AsyncAwsCalls calls)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var use = AsyncAwsCalls.GetUse(invocation, out var local, out _, out _);
        string name;
        if (calls.IsAwsTaskCall(invocation))
        {
            name = invocation.TargetMethod.Name;
        }
        else if (calls.IsTaskRunOfAwsCall(invocation))
        {
            name = "Task.Run";
        }
        else if (calls.IsWhenAllOfAwsCalls(invocation, context.CancellationToken))
        {
            name = "Task." + invocation.TargetMethod.Name; // Task.WhenAll(awsCalls) dropped: none of the calls is awaited
        }
        else
        {
            return;
        }

        if ((use == TaskUse.Stored && IsUsedLater(invocation, local!, context.CancellationToken))
            || !LambdaHandlers.TryGetHandler(invocation, context.ContainingSymbol, calls.Lambda, context.CancellationToken, out var handler, out var handlerOperation)
            || handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
        {
            return;
        }

        var properties = use == TaskUse.Dropped && AsyncAwsCalls.CanAwaitInHandler(invocation, handlerOperation)
            ? ImmutableDictionary<string, string?>.Empty.Add(AsyncAwsCalls.AwaitableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        var location = use == TaskUse.Dropped && invocation.WalkUpConversions() is ISimpleAssignmentOperation discard ? discard.Syntax.GetLocation() : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, properties, name, LambdaHandlers.GetHandlerName(handler, handlerOperation)));
    }

    /// <summary>
    /// The local that holds the task is read again (awaited, returned, passed on, blocked on): only a local never read, read
    /// only for its status, or only overwritten (<c>task = other;</c> as a statement), leaves the task behind.
    /// </summary>
    private static bool IsUsedLater(IInvocationOperation invocation, ILocalSymbol local, System.Threading.CancellationToken cancellationToken)
    {
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(invocation.GetRoot()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && reference.WalkUpConversions() is not IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" or "Id" }
                && !AsyncAwsCalls.IsOnlyOverwritten(reference))
            {
                return true;
            }
        }

        return false;
    }
}
