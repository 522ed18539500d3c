using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.BackOffExponentially;

/// <summary>
/// AWSBP021: a retry of AWS calls that waits the same time, or not at all, between attempts — a hand-written retry loop as
/// AWSBP020 recognises it (<see cref="RetryLoop"/>), a Polly v7 retry policy (<c>Retry</c>, <c>WaitAndRetry</c> with a constant
/// sleep) or a Polly v8 retry strategy with a constant or zero delay — and, with a second message, a hand-written loop that
/// retries throttling and server errors through a client whose configuration (in view) leaves the SDK's own retries on.
/// </summary>
public sealed class BackOffExponentiallyAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: which fix applies; absent when none is offered.</summary>
    internal const string FixKey = "Fix";

    /// <summary>Replace the constant durations (additional locations 2…) with a capped, jittered exponential backoff.</summary>
    internal const string FixDelay = "Delay";

    /// <summary>The loop does not wait: add a wait to the catch handler (additional location 1).</summary>
    internal const string FixAddDelay = "AddDelay";

    /// <summary>Polly v8: <c>BackoffType = DelayBackoffType.Exponential</c>, <c>UseJitter = true</c> on the options (the location).</summary>
    internal const string FixPollyOptions = "PollyOptions";

    /// <summary>Polly v7: the constant sleep duration provider (additional location 0) becomes a backoff of its attempt.</summary>
    internal const string FixPollySleep = "PollySleep";

    /// <summary>Polly v7: <c>Retry(n)</c> becomes <c>WaitAndRetry(n, attempt =&gt; backoff)</c> (the location is the method name).</summary>
    internal const string FixPollyRetry = "PollyRetry";

    /// <summary>The name of the loop's attempt counter, when it has one in scope of the catch.</summary>
    internal const string CounterKey = "Counter";

    /// <summary>Present when the counter is raised only by the try's other catch clauses: the fix raises it in this one too.</summary>
    internal const string IncrementKey = "Increment";

    /// <summary>The constant delay in milliseconds (invariant), for the Polly v7 fix.</summary>
    internal const string DelayKey = "Milliseconds";

    private const string Description =
        "AWS guidance: retry throttling and server errors with exponential backoff and jitter — wait longer after each failed attempt, "
        + "for a random part of that time — so that clients that failed together do not retry together and a throttled or "
        + "recovering service gets room. A fixed delay, or none, sends every retry at the same moment again.";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP021",
        "{0} {1}; back off exponentially with jitter between attempts",
        Description);

    internal static readonly DiagnosticDescriptor SdkRetriesRule = RuleCatalog.Descriptor(
        "AWSBP021",
        "The retry loop retries '{0}', which the SDK client '{1}' already retries with backoff on throttling and server errors ({2}), so the attempts multiply; retry in one place: set MaxErrorRetry = 0 on the client's config or leave the retries to the SDK",
        Description + " The SDK already retries throttling and server errors with backoff; a loop around it multiplies the attempts.");

    public BackOffExponentiallyAnalyzer()
        : base(Rule, SdkRetriesRule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(RetrySymbols.TryCreate);

        // A loop with a catch clause: the only place a hand-written retry goes round again. The loop, not the catch clause, is
        // the unit: the waits after the try and the retried call are outside the catch, and a diagnostic must lie within the
        // operation it is reported for (the IDE computes diagnostics by span and offers fixes only for those).
        registration.RegisterOperationAction(
            symbols,
            static operation => operation is ILoopOperation { Syntax: var syntax } && syntax.DescendantNodes().Any(static n => n is CatchClauseSyntax),
            static (ctx, s) => AnalyzeLoop(ctx, s.Aws),
            OperationKind.Loop);
        if (!registration.Context.MayReferenceAssembly("Polly.dll", "Polly.Core.dll"))
        {
            return;
        }

        registration.RegisterOperationAction(
            symbols,
            static operation => operation is IInvocationOperation { TargetMethod.Name: var name } && IsPollyRetryName(name),
            static (ctx, s) =>
            {
                if (s.Polly is { } polly)
                {
                    AnalyzePollyPolicy(ctx, s.Aws, polly);
                }
            },
            OperationKind.Invocation);
        registration.RegisterOperationAction(
            symbols,
            static operation => operation is IObjectCreationOperation { Type.Name: "RetryStrategyOptions" },
            static (ctx, s) =>
            {
                if (s.Polly is { } polly)
                {
                    AnalyzePollyOptions(ctx, s.Aws, polly);
                }
            },
            OperationKind.ObjectCreation);
    }

    private static bool IsPollyRetryName(string name)
        => name is "Retry" or "RetryAsync" or "RetryForever" or "RetryForeverAsync"
            or "WaitAndRetry" or "WaitAndRetryAsync" or "WaitAndRetryForever" or "WaitAndRetryForeverAsync";

    // ------------------------------------------------------------------ hand-written retry loops

    /// <summary>
    /// Which catch clauses the rule judges: one that can catch AWS service errors — <c>AmazonServiceException</c> or a service's
    /// base exception, a throttling or server-error type, <c>AmazonClientException</c>, <c>Exception</c> or a bare <c>catch</c> —
    /// whose filter does not single out client errors. 4xx-only types and other modeled exceptions are AWSBP020's business or
    /// not judged; a waiter (not-found errors of a polled read) may wait a fixed time.
    /// </summary>
    private static bool IsJudged(ICatchClauseOperation catchClause, AwsSymbols symbols, out AwsExceptionKind kind, out AwsErrorSelection selection)
    {
        kind = AwsErrorClassification.ClassifyExceptionType(catchClause.ExceptionType, symbols);
        selection = AwsErrorSelection.Any;
        if (kind is AwsExceptionKind.ClientError or AwsExceptionKind.Specific)
        {
            return false;
        }

        if (kind == AwsExceptionKind.None && !IsBroad(catchClause.ExceptionType))
        {
            return false;
        }

        selection = AwsErrorClassification.ClassifyFilter(catchClause.Filter, RetryLoop.GetExceptionLocal(catchClause), symbols);
        return selection != AwsErrorSelection.ClientErrors;
    }

    /// <summary><c>catch</c>, <c>catch (Exception)</c> or <c>catch (AmazonClientException)</c>.</summary>
    private static bool IsBroad(ITypeSymbol? type)
        => type is null
           || type.SpecialType == SpecialType.System_Object
           || type is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
           || type is { Name: "AmazonClientException", ContainingNamespace: { Name: "Runtime", ContainingNamespace.Name: "Amazon" } };

    private static void AnalyzeLoop(OperationAnalysisContext context, AwsSymbols symbols)
    {
        var loop = (ILoopOperation)context.Operation;
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(loop.Body))
        {
            if (operation is ITryOperation @try && @try.GetEnclosingLoop() == loop)
            {
                foreach (var catchClause in @try.Catches)
                {
                    AnalyzeCatch(context, @try, catchClause, symbols);
                }
            }
        }
    }

    private static void AnalyzeCatch(OperationAnalysisContext context, ITryOperation @try, ICatchClauseOperation catchClause, AwsSymbols symbols)
    {
        if (!IsJudged(catchClause, symbols, out var kind, out var selection))
        {
            return;
        }

        // A bare catch or catch (Exception) must surround a direct AWS call; a catch of an AWS exception also tells that a
        // delegate it retries (a generic retry helper) makes AWS calls.
        var retry = RetryLoop.TryCreate(@try, symbols, allowDelegates: kind != AwsExceptionKind.None, context.CancellationToken);
        if (retry is null || !retry.CatchRetries(catchClause) || retry.IsWaiter(catchClause, symbols))
        {
            return;
        }

        ReportWaits(context, retry, catchClause, symbols);
        ReportSdkRetries(context, retry, catchClause, kind, selection, symbols);
    }

    /// <summary>The loop waits a constant time (or no time) between the attempts that <paramref name="catchClause"/> sends round again.</summary>
    private static void ReportWaits(OperationAnalysisContext context, RetryLoop retry, ICatchClauseOperation catchClause, AwsSymbols symbols)
    {
        var waits = retry.GetWaits(catchClause, out var mayWaitOtherwise);
        if (mayWaitOtherwise)
        {
            return; // await BackoffAsync(attempt), an inner loop that waits: a wait we cannot judge
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (retry.FindAttemptCounter(catchClause, out var countsThisCatch) is { } counter)
        {
            properties.Add(CounterKey, counter.Name);
            if (!countsThisCatch)
            {
                properties.Add(IncrementKey, "true");
            }
        }

        var additional = new List<Location> { retry.Loop.Syntax.GetLocation(), catchClause.Syntax.GetLocation() };
        var subject = $"The retry loop retries '{retry.RetriedName}'";

        if (waits.Count == 0)
        {
            if (catchClause.Syntax is not CatchClauseSyntax syntax)
            {
                return;
            }

            properties.Add(FixKey, FixAddDelay);
            context.ReportDiagnostic(Diagnostic.Create(Rule, syntax.CatchKeyword.GetLocation(), additional, properties.ToImmutable(), subject, "without waiting between attempts"));
            return;
        }

        double? first = null;
        var allZero = true;
        IInvocationOperation? anchor = null;
        foreach (var wait in waits)
        {
            if (DelayValues.GetDurationArgument(wait) is not { } argument
                || !DelayValues.TryGetMilliseconds(argument.Value, context.CancellationToken, out var milliseconds)
                || milliseconds < 0)
            {
                return; // computed from the attempt, the exception or a helper; or Timeout.Infinite
            }

            first ??= milliseconds;
            allZero &= milliseconds == 0;
            if (anchor is null && wait.IsDescendantOf(catchClause.Handler))
            {
                anchor = wait;
            }

            additional.Add(argument.Value.Syntax.GetLocation());
        }

        if (anchor is null && !IsFirstJudgedRetryingCatch(retry, catchClause, symbols))
        {
            return; // a wait after the try, shared by several catch clauses: reported once, for the first
        }

        anchor ??= waits[0];
        properties.Add(FixKey, FixDelay);
        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            anchor.Syntax.GetLocation(),
            additional,
            properties.ToImmutable(),
            subject,
            allZero ? "without waiting between attempts" : "after a fixed delay of " + DelayValues.Describe(first!.Value)));
    }

    private static bool IsFirstJudgedRetryingCatch(RetryLoop retry, ICatchClauseOperation catchClause, AwsSymbols symbols)
    {
        foreach (var sibling in retry.Try.Catches)
        {
            if (sibling == catchClause)
            {
                return true;
            }

            if (IsJudged(sibling, symbols, out _, out _) && retry.CatchRetries(sibling) && !retry.IsWaiter(sibling, symbols))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The second message: the loop retries exactly what the SDK retries (a throttling or server-error type, or a filter that selects
    /// them) around a client created in view whose configuration leaves the SDK's retries on. Reported once per try statement, on
    /// the retried call.
    /// </summary>
    private static void ReportSdkRetries(OperationAnalysisContext context, RetryLoop retry, ICatchClauseOperation catchClause, AwsExceptionKind kind, AwsErrorSelection selection, AwsSymbols symbols)
    {
        if (!RetriesWhatTheSdkRetries(kind, selection)
            || !AwsOperation.TryGet(retry.RetriedCall, symbols, out var call)
            || call.Invocation.Instance is not { } client
            || retry.RetriedCall.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: var name } })
        {
            return;
        }

        foreach (var sibling in retry.Try.Catches)
        {
            if (sibling == catchClause)
            {
                break;
            }

            if (IsJudged(sibling, symbols, out var siblingKind, out var siblingSelection) && RetriesWhatTheSdkRetries(siblingKind, siblingSelection) && retry.CatchRetries(sibling))
            {
                return; // reported for the first one
            }
        }

        if (ClientConfiguration.GetSdkRetries(client, symbols, context.CancellationToken, out var detail) != SdkRetries.On)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(SdkRetriesRule, name.GetLocation(), retry.RetriedCall.TargetMethod.Name, client.Syntax.ToString(), detail));
    }

    private static bool RetriesWhatTheSdkRetries(AwsExceptionKind kind, AwsErrorSelection selection)
        => kind == AwsExceptionKind.ServerOrThrottling || (kind == AwsExceptionKind.Generic && selection == AwsErrorSelection.ServerOrThrottling);

    // ------------------------------------------------------------------ Polly v7

    /// <summary>
    /// <c>Retry</c>/<c>RetryForever</c> (no wait) or <c>WaitAndRetry…</c> with a constant sleep duration provider or schedule, on a
    /// policy that handles AWS errors (other than only 4xx ones: AWSBP020's business, and a polled not-found waits a fixed time on
    /// purpose) or that is executed around AWS calls in the same file.
    /// </summary>
    private static void AnalyzePollyPolicy(OperationAnalysisContext context, AwsSymbols symbols, PollySymbols polly)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (!PollySymbols.IsRetrySyntax(method)
            || invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax methodName } })
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        var additional = new List<Location>();
        string wait;
        if (!method.Name.StartsWith("WaitAndRetry", System.StringComparison.Ordinal))
        {
            wait = "without waiting between attempts";
            var explicitArguments = 0;
            foreach (var argument in invocation.Arguments)
            {
                if (!argument.IsImplicit && argument.Parameter?.Ordinal > 0)
                {
                    explicitArguments++;
                    if (argument.Parameter.Type.SpecialType != SpecialType.System_Int32)
                    {
                        explicitArguments = int.MaxValue / 2; // an onRetry callback: its signature differs for WaitAndRetry
                    }
                }
            }

            // builder.Retry(3), not RetrySyntax.Retry(builder, 3): the fix rewrites the reduced extension call.
            if (explicitArguments <= 1 && invocation.Arguments.Length > 0 && invocation.Arguments[0].Syntax is not ArgumentSyntax)
            {
                properties.Add(FixKey, FixPollyRetry);
            }
        }
        else if (!TryGetConstantSleep(invocation, context.CancellationToken, out var milliseconds, out var provider))
        {
            return;
        }
        else
        {
            wait = milliseconds == 0 ? "without waiting between attempts" : "after a fixed delay of " + DelayValues.Describe(milliseconds);
            if (provider is { Syntax: LambdaExpressionSyntax { ExpressionBody: not null } lambda })
            {
                properties.Add(FixKey, FixPollySleep);
                properties.Add(DelayKey, milliseconds.ToString("R", CultureInfo.InvariantCulture));
                additional.Add(lambda.GetLocation());
            }
        }

        var types = new List<ITypeSymbol>();
        PollyRetries.TryGetHandledTypes(invocation, polly, types);
        switch (AwsEvidence(types, symbols))
        {
            case Evidence.OnlyClientErrors:
                return;
            case Evidence.None when !PollyRetries.IsExecutedAroundAwsCalls(invocation, symbols, context.CancellationToken):
                return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, methodName.GetLocation(), additional, properties.ToImmutable(), "The Polly retry policy retries its AWS calls", wait));
    }

    /// <summary>The sleep duration provider (<c>attempt =&gt; TimeSpan.FromSeconds(1)</c>) or schedule of a <c>WaitAndRetry…</c> call, when it is constant.</summary>
    private static bool TryGetConstantSleep(IInvocationOperation invocation, System.Threading.CancellationToken cancellationToken, out double milliseconds, out IAnonymousFunctionOperation? provider)
    {
        milliseconds = 0;
        provider = null;
        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Parameter?.Type as INamedTypeSymbol;
            if (type?.DelegateInvokeMethod is { ReturnType.Name: "TimeSpan" })
            {
                if (argument.Value.WalkDownConversions() is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                    || lambda.Body.Operations.Length != 1
                    || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned }
                    || !DelayValues.TryGetMilliseconds(returned, cancellationToken, out milliseconds))
                {
                    return false;
                }

                provider = lambda;
                return milliseconds >= 0;
            }

            if (type is { Name: "IEnumerable", TypeArguments.Length: 1 } && type.TypeArguments[0].Name == "TimeSpan")
            {
                return TryGetConstantSchedule(argument.Value, cancellationToken, out milliseconds);
            }
        }

        return false;
    }

    /// <summary><c>new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }</c>, a collection of equal constants, or <c>Enumerable.Repeat(constant, n)</c>.</summary>
    private static bool TryGetConstantSchedule(IOperation value, System.Threading.CancellationToken cancellationToken, out double milliseconds)
    {
        milliseconds = 0;
        var elements = new List<IOperation>();
        switch (value.WalkDownConversions())
        {
            case IArrayCreationOperation { Initializer: { } initializer }:
                elements.AddRange(initializer.ElementValues);
                break;
            case IObjectCreationOperation { Initializer: { } collection }:
                foreach (var initializer in collection.Initializers)
                {
                    if (initializer is not IInvocationOperation { Arguments.Length: 1 } add)
                    {
                        return false;
                    }

                    elements.Add(add.Arguments[0].Value);
                }

                break;
            case IInvocationOperation { TargetMethod: { Name: "Repeat", ContainingType.Name: "Enumerable" }, Arguments.Length: 2 } repeat:
                elements.Add(repeat.Arguments[0].Value);
                break;
            default:
                return false;
        }

        double? common = null;
        foreach (var element in elements)
        {
            if (!DelayValues.TryGetMilliseconds(element, cancellationToken, out var each) || (common is { } seen && seen != each) || each < 0)
            {
                return false;
            }

            common = each;
        }

        milliseconds = common ?? 0;
        return common.HasValue;
    }

    private enum Evidence
    {
        None,
        Aws,
        OnlyClientErrors,
    }

    /// <summary>What the handled exception types say: AWS errors, only AWS 4xx errors, or nothing about AWS.</summary>
    private static Evidence AwsEvidence(List<ITypeSymbol> types, AwsSymbols symbols)
    {
        var sawAws = false;
        foreach (var type in types)
        {
            var kind = AwsErrorClassification.ClassifyExceptionType(type, symbols);
            if (kind is AwsExceptionKind.Generic or AwsExceptionKind.ServerOrThrottling or AwsExceptionKind.Specific)
            {
                return Evidence.Aws;
            }

            sawAws |= kind == AwsExceptionKind.ClientError;
        }

        return sawAws ? Evidence.OnlyClientErrors : Evidence.None;
    }

    // ------------------------------------------------------------------ Polly v8

    /// <summary>
    /// A <c>RetryStrategyOptions</c> whose <c>BackoffType</c> is <c>Constant</c> (also by default) or whose <c>Delay</c> is zero, with
    /// no <c>DelayGenerator</c>, that handles AWS errors (<c>ShouldHandle = new PredicateBuilder().Handle&lt;AmazonServiceException&gt;()</c>)
    /// or whose pipeline is executed around AWS calls in the same file.
    /// </summary>
    private static void AnalyzePollyOptions(OperationAnalysisContext context, AwsSymbols symbols, PollySymbols polly)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!polly.IsRetryStrategyOptions(creation.Type) || !TryGetOptions(creation, context.CancellationToken, out var assignments))
        {
            return;
        }

        RequestMemberAssignment? backoff = null, delay = null, shouldHandle = null, jitter = null;
        foreach (var assignment in assignments)
        {
            switch (assignment.Property.Name)
            {
                case "DelayGenerator" when assignment.Value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: null }:
                    return; // computes its own delays
                case "MaxRetryAttempts" when assignment.Value.ConstantValue is { HasValue: true, Value: 0 }:
                    return;
                case "BackoffType":
                    if (backoff is not null)
                    {
                        return;
                    }

                    backoff = assignment;
                    break;
                case "Delay":
                    if (delay is not null)
                    {
                        return;
                    }

                    delay = assignment;
                    break;
                case "ShouldHandle":
                    shouldHandle = assignment;
                    break;
                case "UseJitter":
                    jitter = assignment;
                    break;
            }
        }

        var backoffType = backoff is null
            ? "Constant" // Polly v8's default
            : backoff.Value.WalkDownConversions() is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } member } ? member.Name : null;
        double milliseconds = 2000; // Polly v8's default Delay
        var delayKnown = delay is null || DelayValues.TryGetMilliseconds(delay.Value, context.CancellationToken, out milliseconds);
        string wait;
        var fixable = false;
        if (delayKnown && milliseconds == 0)
        {
            wait = "without waiting between attempts (its Delay is zero)";
        }
        else if (backoffType == "Constant")
        {
            wait = (delayKnown ? "after a fixed delay of " + DelayValues.Describe(milliseconds) : "after a fixed delay")
                   + (backoff is null ? " (BackoffType defaults to Constant)" : string.Empty);
            // Set in the initializer or not at all (options.BackoffType = … on a local later is left alone).
            fixable = creation.Syntax is BaseObjectCreationExpressionSyntax && IsInInitializer(backoff, creation) && IsInInitializer(jitter, creation);
        }
        else
        {
            return;
        }

        var types = new List<ITypeSymbol>();
        var evidence = shouldHandle is not null && PollyRetries.TryGetHandledTypes(shouldHandle.Value, polly, types) ? AwsEvidence(types, symbols) : Evidence.None;
        switch (evidence)
        {
            case Evidence.OnlyClientErrors:
                return;
            case Evidence.None when !PollyRetries.IsExecutedAroundAwsCalls(creation, symbols, context.CancellationToken):
                return;
        }

        var location = backoff is not null && backoffType == "Constant" && IsInInitializer(backoff, creation)
            ? backoff.Value.Syntax.GetLocation()
            : creation.Syntax switch
            {
                ObjectCreationExpressionSyntax { Type: var type } => type.GetLocation(),
                ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.NewKeyword.GetLocation(),
                _ => creation.Syntax.GetLocation(),
            };
        var properties = fixable ? ImmutableDictionary<string, string?>.Empty.Add(FixKey, FixPollyOptions) : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, location, new[] { creation.Syntax.GetLocation() }, properties, "The Polly retry strategy retries its AWS calls", wait));
    }

    private static bool IsInInitializer(RequestMemberAssignment? assignment, IObjectCreationOperation creation)
        => assignment is null || (creation.Initializer is { } initializer && assignment.Assignment.IsDescendantOf(initializer));

    /// <summary>The options' initializer and, when they initialise a local, the properties later set on it.</summary>
    private static bool TryGetOptions(IObjectCreationOperation creation, System.Threading.CancellationToken cancellationToken, out List<RequestMemberAssignment> assignments)
    {
        if (creation.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var local } })
        {
            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(creation.GetRoot()))
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return RequestObjects.TryGetAssignments(reference, cancellationToken, out assignments);
                }
            }
        }

        return RequestObjects.TryGetAssignments(creation, cancellationToken, out assignments);
    }
}
