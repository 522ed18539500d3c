using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Whether the user turned a rule off for a file, read the way the compiler reads it: the rule's ID in the file's
/// <c>.editorconfig</c>, then in a global config, then the compilation's options (<c>/nowarn</c>, a rule set), then the category
/// (<c>dotnet_analyzer_diagnostic.category-Cost.severity</c>) and all analyzers (<c>dotnet_analyzer_diagnostic.severity</c>).
/// Only used to skip work: when in doubt the rule runs and the compiler filters what it reports.
/// </summary>
/// <remarks>
/// One table per compilation. What does not depend on the file (global config, compilation options) is read once; each file's
/// answers are computed once, on the first callback in it, and kept in a slot of an array indexed by the file's position in the
/// compilation: reads take no lock, and two threads that race on a new file compute the same answer.
/// </remarks>
internal sealed class RuleSeverity
{
    private const string AllAnalyzersKey = "dotnet_analyzer_diagnostic.severity";

    private readonly Compilation _compilation;
    private readonly AnalyzerOptions _options;
    private readonly Rule[] _rules;
    private readonly object _gate = new();
    private Dictionary<SyntaxTree, int>? _trees;
    private bool[]?[]? _byTree;

    public RuleSeverity(Compilation compilation, AnalyzerOptions options, ImmutableArray<AwsRule> rules)
    {
        _compilation = compilation;
        _options = options;
        _rules = new Rule[rules.Length];
        var provider = compilation.Options.SyntaxTreeOptionsProvider;
        var specific = compilation.Options.SpecificDiagnosticOptions;
        for (var i = 0; i < rules.Length; i++)
        {
            var descriptors = rules[i].SupportedDiagnostics;
            var ids = new Descriptor[descriptors.Length];
            for (var j = 0; j < descriptors.Length; j++)
            {
                var descriptor = descriptors[j];
                bool? compilationWide = null;
                if (provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, CancellationToken.None, out var global))
                {
                    compilationWide = global == ReportDiagnostic.Suppress;
                }
                else if (specific.TryGetValue(descriptor.Id, out var value))
                {
                    compilationWide = value == ReportDiagnostic.Suppress;
                }

                ids[j] = new Descriptor(descriptor.Id, "dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", descriptor.IsEnabledByDefault, compilationWide);
            }

            _rules[i] = new Rule(ids);
        }
    }

    /// <summary>Per rule (in the order given to the constructor): whether any of its diagnostics can be reported in <paramref name="tree"/>.</summary>
    public bool[] Enabled(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var trees = Volatile.Read(ref _trees) ?? IndexTrees();
        if (!trees.TryGetValue(tree, out var index))
        {
            return Compute(tree, cancellationToken);
        }

        var slots = _byTree!;
        if (Volatile.Read(ref slots[index]) is { } known)
        {
            return known;
        }

        var enabled = Compute(tree, cancellationToken);
        Volatile.Write(ref slots[index], enabled);
        return enabled;
    }

    private Dictionary<SyntaxTree, int> IndexTrees()
    {
        lock (_gate)
        {
            if (_trees is { } existing)
            {
                return existing;
            }

            var trees = new Dictionary<SyntaxTree, int>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                trees[tree] = trees.Count;
            }

            _byTree = new bool[trees.Count][];
            Volatile.Write(ref _trees, trees);
            return trees;
        }
    }

    private bool[] Compute(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var provider = _compilation.Options.SyntaxTreeOptionsProvider;
        AnalyzerConfigOptions? config = null;
        var enabled = new bool[_rules.Length];
        for (var i = 0; i < enabled.Length; i++)
        {
            foreach (var descriptor in _rules[i].Descriptors)
            {
                if (!IsSuppressed(descriptor, tree, provider, ref config, cancellationToken))
                {
                    enabled[i] = true;
                    break;
                }
            }
        }

        return enabled;
    }

    private bool IsSuppressed(Descriptor descriptor, SyntaxTree tree, SyntaxTreeOptionsProvider? provider, ref AnalyzerConfigOptions? config, CancellationToken cancellationToken)
    {
        if (provider is not null && provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var perTree))
        {
            return perTree == ReportDiagnostic.Suppress;
        }

        if (descriptor.CompilationWide is { } suppressed)
        {
            return suppressed;
        }

        config ??= _options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (config.TryGetValue(descriptor.CategoryKey, out var category))
        {
            return IsNone(category);
        }

        if (config.TryGetValue(AllAnalyzersKey, out var all))
        {
            return IsNone(all);
        }

        return !descriptor.IsEnabledByDefault;
    }

    private static bool IsNone(string value) => string.Equals(value.Trim(), "none", StringComparison.OrdinalIgnoreCase);

    private sealed class Rule
    {
        public Rule(Descriptor[] descriptors) => Descriptors = descriptors;

        public Descriptor[] Descriptors { get; }
    }

    private sealed class Descriptor
    {
        public Descriptor(string id, string categoryKey, bool isEnabledByDefault, bool? compilationWide)
        {
            Id = id;
            CategoryKey = categoryKey;
            IsEnabledByDefault = isEnabledByDefault;
            CompilationWide = compilationWide;
        }

        public string Id { get; }

        public string CategoryKey { get; }

        public bool IsEnabledByDefault { get; }

        /// <summary>The global config's or the compilation options' answer, when they give one; a file's own config still wins.</summary>
        public bool? CompilationWide { get; }
    }
}
