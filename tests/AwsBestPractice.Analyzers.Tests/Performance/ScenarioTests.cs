using System;
using System.Collections.Generic;
using System.Linq;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Performance;

/// <summary>
/// Guards the performance benchmarks in CI (the benchmarks themselves never run in CI): every shipped rule has a scenario, and
/// on a small generated compilation each scenario produces exactly the diagnostic count it declares — the same assertion the
/// benchmarks make on 1,000 files, so a benchmark that measures a rule finding nothing cannot go unnoticed.
/// </summary>
public class ScenarioTests
{
    private const int Files = 20;

    public static IEnumerable<object[]> MeasuredCases()
        => ScenarioCatalog.MeasuredRuleIds.SelectMany(id => new[]
        {
            new object[] { id, ScenarioVariant.Fires },
            new object[] { id, ScenarioVariant.Clean },
        });

    [Fact]
    public void EveryShippedRuleHasAScenario()
    {
        var missing = ScenarioCatalog.RuleIds.Where(id => !ScenarioCatalog.Scenarios.ContainsKey(id)).ToArray();
        Assert.True(
            missing.Length == 0,
            $"No performance scenario for {string.Join(", ", missing)}: add a class implementing IRuleScenario in "
            + "tests/AwsBestPractice.Analyzers.Tests/Performance/Scenarios (see the existing ones); the benchmarks pick it up.");
    }

    [Fact]
    public void EveryScenarioIsForACatalogRule()
    {
        foreach (var id in ScenarioCatalog.Scenarios.Keys)
        {
            Assert.True(AwsBestPractice.Analyzers.Infrastructure.RuleCatalog.Rules.Any(r => r.Id == id), $"Scenario for unknown rule {id}");
            Assert.True(ScenarioCatalog.Scenarios[id].DiagnosticsPerFile > 0, $"{id}: a 'fires' file must report at least one diagnostic");
        }
    }

    [Theory]
    [MemberData(nameof(MeasuredCases))]
    public void ScenarioProducesExactlyTheDeclaredDiagnostics(string ruleId, ScenarioVariant variant)
    {
        var workload = Workloads.Rule(ruleId, variant, Files);

        // Every shipped analyzer: a scenario must not make another rule fire either.
        var result = Workloads.Analyze(workload.Compilation, ScenarioCatalog.Analyzers);
        var problems = Workloads.Check(workload, result, ScenarioCatalog.RuleIds);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // The rule's own analyzer alone, as the per-rule benchmark runs it.
        var alone = Workloads.Analyze(workload.Compilation, ScenarioCatalog.AnalyzersFor(ruleId));
        Assert.Equal(workload.Expected.GetValueOrDefault(ruleId), alone.CountsById.GetValueOrDefault(ruleId));
    }

    [Fact]
    public void EveryScenarioCompilesWithoutErrors()
    {
        foreach (var id in ScenarioCatalog.Scenarios.Keys)
        {
            foreach (var variant in new[] { ScenarioVariant.Fires, ScenarioVariant.Clean })
            {
                var workload = Workloads.Rule(id, variant, 3);
                var errors = workload.Compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Take(5).ToArray();
                Assert.True(errors.Length == 0, $"{workload.Name}: " + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
            }
        }
    }

    [Fact]
    public void GeneratedFilesDifferPerIndex()
    {
        foreach (var scenario in ScenarioCatalog.Scenarios.Values)
        {
            foreach (var variant in new[] { ScenarioVariant.Fires, ScenarioVariant.Clean })
            {
                Assert.NotEqual(scenario.Generate(0, variant), scenario.Generate(1, variant));
                Assert.Equal(scenario.Generate(7, variant), scenario.Generate(7, variant));
            }

            Assert.NotEqual(scenario.Generate(3, ScenarioVariant.Fires), scenario.Generate(3, ScenarioVariant.Clean));
        }
    }

    [Fact]
    public void AllRulesWorkloadProducesTheSumOfTheScenarios()
    {
        var count = Math.Max(1, ScenarioCatalog.MeasuredRuleIds.Count) * 3;
        foreach (var variant in new[] { ScenarioVariant.Fires, ScenarioVariant.Clean })
        {
            var workload = Workloads.AllRules(variant, count);
            var problems = Workloads.Check(workload, Workloads.Analyze(workload.Compilation, ScenarioCatalog.Analyzers), ScenarioCatalog.RuleIds);
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
    }

    [Fact]
    public void NonAwsWorkloadCompilesWithoutTheSdkAndReportsNothing()
    {
        var workload = Workloads.NonAws(Files);
        Assert.DoesNotContain(workload.Compilation.References, r => (r.Display ?? string.Empty).Contains("AWSSDK", StringComparison.OrdinalIgnoreCase));
        var result = Workloads.Analyze(workload.Compilation, ScenarioCatalog.Analyzers);
        Assert.Empty(result.CompilerErrors);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.AnalyzerDiagnostics);
    }

    [Fact]
    public void IdeDocumentIsAThousandAwsHeavyLinesWithTheExpectedDiagnostics()
    {
        var (workload, document) = Workloads.IdeDocument(otherFiles: 4);
        Assert.InRange(document.GetText().Lines.Count, 1000, 1400);
        var result = Workloads.Analyze(workload.Compilation, ScenarioCatalog.Analyzers);
        var problems = Workloads.Check(workload, result, ScenarioCatalog.RuleIds);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.All(result.AnalyzerDiagnostics, d => Assert.Equal(document, d.Location.SourceTree));
    }
}
