using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// <c>probe [--files N] [--runs N]</c>: a quick Stopwatch look (not a benchmark) at every workload, with the per-analyzer execution
/// times the analyzer driver reports — for finding where time goes while developing a rule. <c>--ide [--runs N]</c>: the IDE
/// document, all rules and each rule alone; <c>--cold [--files N]</c>: a fresh process's first analysis next to a warm one.
/// </summary>
public static class Probe
{
    public static int Run(string[] args)
    {
        int Int(string name, int fallback)
            => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;

        if (args.Contains("--cold"))
        {
            return Cold(Int("--files", 200));
        }

        if (args.Contains("--ide"))
        {
            return Ide(Int("--runs", 10));
        }

        var files = Int("--files", 200);
        var runs = Int("--runs", 3);
        // --only PREFIX: the workloads whose name starts with PREFIX (AllRules, SdkUnused, AWSBP040-Clean, ...).
        var only = Array.IndexOf(args, "--only") is var o and >= 0 && o + 1 < args.Length ? args[o + 1] : null;
        var factories = ScenarioCatalog.MeasuredRuleIds
            .SelectMany(id => new (string Name, Func<Workload> Create)[]
            {
                ($"{id}-Fires", () => Workloads.Rule(id, ScenarioVariant.Fires, files)),
                ($"{id}-Clean", () => Workloads.Rule(id, ScenarioVariant.Clean, files)),
            })
            .Append(("AllRules-Fires", () => Workloads.AllRules(ScenarioVariant.Fires, files)))
            .Append(("AllRules-Clean", () => Workloads.AllRules(ScenarioVariant.Clean, files)))
            .Append(("NonAws", () => Workloads.NonAws(files)))
            .Append(("SdkUnused", () => Workloads.SdkUnused(files)));
        var workloads = factories.Where(f => only is null || f.Name.StartsWith(only, StringComparison.Ordinal)).Select(f => (Workload)f.Create());
        Console.WriteLine($"{"workload",-22} {"lines",8} {"empty ms",9} {"rules ms",9} {"ratio",6}  per-analyzer (driver-reported ms)");
        foreach (var workload in workloads)
        {
            var analyzers = workload.Name.StartsWith("AWSBP", StringComparison.Ordinal)
                ? BenchSettings.RuleAnalyzers(workload.Name.Split('-')[0])
                : BenchSettings.Shipped;
            double empty = double.MaxValue, rules = double.MaxValue;
            for (var i = 0; i < runs; i++)
            {
                empty = Math.Min(empty, Time(() => BenchSettings.RunAndCheck(workload, BenchSettings.Empty, expectFindings: false)));
                rules = Math.Min(rules, Time(() => BenchSettings.RunAndCheck(workload, analyzers, expectFindings: true)));
            }

            // The driver's own figure for each analyzer: the smallest of the runs (the first ones pay the JIT).
            var callbacks = analyzers.ToDictionary(a => a, _ => double.MaxValue);
            for (var i = 0; i < runs; i++)
            {
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
                var cwa = workload.Compilation.WithAnalyzers(analyzers, options);
                cwa.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                foreach (var analyzer in analyzers)
                {
                    callbacks[analyzer] = Math.Min(callbacks[analyzer], cwa.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
                }
            }

            var per = string.Join(", ", analyzers.Select(a => $"{a.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)} {callbacks[a]:0.0}"));
            Console.WriteLine($"{workload.Name,-22} {workload.Lines,8} {empty,9:0} {rules,9:0} {rules / empty,6:0.00}  {per}");
        }

        return 0;
    }

    private static int Ide(int runs)
    {
        var (workload, document) = Workloads.IdeDocument(1000, 50);
        var project = workload.Compilation.RemoveSyntaxTrees(document);
        var text = document.GetText();
        foreach (var analyzers in new[] { BenchSettings.Empty, BenchSettings.Shipped }.Concat(ScenarioCatalog.MeasuredRuleIds.Select(BenchSettings.RuleAnalyzers)))
        {
            var times = new System.Collections.Generic.List<double>();
            var per = new System.Collections.Generic.Dictionary<string, double>();
            for (var i = 0; i < runs; i++)
            {
                var edited = document.WithChangedText(text.WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(text.Length, 0), "// " + i + "\n")));
                var compilation = project.AddSyntaxTrees(edited);
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
                var watch = Stopwatch.StartNew();
                var cwa = compilation.WithAnalyzers(analyzers, options);
                var model = cwa.Compilation.GetSemanticModel(edited);
                model.GetDiagnostics();
                var compilerMs = watch.Elapsed.TotalMilliseconds;
                cwa.GetAnalyzerSyntaxDiagnosticsAsync(edited, default).GetAwaiter().GetResult();
                cwa.GetAnalyzerSemanticDiagnosticsAsync(model, null, default).GetAwaiter().GetResult();
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (i == runs - 1)
                {
                    foreach (var a in analyzers)
                    {
                        per[a.GetType().Name] = cwa.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds;
                    }

                    per["(compiler diagnostics)"] = compilerMs;
                }
            }

            times.Sort();
            Console.WriteLine($"{string.Join("+", analyzers.Select(a => a.GetType().Name)),-60} median {times[times.Count / 2],7:0.0} ms  min {times[0],7:0.0}  | " + string.Join(", ", per.Select(kv => $"{kv.Key} {kv.Value:0.0}")));
        }

        return 0;
    }

    /// <summary>
    /// <c>--cold</c>: what a fresh compiler process charges each analyzer (first run: JIT of the analyzer's code and first-use costs)
    /// next to a second, warm run of a fresh compilation of the same files. Run it in a new process each time.
    /// </summary>
    private static int Cold(int files)
    {
        foreach (var run in new[] { "cold", "warm" })
        {
            var workload = Workloads.AllRules(ScenarioVariant.Fires, files);
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var cwa = workload.Compilation.WithAnalyzers(BenchSettings.Shipped, options);
            var watch = Stopwatch.StartNew();
            cwa.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var per = string.Join(", ", BenchSettings.Shipped.Select(a => $"{a.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)} {cwa.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds:0.0}"));
            Console.WriteLine($"{run}: {watch.Elapsed.TotalMilliseconds:0} ms  {per}");
        }

        return 0;
    }

    private static double Time(Action action)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
