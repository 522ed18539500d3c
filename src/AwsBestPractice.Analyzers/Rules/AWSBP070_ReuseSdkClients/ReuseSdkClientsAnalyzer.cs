using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ReuseSdkClients;

/// <summary>
/// AWSBP070: an AWS SDK client or <c>HttpClient</c> created again on every iteration of a loop (<see cref="PerIterationCreations"/>),
/// on every request (anywhere in an ASP.NET Core controller or Razor page, constructors and instance field initializers
/// included, since the framework creates one per request; in a minimal-API route lambda), or as the eager value of
/// <c>GetOrAdd</c>/<c>TryAdd</c>; and, one level down, <c>new SnsService()</c> in those places when that class's constructor
/// creates a client (<see cref="ServiceConstructors"/>). Lambda handlers are AWSBP010's; test code, caching patterns
/// (<see cref="ClientCaching"/>) and loops that make one client per region or account are not reported.
/// </summary>
public sealed class ReuseSdkClientsAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: where the creation repeats (<see cref="LoopContext"/>, <see cref="RequestContext"/>, <see cref="CacheValueContext"/>, <see cref="IndirectContext"/>).</summary>
    public const string ContextProperty = "Context";

    /// <summary>Diagnostic property: present ("true") when the creation's arguments only use static or constant values.</summary>
    public const string HoistableProperty = "Hoistable";

    public const string LoopContext = "Loop";
    public const string RequestContext = "Request";
    public const string CacheValueContext = "CacheValue";
    public const string IndirectContext = "Indirect";

    private const string LoopAdvice = "create it once, before the loop or in a field, and reuse it";
    private const string RequestAdvice = "register it once (AddAWSService<T>() or a singleton) and inject it, or keep it in a static field";
    private const string CacheValueAdvice = "pass a factory (key => new …) so the client is created only when the cache has none";
    private const string IndirectAdvice = "create the service once (a singleton or a field) or give it the client through its constructor";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP070",
        "'{0}' {1}; {2}",
        "AWS SDK clients and HttpClient are thread-safe and meant to be long-lived: each new client resolves its configuration, "
        + "credentials and endpoint again and opens its own connection pool, so a client created per loop iteration or per request "
        + "pays new TCP and TLS handshakes on every call and can exhaust sockets under load. The AWS SDK for .NET recommends reusing "
        + "a single, long-lived service client.");

    public ReuseSdkClientsAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
        => registration.RegisterOperationAction(
            registration.Symbols(ReuseSymbols.TryCreate),
            // Symbol-free: a class named like a client in its base types, or a class declared in source (a service whose
            // constructor may create one).
            static operation => operation.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type
                                && (ClientSymbols.NextCandidate(type) is not null || !type.DeclaringSyntaxReferences.IsEmpty),
            Analyze,
            OperationKind.ObjectCreation);

    private static void Analyze(OperationAnalysisContext context, ReuseSymbols symbols)
    {
        if (context.Operation is not IObjectCreationOperation { Type: INamedTypeSymbol type } creation
            || context.ContainingSymbol.ContainingType is not { } containingType)
        {
            return;
        }

        var kind = symbols.Clients.GetKind(type);
        if (kind == ClientSymbols.DbConnectionKind
            || (kind is null && (type.DeclaringSyntaxReferences.IsEmpty || !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, context.Compilation.Assembly))))
        {
            return;
        }

        // A class of the compilation: only one whose constructor creates a client matters (answered once per constructor).
        string? indirectClient = null;
        if (kind is null
            && (creation.Constructor is not { } constructor
                || (indirectClient = symbols.Constructors.GetCreatedClient(constructor, context.CancellationToken)) is null))
        {
            return;
        }

        // Where the creation repeats; the cheap structural tests first.
        string? where = null;
        var contextKind = LoopContext;
        var caching = symbols.Clients.Caching;
        if (kind is not null && GetCacheValueMethod(creation) is { } cacheMethod)
        {
            contextKind = CacheValueContext;
            where = "is created on every call to '" + cacheMethod + "', even when the cache already holds a client";
        }
        else if (PerIterationCreations.FindRepeatingLoop(creation) is not null)
        {
            where = "on every iteration of the loop";
        }
        else if (GetRequestHandler(creation, context.ContainingSymbol, containingType, symbols, out var perInstance) is { } handler)
        {
            contextKind = RequestContext;
            where = "on every request to " + handler;
            if (perInstance)
            {
                caching = symbols.Clients.PerInstanceCaching;
            }
        }

        if (where is null
            || symbols.IsTestClass(containingType)
            || caching.IsLazilyCached(creation, null)
            || IsInLambdaHandler(creation, context, symbols))
        {
            return;
        }

        string subject;
        if (indirectClient is not null)
        {
            subject = "creates a new '" + indirectClient + "' in its constructor and is created " + where;
            contextKind = IndirectContext;
        }
        else
        {
            subject = contextKind == CacheValueContext ? where : "is created " + where;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(ContextProperty, contextKind);
        if (kind is not null && ClientCreations.AreArgumentsHoistable(creation))
        {
            properties = properties.Add(HoistableProperty, "true");
        }

        var advice = contextKind switch
        {
            CacheValueContext => CacheValueAdvice,
            IndirectContext => IndirectAdvice,
            RequestContext => RequestAdvice,
            _ => LoopAdvice,
        };

        context.ReportDiagnostic(Diagnostic.Create(Rule, creation.Syntax.GetLocation(), properties, type.Name, subject, advice));
    }

    /// <summary>
    /// <c>GetOrAdd</c>/<c>TryAdd</c>/<c>AddOrUpdate</c> when the creation is its value argument (not a factory): the value is
    /// built on every call, whether or not the cache already holds one.
    /// </summary>
    private static string? GetCacheValueMethod(IObjectCreationOperation creation)
        => creation.WalkUpConversions() is IArgumentOperation { Parameter.Name: "value" or "addValue", Parent: IInvocationOperation { TargetMethod.Name: "GetOrAdd" or "TryAdd" or "AddOrUpdate" } invocation }
            ? invocation.TargetMethod.Name
            : null;

    /// <summary>
    /// The request handler the creation runs in, for the message: a minimal-API route lambda (<c>the MapGet handler</c>), or any
    /// instance member of a controller or page model (<c>'OrdersController.Post'</c>); <paramref name="perInstance"/> is true for
    /// the latter, whose instance members live only as long as the request.
    /// </summary>
    private static string? GetRequestHandler(IObjectCreationOperation creation, ISymbol containingSymbol, INamedTypeSymbol containingType, ReuseSymbols symbols, out bool perInstance)
    {
        perInstance = false;
        if (symbols.EndpointRouteBuilder is not null)
        {
            for (var current = creation.Parent; current is not null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation function && symbols.GetRouteMethod(function) is { } route)
                {
                    return "the " + route + " handler";
                }
            }
        }

        if (containingSymbol.IsStatic || !symbols.IsPerRequestType(containingType))
        {
            return null;
        }

        // A static lambda or local function of a controller is not tied to its instance, but still runs in its request.
        perInstance = true;
        return containingSymbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } => "'" + containingType.Name + "' (a controller is created per request)",
            IMethodSymbol method => "'" + containingType.Name + "." + (method.AssociatedSymbol?.Name ?? method.Name) + "'",
            _ => "'" + containingType.Name + "' (a controller is created per request)",
        };
    }

    /// <summary>Inside a Lambda handler AWSBP010 reports the creation (AWSBP010 owns handlers).</summary>
    private static bool IsInLambdaHandler(IObjectCreationOperation creation, OperationAnalysisContext context, ReuseSymbols symbols)
        => symbols.Aws.Lambda.IsAvailable
           && LambdaHandlers.TryGetHandler(creation, context.ContainingSymbol, symbols.Aws.Lambda, context.CancellationToken, out _, out _);
}
