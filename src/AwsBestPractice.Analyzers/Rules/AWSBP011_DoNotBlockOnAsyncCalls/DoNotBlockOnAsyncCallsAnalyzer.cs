using System.Collections.Generic;
using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.DoNotBlockOnAsyncCalls;

/// <summary>
/// AWSBP011: <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on the task of an AWS SDK (or <c>HttpClient</c>)
/// call, or of a <c>Task.Run</c> whose lambda makes one, inside a Lambda handler, directly or through a local: the invocation holds
/// a thread while the request is in flight, and an exception arrives wrapped in an <c>AggregateException</c>. A task the handler
/// may have completed before the read (<see cref="AsyncAwsCalls.MayBeCompleteAt"/>) is not reported.
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
                                && AsyncAwsCalls.MayBeAwsTaskCall(call)
                                && AsyncAwsCalls.GetUse(call, out _, out _, out _) is TaskUse.Blocked or TaskUse.Stored,
            Analyze,
            OperationKind.Invocation);

    private static void Analyze(OperationAnalysisContext context, AsyncAwsCalls calls)
    {
        var call = (IInvocationOperation)context.Operation;
        // An AWS call, Task.Run of one, or Task.WhenAll/WhenAny of them (blocking on the combined task blocks on the calls).
        if (!calls.IsAwsTaskCall(call) && !calls.IsTaskRunOfAwsCall(call) && !calls.IsWhenAllOfAwsCalls(call, context.CancellationToken))
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
                // The local's only value is this call; each place that blocks on it, unless the task may be complete there (awaited,
                // combined by Task.WhenAll, checked, handed to a collection before that place, or read in its own continuation).
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
                    if (AsyncAwsCalls.TryGetBlocking(reference, out blocking, out form) && !AsyncAwsCalls.MayBeCompleteAt(blocking!, references))
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
}
