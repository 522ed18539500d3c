using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AwsBestPractice.Analyzers.CodeFixes;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>Every analyzer, fixer and descriptor the package ships, discovered by reflection.</summary>
public static class AnalyzerCatalog
{
    public static Assembly AnalyzerAssembly { get; } = typeof(RuleIdentifiers).Assembly;

    public static Assembly CodeFixAssembly { get; } = typeof(CodeFixAssemblyMarker).Assembly;

    /// <summary>The package's one analyzer (the only type with [DiagnosticAnalyzer]), which hosts every rule.</summary>
    public static AwsBestPracticeAnalyzer Package { get; } = new();

    /// <summary>Every rule, each a <see cref="DiagnosticAnalyzer"/> of its own (<see cref="AwsRule"/>), in ID order.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers => Performance.Scenarios.ScenarioCatalog.Analyzers;

    public static IReadOnlyList<CodeFixProvider> CodeFixes { get; } = CodeFixAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToArray();

    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    public static IEnumerable<object[]> DescriptorIds() => Descriptors.Select(d => new object[] { d.Id });
}
