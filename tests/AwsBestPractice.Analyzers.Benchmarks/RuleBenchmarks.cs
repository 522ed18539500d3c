using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// Each rule alone on 1,000 generated files of its scenario, in the variant where it fires and the one where it does not,
/// against the empty-analyzer baseline (compiler diagnostics + analyzer driver). Rules are discovered by reflection
/// (<see cref="BenchSettings.RuleAnalyzers"/>: the rule's own analyzer class, not a host of every rule).
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private Workload _workload = null!;
    private ImmutableArray<DiagnosticAnalyzer> _rule;

    public static IEnumerable<string> Rules => ScenarioCatalog.MeasuredRuleIds;

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "";

    [Params(ScenarioVariant.Fires, ScenarioVariant.Clean)]
    public ScenarioVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workloads.Rule(Rule, Variant, BenchSettings.Files, BenchSettings.Concurrent).Restrict(new[] { Rule });
        _rule = BenchSettings.RuleAnalyzers(Rule);

        // Fail before measuring anything when the rule does not find exactly what the scenario declares.
        BenchSettings.CheckAndRecord($"{Rule}-{Variant}", _workload, _rule);
    }

    [Benchmark(Baseline = true, Description = "Empty analyzer")]
    public int Baseline() => BenchSettings.RunAndCheck(_workload, BenchSettings.Empty, expectFindings: false);

    [Benchmark(Description = "Rule")]
    public int RuleAnalyzer() => BenchSettings.RunAndCheck(_workload, _rule, expectFindings: true);
}

/// <summary>All shipped rules together (<see cref="BenchSettings.Shipped"/>) on 1,000 files mixing every scenario (fires / clean), against the empty baseline.</summary>
[MemoryDiagnoser]
public class AllRulesBenchmarks
{
    private Workload _workload = null!;

    [Params(ScenarioVariant.Fires, ScenarioVariant.Clean)]
    public ScenarioVariant Variant { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workloads.AllRules(Variant, BenchSettings.Files, BenchSettings.Concurrent);
        BenchSettings.CheckAndRecord($"AllRules-{Variant}", _workload, BenchSettings.Shipped);
    }

    [Benchmark(Baseline = true, Description = "Empty analyzer")]
    public int Baseline() => BenchSettings.RunAndCheck(_workload, BenchSettings.Empty, expectFindings: false);

    [Benchmark(Description = "All rules")]
    public int AllRules() => BenchSettings.RunAndCheck(_workload, BenchSettings.Shipped, expectFindings: true);
}

/// <summary>
/// 1,000 files of ordinary code in a compilation that does not reference the AWS SDK: every rule's compilation-start gate
/// returns without registering anything, so all rules together must cost the same as the empty analyzer.
/// </summary>
[MemoryDiagnoser]
public class NonAwsBenchmarks
{
    private Workload _workload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workload = Workloads.NonAws(BenchSettings.Files, BenchSettings.Concurrent);
        BenchSettings.CheckAndRecord("NonAws", _workload, BenchSettings.Shipped);
    }

    [Benchmark(Baseline = true, Description = "Empty analyzer")]
    public int Baseline() => BenchSettings.RunAndCheck(_workload, BenchSettings.Empty, expectFindings: false);

    [Benchmark(Description = "All rules")]
    public int AllRules() => BenchSettings.RunAndCheck(_workload, BenchSettings.Shipped, expectFindings: true);
}
