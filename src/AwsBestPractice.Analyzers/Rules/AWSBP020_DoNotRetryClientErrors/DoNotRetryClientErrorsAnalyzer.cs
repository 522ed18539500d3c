using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.DoNotRetryClientErrors;

/// <summary>
/// AWSBP020: a retry construct around an AWS call that retries on 4xx client errors. Covers hand-written retry loops
/// (a catch of <c>AmazonServiceException</c> or a subclass that sends the loop round again) and Polly retry policies
/// (v7 <c>Policy.Handle&lt;T&gt;()…Retry*</c>, v8 <c>PredicateBuilder.Handle&lt;T&gt;()</c> as a retry strategy's <c>ShouldHandle</c>).
/// </summary>
public sealed class DoNotRetryClientErrorsAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: which fix applies. Absent when no fix is offered (4xx-only types and client-error filters).</summary>
    internal const string FixProperty = "Fix";

    /// <summary>A catch without filter: add <c>when (server error or throttling)</c>.</summary>
    internal const string FixAddFilter = "AddFilter";

    /// <summary>A catch whose filter does not look at the error (<c>when (attempt &lt; 3)</c>): combine with <c>&amp;&amp;</c>.</summary>
    internal const string FixNarrowFilter = "NarrowFilter";

    /// <summary>A Polly <c>Handle&lt;T&gt;()</c>/<c>Or&lt;T&gt;()</c> without predicate: add the predicate.</summary>
    internal const string FixPollyPredicate = "PollyPredicate";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        RuleIdentifiers.DoNotRetryClientErrors,
        messageFormat: "{0} on {1} that fail the same way again; retry only server errors (5xx) and throttling",
        description: "AWS guidance: retry (with exponential backoff) only server errors (5xx) and throttling; do not retry 4xx client "
                     + "errors such as validation errors, missing resources or failed conditions, because the same request fails the "
                     + "same way again. The SDK already retries server errors and throttling itself.");

    public DoNotRetryClientErrorsAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(RetrySymbols.TryCreate);

        // Only a catch clause of a try statement that names an exception type can catch an AWS error.
        registration.RegisterOperationAction(
            symbols,
            static operation => IsTypedCatch(operation, out _, out _, out _),
            static (ctx, s) => AnalyzeCatch(ctx, s.Aws),
            OperationKind.CatchClause);
        if (!registration.Context.MayReferenceAssembly("Polly.dll", "Polly.Core.dll"))
        {
            return; // Polly v7 ships Polly.dll, v8 Polly.Core.dll: without either, no invocation can build a retry policy.
        }

        // Polly's Handle<TException>() / Or<TException>(): one type argument, no symbol needed to tell.
        registration.RegisterOperationAction(
            symbols,
            static operation => IsHandleOrOr(operation, out _),
            static (ctx, s) =>
            {
                if (s.Polly is { } polly)
                {
                    AnalyzePollyInvocation(ctx, s.Aws, polly);
                }
            },
            OperationKind.Invocation);
    }

    /// <summary>A catch clause of a try statement that names its exception type: the only kind that can single out AWS errors.</summary>
    private static bool IsTypedCatch(IOperation operation, out ICatchClauseOperation catchClause, out ITryOperation @try, out TypeSyntax typeSyntax)
    {
        if (operation is ICatchClauseOperation { Parent: ITryOperation parent, Syntax: CatchClauseSyntax { Declaration.Type: { } type } } clause)
        {
            (catchClause, @try, typeSyntax) = (clause, parent, type);
            return true;
        }

        (catchClause, @try, typeSyntax) = (null!, null!, null!);
        return false;
    }

    /// <summary>Polly's <c>Handle&lt;TException&gt;()</c> or <c>Or&lt;TException&gt;()</c> (v7 policy builders, v8 predicate builders).</summary>
    private static bool IsHandleOrOr(IOperation operation, out IMethodSymbol method)
    {
        if (operation is IInvocationOperation { TargetMethod: { Name: "Handle" or "Or", IsGenericMethod: true, TypeArguments.Length: 1 } target })
        {
            method = target;
            return true;
        }

        method = null!;
        return false;
    }

    private static void AnalyzeCatch(OperationAnalysisContext context, AwsSymbols symbols)
    {
        if (!IsTypedCatch(context.Operation, out var catchClause, out var @try, out var typeSyntax))
        {
            return;
        }

        var exceptionType = catchClause.ExceptionType;
        var kind = AwsErrorClassification.ClassifyExceptionType(exceptionType, symbols);
        if (kind is not (AwsExceptionKind.Generic or AwsExceptionKind.ClientError))
        {
            return;
        }

        var exceptionLocal = GetExceptionLocal(catchClause);
        var selection = kind == AwsExceptionKind.ClientError
            ? AwsErrorSelection.ClientErrors
            : AwsErrorClassification.ClassifyFilter(catchClause.Filter, exceptionLocal, symbols);
        if (selection is AwsErrorSelection.ServerOrThrottling or AwsErrorSelection.Unknown)
        {
            return;
        }

        var retry = RetryLoop.TryCreate(@try, symbols, allowDelegates: true, context.CancellationToken);
        if (retry is null || !retry.CatchRetries(catchClause))
        {
            return;
        }

        if (retry.IsWaiter(catchClause, symbols))
        {
            return; // a waiter: polls GetObjectMetadata/DescribeTable with a delay until the resource exists
        }

        if (selection == AwsErrorSelection.Any && HandlerInspectsError(catchClause, exceptionLocal, retry.Loop))
        {
            return; // catch (AmazonServiceException ex) { if (ex.StatusCode < 500) throw; … }
        }

        if (HandlerRemediesError(catchClause, exceptionLocal, retry, symbols))
        {
            return; // catch (QueueDoesNotExistException) { await sqs.CreateQueueAsync(name); }: the next attempt is not the same
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (kind == AwsExceptionKind.Generic && selection == AwsErrorSelection.Any)
        {
            properties = properties.Add(FixProperty, catchClause.Filter is null ? FixAddFilter : FixNarrowFilter);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            typeSyntax.GetLocation(),
            properties,
            $"The retry loop retries '{retry.RetriedName}'",
            Describe(kind, selection, exceptionType?.Name ?? "AmazonServiceException", isPolly: false)));
    }

    private static string Describe(AwsExceptionKind kind, AwsErrorSelection selection, string typeName, bool isPolly)
    {
        if (kind == AwsExceptionKind.ClientError)
        {
            return $"4xx client errors ('{typeName}')";
        }

        return selection == AwsErrorSelection.ClientErrors
            ? $"4xx client errors (selected by the {(isPolly ? "predicate" : "filter")} on '{typeName}')"
            : $"any '{typeName}', including 4xx client errors";
    }

    private static ILocalSymbol? GetExceptionLocal(ICatchClauseOperation catchClause) => RetryLoop.GetExceptionLocal(catchClause);

    /// <summary>
    /// The handler decides by itself which errors end the loop: an <c>if</c>/<c>switch</c> on the exception that can leave
    /// (<c>if (ex.StatusCode &lt; 500) throw;</c>), or a call like <c>ThrowIfNotTransient(ex)</c>. Not judged: not flagged.
    /// </summary>
    private static bool HandlerInspectsError(ICatchClauseOperation catchClause, ILocalSymbol? exception, ILoopOperation loop)
    {
        if (exception is null)
        {
            return false;
        }

        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(catchClause.Handler))
        {
            switch (operation)
            {
                case IConditionalOperation conditional when AwsErrorClassification.ReadsException(conditional.Condition, exception):
                    if ((RetryLoop.Analyze(conditional.WhenTrue, loop) & LoopFlow.Completes) == 0
                        || (conditional.WhenFalse is not null && (RetryLoop.Analyze(conditional.WhenFalse, loop) & LoopFlow.Completes) == 0))
                    {
                        return true;
                    }

                    break;
                case ISwitchOperation switchOperation when AwsErrorClassification.ReadsException(switchOperation.Value, exception):
                    return true;
                case IInvocationOperation invocation when IsCheckingHelper(invocation.TargetMethod) && PassesException(invocation, exception):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The handler fixes the cause before the next attempt: it makes another AWS call (<c>CreateQueue</c> after
    /// <c>QueueDoesNotExist</c>, <c>PutBucket</c> after <c>NoSuchBucket</c>) or calls a method of its own named
    /// <c>Create…</c>/<c>Ensure…</c> — without passing it the exception (that would be reporting, not fixing).
    /// </summary>
    private static bool HandlerRemediesError(ICatchClauseOperation catchClause, ILocalSymbol? exception, RetryLoop retry, AwsSymbols symbols)
    {
        var retried = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(retry.Try.Body))
        {
            if (operation is IInvocationOperation call && AwsOperation.TryGet(call, symbols, out var retriedOperation))
            {
                retried.Add(retriedOperation.Name);
            }
        }

        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(catchClause.Handler))
        {
            if (operation is not IInvocationOperation invocation
                || (exception is not null && AwsErrorClassification.ReadsException(invocation, exception)))
            {
                continue;
            }

            if (AwsOperation.TryGet(invocation, symbols, out var aws))
            {
                if (!retried.Contains(aws.Name))
                {
                    return true;
                }
            }
            else if (invocation.TargetMethod.Name.StartsWith("Create", System.StringComparison.Ordinal)
                     || invocation.TargetMethod.Name.StartsWith("Ensure", System.StringComparison.Ordinal))
            {
                if (invocation.TargetMethod.Locations.Length > 0 && invocation.TargetMethod.Locations[0].IsInSource)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsCheckingHelper(IMethodSymbol method)
    {
        var name = method.Name;
        foreach (var prefix in new[] { "Throw", "Rethrow", "Ensure", "Handle", "Check", "Verify", "Validate", "Assert", "Guard" })
        {
            if (name.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool PassesException(IInvocationOperation invocation, ILocalSymbol exception)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, exception))
            {
                return true;
            }
        }

        return invocation.Instance?.WalkDownConversions() is ILocalReferenceOperation instance
               && SymbolEqualityComparer.Default.Equals(instance.Local, exception);
    }

    private static void AnalyzePollyInvocation(OperationAnalysisContext context, AwsSymbols symbols, PollySymbols polly)
    {
        if (context.Operation is not IInvocationOperation invocation || !IsHandleOrOr(invocation, out var method) || method.ContainingType is not { } containingType)
        {
            return;
        }

        var isV7 = polly.IsPolicyOrBuilder(containingType);
        var isV8 = !isV7 && method.Name == "Handle" && containingType.InheritsFrom(polly.PredicateBuilderOfT);
        if (!isV7 && !isV8)
        {
            return;
        }

        var exceptionType = method.TypeArguments[0];
        var kind = AwsErrorClassification.ClassifyExceptionType(exceptionType, symbols);
        if (kind is not (AwsExceptionKind.Generic or AwsExceptionKind.ClientError))
        {
            return;
        }

        IArgumentOperation? predicate = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
            {
                predicate = argument;
            }
        }

        var selection = kind == AwsExceptionKind.ClientError
            ? AwsErrorSelection.ClientErrors
            : predicate is null ? AwsErrorSelection.Any : ClassifyPredicate(predicate.Value, symbols);
        if (selection is AwsErrorSelection.ServerOrThrottling or AwsErrorSelection.Unknown)
        {
            return;
        }

        if (!(isV7 ? FlowsIntoV7Retry(invocation, polly) : FlowsIntoV8Retry(invocation, polly)))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty;
        if (kind == AwsExceptionKind.Generic && predicate is null && selection == AwsErrorSelection.Any)
        {
            properties = properties.Add(FixProperty, FixPollyPredicate);
        }

        var location = invocation.Syntax is InvocationExpressionSyntax { Expression: var expression }
            ? (expression is MemberAccessExpressionSyntax memberAccess ? memberAccess.Name.GetLocation() : expression.GetLocation())
            : invocation.Syntax.GetLocation();
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            location,
            properties,
            isV7 ? "The Polly retry policy retries its AWS calls" : "The Polly retry strategy retries its AWS calls",
            Describe(kind, selection, exceptionType.Name, isPolly: true)));
    }

    /// <summary>A lambda predicate <c>ex =&gt; …</c> with a single expression; anything else is not judged.</summary>
    private static AwsErrorSelection ClassifyPredicate(IOperation value, AwsSymbols symbols)
    {
        if (value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
            && lambda.Symbol.Parameters.Length == 1
            && lambda.Body.Operations.Length == 1
            && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned })
        {
            return AwsErrorClassification.ClassifyFilter(returned, lambda.Symbol.Parameters[0], symbols);
        }

        return AwsErrorSelection.Unknown;
    }

    /// <summary><c>Policy.Handle&lt;T&gt;()[.Or…()].Retry…(…)</c> in one expression.</summary>
    private static bool FlowsIntoV7Retry(IInvocationOperation invocation, PollySymbols polly)
    {
        IOperation current = invocation;
        for (var i = 0; i < 32; i++)
        {
            var next = PollyRetries.NextInChain(current);
            if (next is null)
            {
                return false;
            }

            if (PollySymbols.IsRetrySyntax(next.TargetMethod))
            {
                return true;
            }

            if (next.TargetMethod.Name is not ("Or" or "OrInner" or "OrResult") || next.TargetMethod.ContainingType is null || !polly.IsPolicyOrBuilder(next.TargetMethod.ContainingType))
            {
                return false;
            }

            current = next;
        }

        return false;
    }

    /// <summary><c>ShouldHandle = new PredicateBuilder().Handle&lt;T&gt;()[.Handle…()]</c> on retry strategy options.</summary>
    private static bool FlowsIntoV8Retry(IInvocationOperation invocation, PollySymbols polly)
    {
        IOperation current = invocation;
        for (var i = 0; i < 32; i++)
        {
            var parent = current.WalkUpConversions();
            if (parent is IInvocationOperation next
                && next.Instance?.WalkDownConversions() == current
                && next.TargetMethod.Name is "Handle" or "HandleResult" or "HandleInner"
                && next.TargetMethod.ContainingType.InheritsFrom(polly.PredicateBuilderOfT))
            {
                current = next;
                continue;
            }

            return parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "ShouldHandle" } property } } assignment
                   && assignment.Value.WalkDownConversions() == current
                   && property.ContainingType.InheritsFrom(polly.RetryStrategyOptionsOfT);
        }

        return false;
    }
}
