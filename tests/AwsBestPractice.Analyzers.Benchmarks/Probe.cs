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
/// times the analyzer driver reports — for finding where time goes while developing a rule.
/// </summary>
public static class Probe
{
    public static int Run(string[] args)
    {
        if (args.Contains("--compare"))
        {
            return Compare(
                args[Array.IndexOf(args, "--compare") + 1],
                args.Contains("--json") ? args[Array.IndexOf(args, "--json") + 1] : null,
                args.Contains("--files") ? int.Parse(args[Array.IndexOf(args, "--files") + 1], System.Globalization.CultureInfo.InvariantCulture) : 500,
                args.Contains("--runs") ? int.Parse(args[Array.IndexOf(args, "--runs") + 1], System.Globalization.CultureInfo.InvariantCulture) : 3);
        }

        if (args.Contains("--skipped-in-build"))
        {
            // probe --skipped-in-build PACKAGE.dll [--out FILE]: the package's analyzers a command-line build does not execute, one per line.
            var skipped = SkippedInBuild(LoadAnalyzers(args[Array.IndexOf(args, "--skipped-in-build") + 1]));
            var text = string.Concat(skipped.Select(name => name + "\n"));
            if (args.Contains("--out"))
            {
                System.IO.File.WriteAllText(args[Array.IndexOf(args, "--out") + 1], text);
            }

            Console.Write($"{skipped.Length} analyzers that a command-line build does not run:\n{text}");
            return 0;
        }

        if (args.Contains("--cold"))
        {
            return Cold(args.Contains("--files") ? int.Parse(args[Array.IndexOf(args, "--files") + 1], System.Globalization.CultureInfo.InvariantCulture) : 200);
        }

        if (args.Contains("--ide"))
        {
            return Ide(args.Contains("--runs") ? int.Parse(args[Array.IndexOf(args, "--runs") + 1], System.Globalization.CultureInfo.InvariantCulture) : 10);
        }

        var files = args.Contains("--files") ? int.Parse(args[Array.IndexOf(args, "--files") + 1], System.Globalization.CultureInfo.InvariantCulture) : 200;
        var runs = args.Contains("--runs") ? int.Parse(args[Array.IndexOf(args, "--runs") + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var workloads = ScenarioCatalog.MeasuredRuleIds.SelectMany(id => new[] { Workloads.Rule(id, ScenarioVariant.Fires, files), Workloads.Rule(id, ScenarioVariant.Clean, files) })
            .Append(Workloads.AllRules(ScenarioVariant.Fires, files))
            .Append(Workloads.AllRules(ScenarioVariant.Clean, files))
            .Append(Workloads.NonAws(files));
        Console.WriteLine($"{"workload",-22} {"lines",8} {"empty ms",9} {"rules ms",9} {"ratio",6}  per-analyzer (driver-reported ms)");
        foreach (var workload in workloads)
        {
            var analyzers = workload.Name.StartsWith("AWSBP", StringComparison.Ordinal)
                ? ScenarioCatalog.AnalyzersFor(workload.Name.Split('-')[0])
                : ScenarioCatalog.Analyzers;
            double empty = double.MaxValue, rules = double.MaxValue;
            for (var i = 0; i < runs; i++)
            {
                empty = Math.Min(empty, Time(() => BenchSettings.RunAndCheck(workload, BenchSettings.Empty, expectFindings: false)));
                rules = Math.Min(rules, Time(() => BenchSettings.RunAndCheck(workload, analyzers, expectFindings: true)));
            }

            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var cwa = workload.Compilation.WithAnalyzers(analyzers, options);
            cwa.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var per = string.Join(", ", analyzers.Select(a => $"{a.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)} {cwa.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds:0}"));
            Console.WriteLine($"{workload.Name,-22} {workload.Lines,8} {empty,9:0} {rules,9:0} {rules / empty,6:0.00}  {per}");
        }

        return 0;
    }

    private static int Ide(int runs)
    {
        var (workload, document) = Workloads.IdeDocument(1000, 50);
        var project = workload.Compilation.RemoveSyntaxTrees(document);
        var text = document.GetText();
        foreach (var analyzers in new[] { BenchSettings.Empty, ScenarioCatalog.Analyzers }.Concat(ScenarioCatalog.Analyzers.Select(a => ImmutableArray.Create(a))))
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
            var cwa = workload.Compilation.WithAnalyzers(ScenarioCatalog.Analyzers, options);
            var watch = Stopwatch.StartNew();
            cwa.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            var per = string.Join(", ", ScenarioCatalog.Analyzers.Select(a => $"{a.GetType().Name.Replace("Analyzer", string.Empty, StringComparison.Ordinal)} {cwa.GetAnalyzerTelemetryInfoAsync(a, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds:0.0}"));
            Console.WriteLine($"{run}: {watch.Elapsed.TotalMilliseconds:0} ms  {per}");
        }

        return 0;
    }

    /// <summary>
    /// <c>--compare other-analyzers.dll</c>: our analyzers and another package's, together on the same AWS workload, analysed
    /// sequentially with the driver's execution-time log (no compiler threads competing for the cores): per-analyzer medians over
    /// fresh compilations, ours (and each one's registration floor, <see cref="Floor.HollowAnalyzer"/>) next to the other package's
    /// median analyzer.
    /// </summary>
    private static int Compare(string otherAssemblyPath, string? jsonPath, int files, int runs)
    {
        var other = otherAssemblyPath == "none" ? ImmutableArray<DiagnosticAnalyzer>.Empty : LoadAnalyzers(otherAssemblyPath);
        // The registration floor of each of our analyzers (same registrations, empty callbacks), run alongside.
        var floors = ScenarioCatalog.Analyzers.Select(a => new Floor.HollowAnalyzer((DiagnosticAnalyzer)Activator.CreateInstance(a.GetType())!)).ToImmutableArray();
        var all = ScenarioCatalog.Analyzers.AddRange(floors).AddRange(other);
        var sameRegistrations = SameRegistrations(other);
        var results = new System.Collections.Generic.List<object>();
        foreach (var variant in new[] { ScenarioVariant.Clean, ScenarioVariant.Fires })
        {
            var samples = all.ToDictionary(a => a, _ => new System.Collections.Generic.List<double>());
            var lines = 0;
            for (var run = 0; run < runs; run++)
            {
                var workload = Workloads.AllRules(variant, files);
                lines = workload.Lines;
                var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
                var cwa = workload.Compilation.WithAnalyzers(all, options);
                cwa.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                foreach (var analyzer in all)
                {
                    samples[analyzer].Add(cwa.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult().ExecutionTime.TotalMilliseconds);
                }
            }

            static double Median(System.Collections.Generic.List<double> values)
            {
                var sorted = values.OrderBy(v => v).ToArray();
                return sorted[sorted.Length / 2];
            }

            var otherMedians = other.Select(a => Median(samples[a])).Where(ms => ms > 0).OrderBy(ms => ms).DefaultIfEmpty(0).ToArray();
            Console.WriteLine($"{variant}, {files} files, {runs} runs: other package median analyzer {otherMedians[otherMedians.Length / 2]:0.00} ms "
                + $"(of {otherMedians.Length} that ran; p75 {otherMedians[otherMedians.Length * 3 / 4]:0.00}, max {otherMedians[^1]:0.0})");
            double? SameRegistrationsMedian(DiagnosticAnalyzer ours)
            {
                var group = other.Where(a => sameRegistrations[ours.GetType().Name].Analyzers.Contains(a.GetType().FullName!)).Select(a => Median(samples[a])).OrderBy(ms => ms).ToArray();
                return group.Length == 0 ? null : group[group.Length / 2];
            }

            foreach (var analyzer in ScenarioCatalog.Analyzers)
            {
                Console.WriteLine($"  {analyzer.GetType().Name,-40} {Median(samples[analyzer]),8:0.00} ms (floor {Median(samples[floors.First(f => f.InnerName == analyzer.GetType().Name)]):0.00} ms; "
                    + $"{sameRegistrations[analyzer.GetType().Name].Analyzers.Length} analyzers of the other package with a registration in common: median {SameRegistrationsMedian(analyzer):0.00} ms)");
            }

            results.Add(new
            {
                Variant = variant.ToString(),
                Files = files,
                Lines = lines,
                Runs = runs,
                Other = System.IO.Path.GetFileNameWithoutExtension(otherAssemblyPath),
                OtherAnalyzers = otherMedians.Length,
                OtherMedianMs = otherMedians[otherMedians.Length / 2],
                OtherP75Ms = otherMedians[otherMedians.Length * 3 / 4],
                Ours = ScenarioCatalog.Analyzers.ToDictionary(a => a.GetType().Name, a => Median(samples[a])),
                Floor = floors.ToDictionary(f => f.InnerName, f => Median(samples[f])),
                OursIds = ScenarioCatalog.Analyzers.ToDictionary(a => a.GetType().Name, a => string.Join(", ", a.SupportedDiagnostics.Select(d => d.Id).Distinct())),
                SameRegistrations = ScenarioCatalog.Analyzers.ToDictionary(a => a.GetType().Name, a => new
                {
                    sameRegistrations[a.GetType().Name].Registrations,
                    sameRegistrations[a.GetType().Name].Analyzers,
                    MedianMs = SameRegistrationsMedian(a),
                }),
            });
        }

        if (jsonPath is not null)
        {
            System.IO.File.WriteAllText(jsonPath, System.Text.Json.JsonSerializer.Serialize(results));
        }

        return 0;
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string assemblyPath)
        => System.Reflection.Assembly.LoadFrom(assemblyPath).GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0 && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>
    /// The analyzers a command-line build does not execute with the package's defaults: the compiler skips an analyzer when none of
    /// its diagnostics can be reported as a warning or an error, i.e. each is disabled by default or of Info or Hidden severity
    /// (dotnet/roslyn#43546; only <c>/errorlog</c> brings them back, and the builds measured here pass none). Measured on this SDK's
    /// compiler: the same empty invocation analyzer is charged 2 ms in a project with a Warning descriptor and "&lt;0.001" with an
    /// Info one. The generated solution configures no severity for these packages. Suppressors are counted as run.
    /// </summary>
    internal static string[] SkippedInBuild(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => analyzers.Where(a => a is not DiagnosticSuppressor
                                && !a.SupportedDiagnostics.Any(d => d.IsEnabledByDefault && d.DefaultSeverity >= DiagnosticSeverity.Warning))
            .Select(a => a.GetType().FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// For each of our analyzers: what it registers on AWS code, and which of <paramref name="other"/> register at least one of the
    /// same callbacks (an operation or syntax kind, a per-file semantic-model action). Each analyzer runs wrapped in a
    /// <see cref="Floor.HollowAnalyzer"/> (real <c>Initialize</c> and compilation-start code, emptied callbacks) on a small compilation of
    /// the same generated AWS code, so the registrations are those the analyzer makes there.
    /// </summary>
    private static System.Collections.Generic.Dictionary<string, (string[] Registrations, string[] Analyzers)> SameRegistrations(ImmutableArray<DiagnosticAnalyzer> other)
    {
        var recorders = ScenarioCatalog.Analyzers.Concat(other).Select(a => new Floor.HollowAnalyzer((DiagnosticAnalyzer)Activator.CreateInstance(a.GetType())!)).ToImmutableArray();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        Workloads.AllRules(ScenarioVariant.Clean, 20).Compilation.WithAnalyzers(recorders.CastArray<DiagnosticAnalyzer>(), options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var registrations = recorders.ToDictionary(r => r.InnerFullName, r => r.Registrations.Where(k => !k.StartsWith("compilation", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal).ToArray());
        return ScenarioCatalog.Analyzers.ToDictionary(
            a => a.GetType().Name,
            a =>
            {
                var ours = registrations[a.GetType().FullName!];
                return (ours, other.Select(o => o.GetType().FullName!).Where(o => registrations[o].Intersect(ours).Any()).OrderBy(o => o, StringComparer.Ordinal).ToArray());
            });
    }

    private static double Time(Action action)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
