using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler;

/// <summary>
/// AWSBP010: an AWS SDK client, <c>HttpClient</c>, or a <c>DbConnection</c> that opens a new physical connection each time
/// (pooling disabled, or a per-invocation RDS IAM auth token in its connection string), created inside a Lambda handler body
/// (including lambdas and local functions declared in it) is created again on every invocation; create it once outside the
/// handler. A pooled connection reuses the provider's process-wide pool and is not reported.
/// </summary>
public sealed class CreateClientOutsideHandlerAnalyzer : AwsRule
{
    /// <summary>
    /// Diagnostic property: present ("true") when the creation's arguments only use static or constant values, or, for a factory
    /// call, when neither its arguments nor the factory read anything of the invocation.
    /// </summary>
    public const string HoistableProperty = "Hoistable";

    /// <summary>Diagnostic property: "AwsClient", "HttpClient" or "DbConnection".</summary>
    public const string KindProperty = "Kind";

    public const string AwsClientKind = ClientSymbols.AwsClientKind;
    public const string HttpClientKind = ClientSymbols.HttpClientKind;
    public const string DbConnectionKind = ClientSymbols.DbConnectionKind;

    private const string ClientAdvice = "create it once outside the handler (static field or constructor) so warm invocations reuse it";

    // ADO.NET pools physical connections per connection string, so a per-invocation connection from a pooled provider reuses the
    // process-wide pool on warm invocations and is not reported (see docs/rules/AWSBP010.md); these two open a new one each time.
    private const string PoolingDisabledAdvice =
        "its connection string disables pooling, so every invocation opens a new physical connection; enable pooling or connect outside the handler (a static DbDataSource)";

    private const string AuthTokenAdvice =
        "its connection string carries an RDS IAM auth token generated per invocation, which creates a new connection pool each time; "
        + "build the data source outside the handler and refresh the token there (or use RDS Proxy)";

    private static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        RuleIdentifiers.CreateClientOutsideHandler,
        messageFormat: "'{0}' is created inside the Lambda handler '{1}'; {2}",
        description: "AWS recommends initialising the SDK and connecting to databases outside the function handler: objects created "
            + "there survive in the execution environment and are reused by warm invocations, while a client created inside the "
            + "handler pays its construction, credential resolution and connection set-up again on every invocation.");

    public CreateClientOutsideHandlerAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(TryCreateSymbols);
        registration.RegisterOperationAction(
            symbols,
            // Base-type names first (no symbol needed): most creations are of no class derived from one of the three.
            static operation => operation.Type is { TypeKind: TypeKind.Class } type && ClientSymbols.NextCandidate(type) is not null,
            AnalyzeObjectCreation,
            OperationKind.ObjectCreation);

        // One level of indirection: a factory of the user's own that returns a new client (by return-type name first).
        registration.RegisterOperationAction(
            symbols,
            static operation => ClientFactories.MayBeFactoryCall(operation, ClientSymbols.MayBeClientOrInterface),
            AnalyzeFactoryCall,
            OperationKind.Invocation);
    }

    private static void AnalyzeObjectCreation(OperationAnalysisContext context, ClientSymbols symbols)
    {
        // Only creations of a client, HttpClient or DbConnection are worth the handler search.
        if (context.Operation is not IObjectCreationOperation { Type: { } type } creation)
        {
            return;
        }

        if (symbols.GetKind(type) is not { } kind)
        {
            return;
        }

        var connection = kind == DbConnectionKind ? DbConnectionStrings.Classify(creation, context.CancellationToken) : PhysicalConnection.Pooled;
        if (kind == DbConnectionKind && connection == PhysicalConnection.Pooled)
        {
            return; // the provider's process-wide pool survives warm invocations
        }

        if (!LambdaHandlers.TryGetHandler(creation, context.ContainingSymbol, symbols.Aws.Lambda, context.CancellationToken, out var handler, out var handlerOperation)
            || handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor
            || symbols.Caching.IsLazilyCached(creation, handlerOperation))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
        if (AreArgumentsHoistable(creation))
        {
            properties = properties.Add(HoistableProperty, "true");
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            creation.Syntax.GetLocation(),
            properties,
            type.Name,
            LambdaHandlers.GetHandlerName(handler, handlerOperation),
            connection switch
            {
                PhysicalConnection.PoolingDisabled => PoolingDisabledAdvice,
                PhysicalConnection.PerCallAuthToken => AuthTokenAdvice,
                _ => ClientAdvice,
            }));
    }

    /// <summary>
    /// A handler that calls a factory whose body returns a new client (<c>CreateS3Client()</c>, a local function, a delegate field
    /// <c>static readonly Func&lt;IAmazonS3&gt; Create = () =&gt; new AmazonS3Client();</c>) creates one on every invocation just
    /// the same. Reported at the call; hoistable (the fix moves the call) when the call and the factory read nothing of the
    /// invocation (<see cref="ClientFactories.IsCallHoistable"/>).
    /// </summary>
    private static void AnalyzeFactoryCall(OperationAnalysisContext context, ClientSymbols symbols)
    {
        var call = (IInvocationOperation)context.Operation;
        var cancellationToken = context.CancellationToken;
        if (!LambdaHandlers.TryGetHandler(call, context.ContainingSymbol, symbols.Aws.Lambda, cancellationToken, out var handler, out var handlerOperation)
            || handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor
            || symbols.Caching.IsLazilyCached(call, handlerOperation)
            || !ClientFactories.TryGetFactory(call, type => symbols.GetKind(type) is AwsClientKind or HttpClientKind, cancellationToken, out var factory)
            || IsInside(factory.Creation, handler, handlerOperation))
        {
            return; // a creation in a local function of the handler is reported where it is written
        }

        var creation = factory.Creation;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, symbols.GetKind(creation.Type!));
        if (ClientFactories.IsCallHoistable(call, factory))
        {
            // The fixer still decides whether the call compiles where it would move (an instance factory, a local function).
            properties = properties.Add(HoistableProperty, "true");
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            call.Syntax.GetLocation(),
            properties,
            creation.Type!.Name,
            LambdaHandlers.GetHandlerName(handler, handlerOperation),
            $"'{factory.Name}' creates a new one on every call; call it once outside the handler (static field or constructor) so warm invocations reuse it"));
    }

    private static bool IsInside(IOperation creation, IMethodSymbol handler, IOperation? handlerOperation)
    {
        if (handlerOperation is not null)
        {
            return handlerOperation.Syntax.SyntaxTree == creation.Syntax.SyntaxTree && handlerOperation.Syntax.Span.Contains(creation.Syntax.Span);
        }

        foreach (var reference in handler.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == creation.Syntax.SyntaxTree && reference.Span.Contains(creation.Syntax.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The client symbols, or null when no Lambda package is referenced (nothing can be a handler).</summary>
    private static ClientSymbols? TryCreateSymbols(AwsSymbols aws) => aws.Lambda.IsAvailable ? ClientSymbols.Create(aws) : null;

    /// <inheritdoc cref="ClientCreations.AreArgumentsHoistable"/>
    internal static bool AreArgumentsHoistable(IObjectCreationOperation creation) => ClientCreations.AreArgumentsHoistable(creation);
}
