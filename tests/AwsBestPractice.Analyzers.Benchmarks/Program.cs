using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// <c>bench [--quick] [BenchmarkDotNet options]</c> runs the benchmarks (all of them unless <c>--filter</c> is given);
/// <c>generate-solution</c>, <c>parse-builds</c>, <c>parse-jit</c> and <c>report</c> are the steps of eng/perf/run.sh; <c>probe</c> is
/// a quick look for development.
/// </summary>
public static class Program
{
    /// <summary>Sizes of the workloads, for the report (BenchmarkDotNet's JSON does not carry them).</summary>
    private static void WriteBenchInfo(string[] bdnArgs, bool quick)
    {
        var i = Array.IndexOf(bdnArgs, "--artifacts");
        var directory = i >= 0 && i + 1 < bdnArgs.Length ? bdnArgs[i + 1] : "BenchmarkDotNet.Artifacts";
        System.IO.Directory.CreateDirectory(directory);
        var ide = AwsBestPractice.Analyzers.Tests.Performance.Scenarios.Workloads.IdeDocument(1000, 50);
        var info = new
        {
            files = BenchSettings.Files,
            iterations = BenchSettings.Iterations(quick),
            nonAwsLines = AwsBestPractice.Analyzers.Tests.Performance.Scenarios.Workloads.NonAws(BenchSettings.Files).Lines,
            allRulesFiresLines = AwsBestPractice.Analyzers.Tests.Performance.Scenarios.Workloads.AllRules(AwsBestPractice.Analyzers.Tests.Performance.Scenarios.ScenarioVariant.Fires, BenchSettings.Files).Lines,
            ideDocumentLines = ide.Document.GetText().Lines.Count,
            ideProjectFiles = ide.Workload.Files,
            ideDiagnostics = ide.Workload.ExpectedTotal,
        };
        System.IO.File.WriteAllText(System.IO.Path.Combine(directory, "bench-info.json"), System.Text.Json.JsonSerializer.Serialize(info));
        BenchSettings.TelemetryPath = System.IO.Path.Combine(directory, "analyzer-times.jsonl");
        System.IO.File.Delete(BenchSettings.TelemetryPath);
    }

    public static int Main(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal) ? args[0] : "bench";
        var rest = args.Length > 0 && command == args[0] ? args.Skip(1).ToArray() : args;
        switch (command)
        {
            case "bench":
                var quick = rest.Contains("--quick");
                var bdnArgs = rest.Where(a => a != "--quick").ToArray();
                if (quick && Environment.GetEnvironmentVariable("AWSBP_BENCH_FILES") is null)
                {
                    Environment.SetEnvironmentVariable("AWSBP_BENCH_FILES", "250");
                }

                if (!bdnArgs.Contains("--filter"))
                {
                    bdnArgs = bdnArgs.Concat(new[] { "--filter", "*" }).ToArray();
                }

                WriteBenchInfo(bdnArgs, quick);
                var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(bdnArgs, BenchSettings.Create(quick));
                return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
            case "generate-solution":
                return SolutionGenerator.Run(rest);
            case "parse-builds":
                return BuildLogs.Run(rest);
            case "parse-jit":
                return JitTrace.Run(rest);
            case "report":
                return PerformanceReport.Run(rest);
            case "probe":
                return Probe.Run(rest);
            default:
                Console.Error.WriteLine($"Unknown command '{command}'. Commands: bench, probe, generate-solution, parse-builds, parse-jit, report.");
                return 2;
        }
    }
}
