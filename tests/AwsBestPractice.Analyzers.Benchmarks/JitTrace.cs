using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>JIT compilation of our package's code in one compiler process (one project of the traced build).</summary>
/// <param name="Config">The build configuration (<c>ours</c>).</param>
/// <param name="Project">The project the compiler process compiled.</param>
/// <param name="Methods">Methods of the package JIT-compiled in that process (each tier counted).</param>
/// <param name="Milliseconds">Time from the runtime's <c>MethodJittingStarted</c> to its <c>MethodLoadVerbose</c> event for them, on the same thread.</param>
/// <param name="AllMethods">Every method JIT-compiled in that process.</param>
/// <param name="AllMilliseconds">The JIT time of all of them.</param>
/// <param name="AnalyzerSeconds">The compiler's <c>/reportanalyzer</c> time for the package in that project, in the same traced build.</param>
/// <param name="TopTypes">The package's types with the most JIT time there.</param>
/// <param name="LongestMilliseconds">The longest single compile among the package's methods (a thread preempted or suspended while compiling shows here).</param>
/// <param name="LongestMethod">That method.</param>
/// <param name="LongestType">Its type as <see cref="TopTypes"/> names it (empty in files written before it was recorded).</param>
public sealed record JitProject(string Config, string Project, int Methods, double Milliseconds, int AllMethods, double AllMilliseconds, double AnalyzerSeconds, IReadOnlyList<JitType> TopTypes, double LongestMilliseconds = 0, string LongestMethod = "", string LongestType = "");

/// <summary>JIT time of one type's methods.</summary>
public sealed record JitType(string Type, int Methods, double Milliseconds);

/// <summary>
/// <c>parse-jit DIR OUT.json</c> (<c>PERF_JIT_PREFIX=Amazon</c> to count the AWS SDK's analyzers instead of ours): reads the traced build of eng/perf/run.sh — <c>DIR/ours/PROJECT@PID.nettrace</c> (the runtime's
/// JIT events of each compiler process, written by EventPipe) and <c>DIR/ours/build.log</c> (the same build's detailed log) — and
/// writes, per project, how long the process spent JIT-compiling our code next to the analyzer time the compiler charged our package.
/// </summary>
public static class JitTrace
{
    /// <summary>Our assembly, and the namespace prefix of its code.</summary>
    private const string Package = "AwsBestPractice.Analyzers";

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: parse-jit DIR OUT.json");
            return 2;
        }

        // The traced build with our package: DIR/ours/PROJECT@PID.nettrace and DIR/ours/build.log.
        const string config = "ours";
        var projects = new List<JitProject>();
        var dir = Path.Combine(args[0], config);
        var log = Path.Combine(dir, "build.log");
        if (!File.Exists(log))
        {
            Console.Error.WriteLine($"no traced build in {dir}");
            return 1;
        }

        var build = BuildLogs.Parse("solution", config, 1, File.ReadLines(log), double.NaN);
        foreach (var trace in Directory.EnumerateFiles(dir, "*.nettrace").OrderBy(p => p, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(trace);
            var project = name.Substring(0, Math.Max(0, name.IndexOf('@', StringComparison.Ordinal)));
            var analyzerSeconds = build.ProjectAssemblySeconds.TryGetValue(project, out var perAssembly) ? perAssembly.GetValueOrDefault(Package) : 0;
            projects.Add(Measure(trace, config, project, Environment.GetEnvironmentVariable("PERF_JIT_PREFIX") ?? Package, analyzerSeconds));
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,5} methods {2,8:0.0} ms JIT ({3,6} methods {4,8:0} ms in all); analyzer time {5,6:0} ms",
                project, projects[^1].Methods, projects[^1].Milliseconds, projects[^1].AllMethods, projects[^1].AllMilliseconds, analyzerSeconds * 1000));
        }

        File.WriteAllText(args[1], JsonSerializer.Serialize(projects, new JsonSerializerOptions { WriteIndented = true }));
        return projects.Count > 0 ? 0 : 1;
    }

    /// <summary>Pairs each <c>MethodJittingStarted</c> with the <c>MethodLoadVerbose</c> of the same method on the same thread.</summary>
    public static JitProject Measure(string tracePath, string config, string project, string namespacePrefix, double analyzerSeconds)
    {
        var started = new Dictionary<(int Thread, long Method), (double At, string Type, string Name)>();
        var perType = new Dictionary<string, (int Methods, double Ms)>(StringComparer.Ordinal);
        int all = 0, matching = 0;
        double allMs = 0, matchingMs = 0, longest = 0;
        var longestMethod = string.Empty;
        var longestType = string.Empty;
        using (var source = new EventPipeEventSource(tracePath))
        {
            var clr = new ClrTraceEventParser(source);
            clr.MethodJittingStarted += e => started[(e.ThreadID, e.MethodID)] = (e.TimeStampRelativeMSec, e.MethodNamespace, e.MethodName);
            clr.MethodLoadVerbose += e =>
            {
                if (!started.Remove((e.ThreadID, e.MethodID), out var start))
                {
                    return; // a method loaded from precompiled code, or whose start is not in the trace
                }

                var ms = e.TimeStampRelativeMSec - start.At;
                all++;
                allMs += ms;
                if (start.Type.StartsWith(namespacePrefix + ".", StringComparison.Ordinal))
                {
                    matching++;
                    matchingMs += ms;
                    var type = start.Type.Split('+', '`')[0];
                    if (ms > longest)
                    {
                        longest = ms;
                        longestMethod = start.Type + "." + start.Name;
                        longestType = type;
                    }

                    var current = perType.GetValueOrDefault(type);
                    perType[type] = (current.Methods + 1, current.Ms + ms);
                }
            };
            source.Process();
        }

        var top = perType.OrderByDescending(kv => kv.Value.Ms).Take(8).Select(kv => new JitType(kv.Key, kv.Value.Methods, kv.Value.Ms)).ToArray();
        return new JitProject(config, project, matching, matchingMs, all, allMs, analyzerSeconds, top, longest, longestMethod, longestType);
    }
}
