using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// A rule's <c>.editorconfig</c> option (<c>dotnet_diagnostic.AWSBP005.max_lifetime = 3600</c>), read for a file on the first callback
/// that asks and kept for the rest of the compilation: one options lookup and one parse per file, however many operations ask.
/// Created by <see cref="RuleRegistration.TreeOption{T}"/> once per compilation, so nothing is kept across compilations. A missing or
/// invalid value is the parser's default: options never throw.
/// </summary>
internal sealed class TreeOption<T>
{
    private readonly AnalyzerConfigOptionsProvider _provider;
    private readonly string _key;
    private readonly Func<string?, T> _parse;
    private readonly ConcurrentDictionary<SyntaxTree, T> _values = new();

    internal TreeOption(AnalyzerConfigOptionsProvider provider, string key, Func<string?, T> parse)
    {
        _provider = provider;
        _key = key;
        _parse = parse;
    }

    /// <summary>The value for <paramref name="tree"/>: the parser's result for the configured text, or for null when none is configured.</summary>
    public T Get(SyntaxTree tree)
        => _values.GetOrAdd(tree, t => _parse(_provider.GetOptions(t).TryGetValue(_key, out var text) ? text : null));
}
