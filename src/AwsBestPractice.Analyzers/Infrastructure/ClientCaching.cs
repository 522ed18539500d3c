using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Whether a client creation is kept for reuse rather than made again on every run of the code around it (a Lambda invocation,
/// a loop iteration, a request): the caching patterns AWSBP010 and AWSBP070 both accept. One instance per compilation and
/// per answer to "does an instance member of <c>this</c> outlive the code?" (<see cref="ClientSymbols.Caching"/>): in a Lambda
/// handler or a loop it does; in an ASP.NET Core controller, created per request, it does not.
/// </summary>
internal sealed class ClientCaching
{
    private readonly INamedTypeSymbol? _interlocked;
    private readonly INamedTypeSymbol? _lazyInitializer;
    private readonly INamedTypeSymbol? _lazy;
    private readonly bool _instanceMembersCache;

    internal ClientCaching(INamedTypeSymbol? interlocked, INamedTypeSymbol? lazyInitializer, INamedTypeSymbol? lazy, bool instanceMembersCache)
    {
        _interlocked = interlocked;
        _lazyInitializer = lazyInitializer;
        _lazy = lazy;
        _instanceMembersCache = instanceMembersCache;
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
    public bool IsLazilyCached(IOperation creation, IOperation? handlerOperation)
    {
        var parent = creation.WalkUpConversions();
        switch (parent)
        {
            case ICoalesceAssignmentOperation coalesce when IsCachingMember(coalesce.Target):
                return true;
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when invocation.TargetMethod.ContainingType.IsType(_interlocked) && invocation.Arguments.Length > 0
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
                if (IsCacheFactory(current, handlerOperation))
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

    private bool IsCacheFactory(IOperation function, IOperation? handlerOperation)
    {
        if (function.WalkUpConversions() is not IDelegateCreationOperation delegateCreation
            || delegateCreation.WalkUpConversions() is not IArgumentOperation { Parent: { } call } argument)
        {
            return false;
        }

        switch (call)
        {
            // LazyInitializer.EnsureInitialized(ref _client, () => new AmazonS3Client())
            case IInvocationOperation invocation when invocation.TargetMethod.ContainingType.IsType(_lazyInitializer):
                return invocation.Arguments.Length > 0 && IsCachingMember(invocation.Arguments[0].Value);

            // Clients.GetOrAdd(region, r => new AmazonS3Client(...)), cache.GetOrCreate(key, e => ...) (extension method)
            case IInvocationOperation invocation when CacheFactoryMethods.Contains(invocation.TargetMethod.Name):
                var receiver = invocation.Instance
                               ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 && invocation.Arguments[0] != argument
                                   ? invocation.Arguments[0].Value
                                   : null);
                return IsCachingMember(receiver);

            // _lazy ??= new Lazy<IAmazonS3>(() => new AmazonS3Client())
            case IObjectCreationOperation lazyCreation when _lazy is not null
                                                             && SymbolEqualityComparer.Default.Equals(lazyCreation.Type?.OriginalDefinition, _lazy):
                return IsLazilyCached(lazyCreation, handlerOperation);

            default:
                return false;
        }
    }

    private bool IsStoredOnCacheMissOrRecoveryPath(IOperation creation, IOperation? handlerOperation)
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
            foreach (var operation in OperationExtensions.DescendantsAndSelf(scope))
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
    private ISymbol? GetStoredMember(IOperation value)
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
    private ISymbol? GetCacheTargetMember(IOperation? target)
        => target?.WalkDownConversions() switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true } indexer => IsCachingMember(indexer.Instance) ? GetMember(indexer.Instance!) : null,
            IArrayElementReferenceOperation element => IsCachingMember(element.ArrayReference) ? GetMember(element.ArrayReference) : null,
            { } member when IsCachingMember(member) => GetMember(member),
            _ => null,
        };

    private void AddWrittenMembers(IOperation branch, HashSet<ISymbol> members)
    {
        foreach (var operation in OperationExtensions.DescendantsAndSelf(branch))
        {
            if (operation is IAssignmentOperation assignment && GetCacheTargetMember(assignment.Target) is { } written)
            {
                members.Add(written);
            }
        }
    }

    /// <summary>A field or property that outlives the invocation: static, or (unless the instance itself lives no longer, a controller) an instance member of <c>this</c>.</summary>
    private bool IsCachingMember(IOperation? target)
        => target?.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => !field.Field.IsConst && (field.Field.IsStatic || (_instanceMembersCache && field.Instance is IInstanceReferenceOperation)),
            IPropertyReferenceOperation property => !property.Property.IsIndexer && (property.Property.IsStatic || (_instanceMembersCache && property.Instance is IInstanceReferenceOperation)),
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

        foreach (var operation in OperationExtensions.DescendantsAndSelf(condition))
        {
            if (operation is IMemberReferenceOperation reference && members.Contains(reference.Member))
            {
                return true;
            }
        }

        return false;
    }
}
