using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AwsBestPractice.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Cli.Analysis;

/// <summary>The package's analyzer and its rules as the reports describe them (one entry per ID, from the descriptors).</summary>
internal static class RuleMetadata
{
    private static readonly Lazy<(DiagnosticAnalyzer Analyzer, ImmutableArray<DiagnosticDescriptor> Rules)> Loaded = new(() =>
    {
        var analyzer = new AwsBestPracticeAnalyzer();
        var rules = analyzer.SupportedDiagnostics
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return (analyzer, rules);
    });

    public static DiagnosticAnalyzer Analyzer => Loaded.Value.Analyzer;

    public static ImmutableArray<DiagnosticDescriptor> Rules => Loaded.Value.Rules;

    public static IEnumerable<string> Ids => Rules.Select(r => r.Id);

    public static DiagnosticDescriptor? Find(string id) => Rules.FirstOrDefault(r => r.Id == id);

    public static string PackageVersion
        => typeof(AwsBestPracticeAnalyzer).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
