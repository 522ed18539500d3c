using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// The shipped analyzers and the scenarios of their rules, both discovered by reflection: a new rule and its scenario are
/// measured by the benchmarks and the build comparison without any other wiring.
/// </summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> AnalyzersLazy = new(DiscoverAnalyzers);
    private static readonly Lazy<IReadOnlyDictionary<string, IRuleScenario>> ScenariosLazy = new(DiscoverScenarios);

    /// <summary>The assembly that ships the rules.</summary>
    public static Assembly AnalyzerAssembly => typeof(AwsBestPractice.Analyzers.RuleIdentifiers).Assembly;

    /// <summary>Every analyzer the package ships, ordered by type name.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers => AnalyzersLazy.Value;

    /// <summary>Every diagnostic ID the shipped analyzers report, ordered.</summary>
    public static IReadOnlyList<string> RuleIds => Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .Select(d => d.Id)
        .Distinct(StringComparer.Ordinal)
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Scenarios by rule ID (only those whose rule is shipped are used by the benchmarks).</summary>
    public static IReadOnlyDictionary<string, IRuleScenario> Scenarios => ScenariosLazy.Value;

    /// <summary>The rule IDs that are shipped and have a scenario: what the benchmarks measure.</summary>
    public static IReadOnlyList<string> MeasuredRuleIds => RuleIds.Where(Scenarios.ContainsKey).ToArray();

    /// <summary>The analyzer(s) reporting <paramref name="ruleId"/>.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AnalyzersFor(string ruleId)
        => Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == ruleId)).ToImmutableArray();

    /// <summary>Every rule, each a <see cref="DiagnosticAnalyzer"/> of its own (<c>AwsRule</c>), in ID order.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> DiscoverAnalyzers()
        => AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(AwsBestPractice.Analyzers.Infrastructure.AwsRule).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .OrderBy(a => a.SupportedDiagnostics[0].Id, StringComparer.Ordinal)
            .ToImmutableArray();

    private static IReadOnlyDictionary<string, IRuleScenario> DiscoverScenarios()
    {
        var result = new SortedDictionary<string, IRuleScenario>(StringComparer.Ordinal);
        foreach (var type in typeof(IRuleScenario).Assembly.GetTypes()
                     .Where(t => !t.IsAbstract && !t.IsInterface && typeof(IRuleScenario).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var scenario = (IRuleScenario)Activator.CreateInstance(type)!;
            if (result.ContainsKey(scenario.RuleId))
            {
                throw new InvalidOperationException($"Two scenarios for {scenario.RuleId}: {result[scenario.RuleId].GetType().Name} and {type.Name}.");
            }

            result.Add(scenario.RuleId, scenario);
        }

        return result;
    }
}

/// <summary>An analyzer that registers nothing: the baseline the rules are measured against (driver + compiler work only).</summary>
// A measurement baseline inside a test/benchmark assembly, never shipped: no release tracking, no extended-rules project.
#pragma warning disable RS1036, RS1041, RS2008
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Descriptor = new(
        "PERF000", "Empty baseline analyzer", "Never reported", "Performance", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
    }
}

/// <summary>
/// An analyzer that asks for every operation and every syntax node and does nothing with them: a stand-in for the analyzers an
/// IDE always runs (its own code-style analyzers, the .NET SDK's analyzers), which make the analyzer driver bind the document
/// and build its operation trees whether or not our rules are installed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoOpOperationAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Descriptor = new(
        "PERF001", "No-op operation analyzer", "Never reported", "Performance", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static readonly ImmutableArray<OperationKind> AllKinds = Enum.GetValues(typeof(OperationKind)).Cast<OperationKind>()
        .Where(k => k != OperationKind.None).Distinct().ToImmutableArray();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(static _ => { }, AllKinds);
        context.RegisterSyntaxNodeAction(static _ => { }, Enum.GetValues(typeof(Microsoft.CodeAnalysis.CSharp.SyntaxKind)).Cast<Microsoft.CodeAnalysis.CSharp.SyntaxKind>()
            .Where(k => k != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None).Distinct().ToImmutableArray());
    }
}
#pragma warning restore RS1036, RS1041, RS2008
