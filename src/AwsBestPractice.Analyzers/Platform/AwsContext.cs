using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// What every rule shares in one compilation: the binding-free gates, the SDK's symbols (<see cref="AwsSymbols"/>, resolved
/// lazily by the first callback that needs them, once for all rules) and the rules' own symbol sets and compilation-wide facts,
/// each computed once (<see cref="Symbols{T}"/>, <see cref="GetOrAdd{T}"/>). Created by <see cref="RuleHost"/> in the
/// compilation-start action and reachable only from the closures registered there: no static state.
/// </summary>
internal sealed class AwsContext
{
    private readonly ConcurrentDictionary<object, object> _shared = new();
    private readonly ConcurrentDictionary<string, bool> _assemblies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, object> _models = new(StringComparer.Ordinal);

    public AwsContext(Compilation compilation)
    {
        Compilation = compilation;
        MayReferenceAwsSdk = AwsSymbols.MayReferenceAwsSdk(compilation);
        Aws = new DeferredSymbols<AwsSymbols>(() => AwsSymbols.TryCreate(compilation));
    }

    public Compilation Compilation { get; }

    /// <summary>The binding-free AWSSDK.Core test: false means no rule registers anything.</summary>
    public bool MayReferenceAwsSdk { get; }

    /// <summary>The SDK's types, resolved on first use; <c>Value</c> is null when the SDK is not referenced after all.</summary>
    public DeferredSymbols<AwsSymbols> Aws { get; }

    public bool MayReferenceSdkAssembly(string assemblyName)
        => _assemblies.GetOrAdd(assemblyName, name => AwsSymbols.MayReferenceSdkAssembly(Compilation, name));

    public bool MayReferenceAssembly(string fileName, string? otherFileName = null)
        => _assemblies.GetOrAdd(otherFileName is null ? fileName : fileName + "|" + otherFileName, _ => AwsSymbols.MayReferenceAssembly(Compilation, fileName, otherFileName));

    /// <summary>
    /// A rule's symbol set, created from the shared <see cref="AwsSymbols"/> on first use and shared by every rule that asks with
    /// the same factory (the same method on the same target: a static lambda or method group is one factory wherever it is
    /// written; a lambda that captures state is a factory per capture). Its <c>Value</c> is null when the SDK or a type the set
    /// requires is missing.
    /// </summary>
    public DeferredSymbols<T> Symbols<T>(Func<AwsSymbols, T?> create)
        where T : class
        => (DeferredSymbols<T>)_shared.GetOrAdd(
            (create.Method, create.Target),
            _ => new DeferredSymbols<T>(() => Aws.Value is { } aws ? create(aws) : null));

    /// <summary>
    /// The AWS model's facts about one SDK symbol (a paginator of an operation method, the continuation or unprocessed members of a
    /// response type), read from the symbols once per compilation and shared by every rule: a file with many calls of the same
    /// operation reads the SDK's types once.
    /// </summary>
    public T Model<T>(string fact, ISymbol symbol, Func<ISymbol, T> read)
    {
        var facts = (ConcurrentDictionary<ISymbol, T>)_models.GetOrAdd(fact, static _ => new ConcurrentDictionary<ISymbol, T>(SymbolEqualityComparer.Default));
        return facts.GetOrAdd(symbol, read);
    }

    /// <summary>A compilation-wide fact computed once (the first caller computes it; it must not depend on the caller).</summary>
    public T GetOrAdd<T>(object key, Func<Compilation, T> compute)
        where T : class
        => ((Lazy<T>)_shared.GetOrAdd(key, _ => new Lazy<T>(() => compute(Compilation)))).Value;
}
