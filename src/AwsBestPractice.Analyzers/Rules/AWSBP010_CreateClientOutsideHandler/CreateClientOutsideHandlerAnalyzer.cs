using System.Collections.Generic;
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
    /// <summary>Diagnostic property: present ("true") when the creation's arguments only use static or constant values.</summary>
    public const string HoistableProperty = "Hoistable";

    /// <summary>Diagnostic property: "AwsClient", "HttpClient" or "DbConnection".</summary>
    public const string KindProperty = "Kind";

    public const string AwsClientKind = "AwsClient";
    public const string HttpClientKind = "HttpClient";
    public const string DbConnectionKind = "DbConnection";

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
        var symbols = registration.Symbols(ClientSymbols.TryCreate);
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
            || IsLazilyCached(creation, handlerOperation, symbols.Interlocked, symbols.LazyInitializer, symbols.Lazy))
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
    /// the same. Reported at the call; no fix (the factory's call would have to move, with whatever it is given).
    /// </summary>
    private static void AnalyzeFactoryCall(OperationAnalysisContext context, ClientSymbols symbols)
    {
        var call = (IInvocationOperation)context.Operation;
        var cancellationToken = context.CancellationToken;
        if (!LambdaHandlers.TryGetHandler(call, context.ContainingSymbol, symbols.Aws.Lambda, cancellationToken, out var handler, out var handlerOperation)
            || handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor
            || IsLazilyCached(call, handlerOperation, symbols.Interlocked, symbols.LazyInitializer, symbols.Lazy)
            || !ClientFactories.TryGetCreation(call, type => symbols.GetKind(type) is AwsClientKind or HttpClientKind, cancellationToken, out var creation, out var factory)
            || IsInside(creation, handler, handlerOperation))
        {
            return; // a creation in a local function of the handler is reported where it is written
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            call.Syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, symbols.GetKind(creation.Type!)),
            creation.Type!.Name,
            LambdaHandlers.GetHandlerName(handler, handlerOperation),
            $"'{factory}' creates a new one on every call; call it once outside the handler (static field or constructor) so warm invocations reuse it"));
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

    /// <summary>The types the rule needs; null when no Lambda package is referenced (nothing can be a handler).</summary>
    private sealed class ClientSymbols
    {
        private ClientSymbols(AwsSymbols aws)
        {
            Aws = aws;
            HttpClient = aws.GetType("System.Net.Http.HttpClient");
            DbConnection = aws.GetType("System.Data.Common.DbConnection");
            Interlocked = aws.GetType("System.Threading.Interlocked");
            LazyInitializer = aws.GetType("System.Threading.LazyInitializer");
            Lazy = aws.GetType("System.Lazy`1");
        }

        public AwsSymbols Aws { get; }
        public INamedTypeSymbol? HttpClient { get; }
        public INamedTypeSymbol? DbConnection { get; }
        public INamedTypeSymbol? Interlocked { get; }
        public INamedTypeSymbol? LazyInitializer { get; }
        public INamedTypeSymbol? Lazy { get; }

        public static ClientSymbols? TryCreate(AwsSymbols aws) => aws.Lambda.IsAvailable ? new ClientSymbols(aws) : null;

        /// <summary>
        /// <paramref name="type"/> or the first of its base types named AmazonServiceClient, HttpClient or DbConnection (a string
        /// comparison per type; <c>object</c> ends the walk), or null: the symbols then decide.
        /// </summary>
        public static ITypeSymbol? NextCandidate(ITypeSymbol? type)
        {
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (current.Name is "AmazonServiceClient" or "HttpClient" or "DbConnection")
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>A type a client factory may return: a class named like one of the three's descendants, or an <c>IAmazon…</c> interface.</summary>
        public static bool MayBeClientOrInterface(ITypeSymbol type)
            => type.TypeKind == TypeKind.Interface
                ? type.Name.StartsWith("IAmazon", System.StringComparison.Ordinal)
                : NextCandidate(type) is { Name: "AmazonServiceClient" or "HttpClient" };

        /// <summary>
        /// AwsClient, HttpClient or DbConnection when <paramref name="type"/> is or derives from one, else null: one walk up the base
        /// types (only for creations that passed <see cref="NextCandidate"/>).
        /// </summary>
        public string? GetKind(ITypeSymbol type)
        {
            // All three are classes: a struct, interface, delegate or array creation cannot be one.
            if (type.TypeKind != TypeKind.Class)
            {
                return null;
            }

            // A symbol comparison only for a type with one of the three names.
            for (var current = NextCandidate(type); current is not null; current = NextCandidate(current.BaseType))
            {
                switch (current.Name)
                {
                    case "AmazonServiceClient" when current.IsType(Aws.AmazonServiceClient):
                        return AwsClientKind;
                    case "HttpClient" when current.IsType(HttpClient):
                        return HttpClientKind;
                    case "DbConnection" when current.IsType(DbConnection):
                        return DbConnectionKind;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// True when every value the creation's arguments and object initializer read is static or constant, so the same creation
    /// can run once in a static field initializer: no locals, parameters, <c>this</c> members, awaits or lambdas.
    /// </summary>
    internal static bool AreArgumentsHoistable(IObjectCreationOperation creation)
    {
        foreach (var child in creation.ChildOperations)
        {
            if (child is null)
            {
                continue;
            }

            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(child))
            {
                switch (operation)
                {
                    case ILocalReferenceOperation:
                    case IParameterReferenceOperation:
                    case IAwaitOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                    case IDeclarationExpressionOperation:
                    case IInvalidOperation:
                    case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                        return false;
                    case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method.IsStatic: false } }:
                        return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The caching patterns that create the client once (or once per cache key, or again only after a failure) and keep it in a
    /// member, so warm invocations reuse it:
    /// <list type="bullet">
    /// <item><c>_client ??= new …()</c>, <c>Interlocked.CompareExchange(ref _client, new …(), null)</c>,
    /// <c>LazyInitializer.EnsureInitialized(ref _client, () =&gt; new …())</c>;</item>
    /// <item>a factory lambda handed to a cache member: <c>Clients.GetOrAdd(region, r =&gt; new …(r))</c> (also <c>AddOrUpdate</c>,
    /// <c>GetOrCreate[Async]</c>), or to a <c>Lazy&lt;T&gt;</c> that is itself cached;</item>
    /// <item>a creation stored (directly or through a local) into a member, a member's indexer or a member collection's
    /// <c>Add</c>/<c>TryAdd</c>, on a path guarded by a condition on that cache or on state the same branch updates
    /// (<c>if (_client == null)</c>, <c>if (!Clients.TryGetValue(region, out var c))</c>, <c>if (region != _region) { …; _region = region; }</c>),
    /// or inside a <c>catch</c> that replaces a broken client.</item>
    /// </list>
    /// An unconditional <c>_client = new …()</c> and the eager <c>Clients.GetOrAdd(region, new …())</c> create a client on every
    /// invocation and stay reported.
    /// </summary>
    private static bool IsLazilyCached(IOperation creation, IOperation? handlerOperation, INamedTypeSymbol? interlocked, INamedTypeSymbol? lazyInitializer, INamedTypeSymbol? lazy)
    {
        var parent = creation.WalkUpConversions();
        switch (parent)
        {
            case ICoalesceAssignmentOperation coalesce when IsCachingMember(coalesce.Target):
                return true;
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when invocation.TargetMethod.ContainingType.IsType(interlocked) && invocation.Arguments.Length > 0
                     && IsCachingMember(invocation.Arguments[0].Value):
                return true;
        }

        // Created in a lambda of the handler: a factory handed to a cache (only the nearest function counts).
        for (var current = creation.Parent; current is not null && current != handlerOperation; current = current.Parent)
        {
            if (current is ILocalFunctionOperation)
            {
                break;
            }

            if (current is IAnonymousFunctionOperation)
            {
                if (IsCacheFactory(current, handlerOperation, interlocked, lazyInitializer, lazy))
                {
                    return true;
                }

                break;
            }
        }

        return IsStoredOnCacheMissOrRecoveryPath(creation, handlerOperation);
    }

    private static readonly ImmutableHashSet<string> CacheFactoryMethods = ImmutableHashSet.Create(
        "GetOrAdd", "AddOrUpdate", "GetOrCreate", "GetOrCreateAsync", "GetOrAddAsync");

    private static readonly ImmutableHashSet<string> CacheStoreMethods = ImmutableHashSet.Create(
        "Add", "TryAdd", "AddOrUpdate", "GetOrAdd", "TryUpdate", "Set");

    private static bool IsCacheFactory(IOperation function, IOperation? handlerOperation, INamedTypeSymbol? interlocked, INamedTypeSymbol? lazyInitializer, INamedTypeSymbol? lazy)
    {
        if (function.WalkUpConversions() is not IDelegateCreationOperation delegateCreation
            || delegateCreation.WalkUpConversions() is not IArgumentOperation { Parent: { } call } argument)
        {
            return false;
        }

        switch (call)
        {
            // LazyInitializer.EnsureInitialized(ref _client, () => new AmazonS3Client())
            case IInvocationOperation invocation when invocation.TargetMethod.ContainingType.IsType(lazyInitializer):
                return invocation.Arguments.Length > 0 && IsCachingMember(invocation.Arguments[0].Value);

            // Clients.GetOrAdd(region, r => new AmazonS3Client(...)), cache.GetOrCreate(key, e => ...) (extension method)
            case IInvocationOperation invocation when CacheFactoryMethods.Contains(invocation.TargetMethod.Name):
                var receiver = invocation.Instance
                               ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && invocation.Arguments[0] != argument
                                   ? invocation.Arguments[0].Value
                                   : null);
                return IsCachingMember(receiver);

            // _lazy ??= new Lazy<IAmazonS3>(() => new AmazonS3Client())
            case IObjectCreationOperation lazyCreation when lazy is not null
                                                             && SymbolEqualityComparer.Default.Equals(lazyCreation.Type?.OriginalDefinition, lazy):
                return IsLazilyCached(lazyCreation, handlerOperation, interlocked, lazyInitializer, lazy);

            default:
                return false;
        }
    }

    private static bool IsStoredOnCacheMissOrRecoveryPath(IOperation creation, IOperation? handlerOperation)
    {
        var cacheMembers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (GetStoredMember(creation) is { } member)
        {
            cacheMembers.Add(member);
        }
        else if (GetAssignedLocal(creation) is { } local)
        {
            // var client = new AmazonS3Client(...); ...; Clients[region] = client;
            var scope = GetFunctionBoundary(creation, handlerOperation) ?? creation.GetRoot();
            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(scope))
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && GetStoredMember(reference) is { } stored)
                {
                    cacheMembers.Add(stored);
                }
            }
        }

        if (cacheMembers.Count == 0)
        {
            return false;
        }

        IOperation previous = creation;
        for (var current = creation.Parent; current is not null && current != handlerOperation; previous = current, current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case ICatchClauseOperation:
                    return true;
                case IConditionalOperation conditional when previous != conditional.Condition:
                    // The guard reads the cache, or state that the guarded branch updates (the key the client was made for).
                    var guarded = new HashSet<ISymbol>(cacheMembers, SymbolEqualityComparer.Default);
                    AddWrittenMembers(previous, guarded);
                    if (ReadsAny(conditional.Condition, guarded))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The member <paramref name="value"/> is stored in: <c>_m = value</c>, <c>_m[k] = value</c>, <c>_m.TryAdd(k, value)</c>.</summary>
    private static ISymbol? GetStoredMember(IOperation value)
    {
        switch (value.WalkUpConversions())
        {
            case IAssignmentOperation assignment when assignment.Value.WalkDownConversions() == value:
                return GetCacheTargetMember(assignment.Target);
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when invocation.Instance is { } instance && CacheStoreMethods.Contains(invocation.TargetMethod.Name) && IsCachingMember(instance):
                return GetMember(instance);
            default:
                return null;
        }
    }

    private static ILocalSymbol? GetAssignedLocal(IOperation creation)
        => creation.WalkUpConversions() switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation reference } assignment
                when assignment.Value.WalkDownConversions() == creation => reference.Local,
            _ => null,
        };

    private static IOperation? GetFunctionBoundary(IOperation operation, IOperation? handlerOperation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current == handlerOperation || current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>A field or property of the cache: the member itself, the member behind an indexer or an array element.</summary>
    private static ISymbol? GetCacheTargetMember(IOperation? target)
        => target?.WalkDownConversions() switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => IsCachingMember(indexer.Instance) ? GetMember(indexer.Instance!) : null,
            IArrayElementReferenceOperation element => IsCachingMember(element.ArrayReference) ? GetMember(element.ArrayReference) : null,
            { } member when IsCachingMember(member) => GetMember(member),
            _ => null,
        };

    private static void AddWrittenMembers(IOperation branch, HashSet<ISymbol> members)
    {
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(branch))
        {
            if (operation is IAssignmentOperation assignment && GetCacheTargetMember(assignment.Target) is { } written)
            {
                members.Add(written);
            }
        }
    }

    /// <summary>A field or property that outlives the invocation: static, or an instance member of <c>this</c>.</summary>
    private static bool IsCachingMember(IOperation? target)
        => target?.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => !field.Field.IsConst && (field.Field.IsStatic || field.Instance is IInstanceReferenceOperation),
            IPropertyReferenceOperation property => !property.Property.IsIndexer && (property.Property.IsStatic || property.Instance is IInstanceReferenceOperation),
            _ => false,
        };

    private static ISymbol? GetMember(IOperation target)
        => target.WalkDownConversions() is IMemberReferenceOperation member ? member.Member : null;

    private static bool ReadsAny(IOperation? condition, HashSet<ISymbol> members)
    {
        if (condition is null)
        {
            return false;
        }

        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(condition))
        {
            if (operation is IMemberReferenceOperation reference && members.Contains(reference.Member))
            {
                return true;
            }
        }

        return false;
    }
}
