using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Perfolizer.Horology;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>Sizes and the BenchmarkDotNet configuration (quick or full).</summary>
public static class BenchSettings
{
    /// <summary>Files per generated compilation: 1,000 unless AWSBP_BENCH_FILES says otherwise (development only).</summary>
    public static int Files => int.TryParse(Environment.GetEnvironmentVariable("AWSBP_BENCH_FILES"), out var n) && n > 0 ? n : 1000;

    /// <summary>
    /// Compiler and analyzer driver run concurrently, as in a build (AWSBP_BENCH_SEQUENTIAL=1 for one thread: steadier, slower).
    /// </summary>
    public static bool Concurrent => Environment.GetEnvironmentVariable("AWSBP_BENCH_SEQUENTIAL") != "1";

    public static int Iterations(bool quick)
        => int.TryParse(Environment.GetEnvironmentVariable("AWSBP_BENCH_ITERATIONS"), out var n) && n > 0 ? n : quick ? 3 : 5;

    public static ImmutableArray<DiagnosticAnalyzer> Empty { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());

    private static readonly Lazy<ImmutableArray<DiagnosticAnalyzer>> ShippedLazy
        = new(() => Instantiate(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null).ToImmutableArray());

    /// <summary>
    /// "All rules": every analyzer of our assembly that carries <c>[DiagnosticAnalyzer]</c>, i.e. what a build loads (one host
    /// of all rules, or one analyzer per rule), whatever the type names.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> Shipped => ShippedLazy.Value;

    /// <summary>
    /// One rule alone: the narrowest analyzers of our assembly that report <paramref name="ruleId"/>, with or without
    /// <c>[DiagnosticAnalyzer]</c>: the rule's own class rather than a host that dispatches to every rule.
    /// </summary>
    public static ImmutableArray<DiagnosticAnalyzer> RuleAnalyzers(string ruleId)
    {
        static int Ids(DiagnosticAnalyzer a) => a.SupportedDiagnostics.Select(d => d.Id).Distinct(StringComparer.Ordinal).Count();
        var reporting = Instantiate(_ => true).Where(a => a.SupportedDiagnostics.Any(d => d.Id == ruleId)).ToArray();
        return reporting.Length == 0
            ? throw new InvalidOperationException($"No analyzer of {ScenarioCatalog.AnalyzerAssembly.GetName().Name} reports {ruleId}.")
            : reporting.Where(a => Ids(a) == reporting.Min(Ids)).ToImmutableArray();
    }

    private static IEnumerable<DiagnosticAnalyzer> Instantiate(Func<Type, bool> where)
        => ScenarioCatalog.AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null && where(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!);

    /// <summary>
    /// In-process (no separate generated project to build on a shared 2-core machine), one operation per invocation (an
    /// operation is a whole compilation: seconds), memory diagnoser on, JSON and GitHub Markdown exports.
    /// Quick: 1 warm-up + 3 measured iterations; full: 1 warm-up + 5 measured iterations (AWSBP_BENCH_ITERATIONS overrides).
    /// An iteration of a 1,000-file workload takes seconds on the 2-core machine, so more would not fit the ~25-minute budget.
    /// </summary>
    public static IConfig Create(bool quick)
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(Iterations(quick))
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithGcForce(true)
            .WithId(quick ? "Quick" : "Full");
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max)
            .AddExporter(JsonExporter.Brief, MarkdownExporter.GitHub)
            .AddLogger(ConsoleLogger.Default)
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond).WithMaxParameterColumnWidth(30))
            .WithOptions(ConfigOptions.DisableLogFile);
    }

    /// <summary>Where <see cref="CheckAndRecord"/> appends the driver-reported analyzer times (JSON lines); null: not recorded.</summary>
    public static string? TelemetryPath { get; set; }

    /// <summary>
    /// The check of a benchmark's GlobalSetup: runs the analyzers once with the driver's execution-time log on, throws unless the
    /// counts are exact, and records the time spent in each analyzer's callbacks (not in the driver) for the report.
    /// </summary>
    public static void CheckAndRecord(string caseName, Workload workload, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            // The driver records execution times only when analyzers run sequentially.
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = workload.Compilation.WithAnalyzers(analyzers, options);
        // GetAnalyzerDiagnosticsAsync, not GetAllDiagnosticsAsync: only the former leaves execution times in the telemetry.
        var analyzerDiagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var result = new WorkloadResult(withAnalyzers.Compilation.GetDiagnostics().AddRange(analyzerDiagnostics), Array.Empty<string>());
        var measured = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Where(id => id.StartsWith("AWSBP", StringComparison.Ordinal)).Distinct().ToArray();
        var problems = Workloads.Check(workload.Restrict(measured), result, measured);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{caseName} found the wrong diagnostics: " + string.Join("; ", problems));
        }

        if (TelemetryPath is not null)
        {
            var times = analyzers.ToDictionary(
                a => a.GetType().Name,
                a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
            System.IO.File.AppendAllText(TelemetryPath, System.Text.Json.JsonSerializer.Serialize(new { Case = caseName, Lines = workload.Lines, AnalyzerMs = times }) + "\n");
        }
    }

    /// <summary>Runs the analyzers and throws unless the AWSBP diagnostic counts are exactly the workload's.</summary>
    public static int RunAndCheck(Workload workload, ImmutableArray<DiagnosticAnalyzer> analyzers, bool expectFindings)
    {
        var result = Workloads.Analyze(workload.Compilation, analyzers);
        if (expectFindings)
        {
            var measured = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToArray();
            var problems = Workloads.Check(workload.Restrict(measured), result, measured);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Benchmark found the wrong diagnostics: " + string.Join("; ", problems));
            }
        }
        else if (result.AnalyzerDiagnostics.Length > 0 || result.Exceptions.Count > 0 || result.CompilerErrors.Length > 0)
        {
            throw new InvalidOperationException($"Baseline run of {workload.Name} is not clean: {result.AnalyzerDiagnostics.Length} diagnostics, "
                + $"{result.Exceptions.Count} exceptions, {result.CompilerErrors.Length} compiler errors.");
        }

        return result.AnalyzerDiagnostics.Length;
    }
}
