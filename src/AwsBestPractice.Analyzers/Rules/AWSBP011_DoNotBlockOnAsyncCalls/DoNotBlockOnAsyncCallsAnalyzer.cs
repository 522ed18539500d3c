using System.Collections.Generic;
using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.DoNotBlockOnAsyncCalls;

/// <summary>
/// AWSBP011: <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on the task of an AWS SDK (or <c>HttpClient</c>)
/// call inside a Lambda handler, directly or through a local: the invocation holds a thread while the request is in flight, and
/// an exception arrives wrapped in an <c>AggregateException</c>. A task the handler already awaited (or awaited through
/// <c>Task.WhenAll</c>) is complete, and reading its <c>Result</c> does not block.
/// </summary>
public sealed class DoNotBlockOnAsyncCallsAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP011",
        "'{0}' blocks the Lambda handler '{1}' on an asynchronous AWS call; await it instead",
        "AWS guidance for Lambda handlers: use the SDK's asynchronous calls and await them. Blocking on the task (.Result, .Wait(), "
        + ".GetAwaiter().GetResult()) holds the invocation's thread while the request is in flight, can deadlock where a "
        + "synchronization context exists, and turns the SDK's exception into an AggregateException.");

    public DoNotBlockOnAsyncCallsAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
        => registration.RegisterOperationAction(
            registration.Symbols(AsyncAwsCalls.TryCreate),
            // Anchored on the call that returns a task (by the return type's name), which the code blocks on at once or keeps in a
            // local: no callback for every property reference of the compilation.
            static operation => operation is IInvocationOperation { TargetMethod.ReturnType.Name: "Task" } call
                                && AsyncAwsCalls.GetUse(call, out _, out _, out _) is TaskUse.Blocked or TaskUse.Stored,
            Analyze,
            OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, AsyncAwsCalls calls)
    {
        var call = (IInvocationOperation)context.Operation;
        if (!calls.IsAwsTaskCall(call))
        {
            return;
        }

        var cancellationToken = context.CancellationToken;
        switch (AsyncAwsCalls.GetUse(call, out var local, out var blocking, out var form))
        {
            case TaskUse.Blocked:
                Report(context, calls, blocking!, form!);
                break;
            case TaskUse.Stored:
                // The local's only value is this call; each place that blocks on it, unless the handler awaited it (or checked its
                // completion) before that place.
                var root = call.GetRoot();
                if (AsyncAwsCalls.SingleValue(local!, root, cancellationToken) is not { } value
                    || AsyncAwsCalls.UnwrapConfigureAwait(value.WalkDownConversions()) != call)
                {
                    return;
                }

                var references = new List<ILocalReferenceOperation>();
                foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        references.Add(reference);
                    }
                }

                foreach (var reference in references)
                {
                    if (AsyncAwsCalls.TryGetBlocking(reference, out blocking, out form) && !IsAlreadyCompleted(blocking!, references))
                    {
                        Report(context, calls, blocking!, form!);
                    }
                }

                break;
        }
    }

    private static void Report(OperationAnalysisContext context, AsyncAwsCalls calls, IOperation blocking, string form)
    {
        if (!LambdaHandlers.TryGetHandler(blocking, context.ContainingSymbol, calls.Lambda, context.CancellationToken, out var handler, out var handlerOperation)
            || handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
        {
            return;
        }

        var properties = AsyncAwsCalls.CanAwaitInHandler(blocking, handlerOperation)
            ? ImmutableDictionary<string, string?>.Empty.Add(AsyncAwsCalls.AwaitableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, blocking.Syntax.GetLocation(), properties, form, LambdaHandlers.GetHandlerName(handler, handlerOperation)));
    }

    /// <summary>
    /// The local was awaited before <paramref name="blocking"/> (<c>await task</c>, <c>await Task.WhenAll(a, b)</c>), or its
    /// completion checked (<c>task.IsCompleted…</c>): reading its result there no longer blocks.
    /// </summary>
    private static bool IsAlreadyCompleted(IOperation blocking, List<ILocalReferenceOperation> references)
    {
        var position = blocking.Syntax.SpanStart;
        foreach (var other in references)
        {
            if (other.Syntax.SpanStart >= position)
            {
                continue;
            }

            var parent = other.WalkUpConversions();
            if (parent is IAwaitOperation
                || parent is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" }
                || IsArgumentOfTaskCombinator(parent))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Task.WhenAll(a, b)</c>, <c>Task.WhenAny(…)</c>, <c>Task.WaitAll(…)</c>: directly or in the array/collection passed to it.</summary>
    private static bool IsArgumentOfTaskCombinator(IOperation? operation)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.Name: "Task", Name: "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny" } }:
                    return true;
                // A collection expression ([a, b]) has no operation interface in Roslyn 4.8 (OperationKind.None).
                case IArgumentOperation or IArrayCreationOperation or IArrayInitializerOperation or IConversionOperation or { Kind: OperationKind.None }:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }
}
