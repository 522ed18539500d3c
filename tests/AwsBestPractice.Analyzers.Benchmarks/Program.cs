using System;
using System.Linq;
using BenchmarkDotNet.Running;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// <c>bench [--quick] [BenchmarkDotNet options]</c> runs the benchmarks (all of them unless <c>--filter</c> is given);
/// <c>generate-solution</c>, <c>parse-builds</c> and <c>report</c> are the steps of eng/perf/run.sh.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal) ? args[0] : "bench";
        var rest = args.Length > 0 && command == args[0] ? args.Skip(1).ToArray() : args;
        switch (command)
        {
            case "bench":
                var quick = rest.Contains("--quick");
                var bdnArgs = rest.Where(a => a != "--quick").ToArray();
                if (!bdnArgs.Contains("--filter"))
                {
                    bdnArgs = bdnArgs.Concat(new[] { "--filter", "*" }).ToArray();
                }

                var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(bdnArgs, BenchSettings.Create(quick));
                return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
            case "generate-solution":
                return SolutionGenerator.Run(rest);
            case "parse-builds":
                return BuildLogs.Run(rest);
            case "report":
                return PerformanceReport.Run(rest);
            default:
                Console.Error.WriteLine($"Unknown command '{command}'. Commands: bench, generate-solution, parse-builds, report.");
                return 2;
        }
    }
}
