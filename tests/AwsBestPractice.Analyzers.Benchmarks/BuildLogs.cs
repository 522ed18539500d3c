using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// The time the compiler reported for one analyzer, summed over the projects of a build; <paramref name="Projects"/> = the projects
/// whose report lists it, <paramref name="Unmeasured"/> = those where it was below the report's resolution ("&lt;0.001" s, counted
/// as half a millisecond in <paramref name="Seconds"/>).
/// </summary>
public sealed record AnalyzerTime(string Assembly, string Analyzer, string Ids, double Seconds, int Projects = 0, int Unmeasured = 0)
{
    /// <summary>Below the compiler's 1 ms resolution in every project of the build: what it cost cannot be told from zero.</summary>
    public bool IsUnmeasured => Projects > 0 && Unmeasured == Projects;
}

/// <summary>One measured build: wall time, Csc time and the /reportanalyzer figures parsed from its detailed log.</summary>
public sealed record BuildRun(
    string Target,
    string Config,
    int Repetition,
    double WallSeconds,
    double CscSeconds,
    int CscCalls,
    double TotalAnalyzerSeconds,
    IReadOnlyDictionary<string, double> AssemblySeconds,
    IReadOnlyList<AnalyzerTime> Analyzers,
    IReadOnlyDictionary<string, int> Warnings,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> ProjectAssemblySeconds,
    IReadOnlyDictionary<string, double> ProjectCscSeconds);

/// <summary>
/// Parses the logs written by eng/perf/run.sh (<c>dotnet build -v:d -clp:PerformanceSummary -p:ReportAnalyzer=true</c>, one
/// node, csc run through a wrapper that prints <c>PERF-CSC-ELAPSED n ms</c> after each compiler process): files named
/// <c>TARGET.CONFIG.REP.log</c> with the wall time of the build in <c>TARGET.CONFIG.REP.time</c>.
/// </summary>
public static class BuildLogs
{
    private static readonly Regex LogName = new(@"^(?<target>[A-Za-z0-9_-]+)\.(?<config>[a-z]+)\.(?<rep>\d+)\.log$", RegexOptions.Compiled);
    private static readonly Regex TotalAnalyzer = new(@"Total analyzer execution time: (?<s>[\d.]+) seconds", RegexOptions.Compiled);
    private static readonly Regex Row = new(@"^\s*(?:\d+:\d+>)?\s*(?<time><?[\d.]+)\s+(?:<?\d+) {3}(?<name>\S.*|\s{3}\S.*)$", RegexOptions.Compiled);
    private static readonly Regex AnalyzerName = new(@"^\s{3}(?<type>\S+) \((?<ids>[^)]*)\)$", RegexOptions.Compiled);
    private static readonly Regex CompilationRequest = new(@"Compilation request (?<project>[^\s(]+) \(", RegexOptions.Compiled);
    private static readonly Regex CscElapsed = new(@"PERF-CSC-ELAPSED (?<ms>\d+) ms", RegexOptions.Compiled);
    private static readonly Regex CscTask = new(@"^\s*(?<ms>\d+) ms\s+Csc\s+(?<calls>\d+) calls", RegexOptions.Compiled);
    private static readonly Regex Warning = new(@"(?<file>[^\s:]+\.cs)\((?<line>\d+),(?<col>\d+)\): warning (?<id>[A-Z]+\d+):", RegexOptions.Compiled);

    public static int Run(string[] args)
    {
        var logs = args.Length > 0 ? args[0] : throw new ArgumentException("usage: parse-builds LOG_DIR OUT.json");
        var output = args.Length > 1 ? args[1] : Path.Combine(logs, "builds.json");
        var runs = ParseDirectory(logs);
        File.WriteAllText(output, JsonSerializer.Serialize(runs, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Parsed {runs.Count} build logs into {output}");
        return 0;
    }

    public static IReadOnlyList<BuildRun> ParseDirectory(string directory)
        => Directory.EnumerateFiles(directory, "*.log")
            .Select(path => (path, match: LogName.Match(Path.GetFileName(path))))
            .Where(x => x.match.Success)
            .OrderBy(x => x.path, StringComparer.Ordinal)
            .Select(x => Parse(
                x.match.Groups["target"].Value,
                x.match.Groups["config"].Value,
                int.Parse(x.match.Groups["rep"].Value, CultureInfo.InvariantCulture),
                File.ReadLines(x.path),
                ReadWall(Path.ChangeExtension(x.path, ".time"))))
            .ToArray();

    private static double ReadWall(string path)
        => File.Exists(path) && double.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : double.NaN;

    /// <summary>"&lt;0.001" (the compiler's floor) counts as half a millisecond.</summary>
    private static double Seconds(string text)
        => IsBelowResolution(text) ? 0.0005 : double.Parse(text, CultureInfo.InvariantCulture);

    private static bool IsBelowResolution(string text) => text.StartsWith("<", StringComparison.Ordinal);

    public static BuildRun Parse(string target, string config, int repetition, IEnumerable<string> lines, double wallSeconds)
    {
        double total = 0, csc = 0;
        var calls = 0;
        var assemblies = new Dictionary<string, double>(StringComparer.Ordinal);
        var analyzers = new Dictionary<(string Assembly, string Analyzer), (string Ids, double Seconds, int Projects, int Unmeasured)>();
        var warnings = new HashSet<(string, string, string)>();
        var inTable = false;
        var inTaskSummary = false;
        string? assembly = null;
        var project = "?";
        var perProject = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var projectCsc = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var request = CompilationRequest.Match(line);
            if (request.Success)
            {
                project = request.Groups["project"].Value;
                continue;
            }

            var elapsed = CscElapsed.Match(line);
            if (elapsed.Success)
            {
                projectCsc[project] = projectCsc.GetValueOrDefault(project) + int.Parse(elapsed.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0;
                inTable = false;
                continue;
            }

            var totalMatch = TotalAnalyzer.Match(line);
            if (totalMatch.Success)
            {
                total += Seconds(totalMatch.Groups["s"].Value);
                inTable = false;
                continue;
            }

            if (line.Contains("Time (s)", StringComparison.Ordinal) && line.TrimEnd().EndsWith("Analyzer", StringComparison.Ordinal))
            {
                inTable = true;
                assembly = null;
                continue;
            }

            if (inTable)
            {
                if (line.Contains("Total generator execution time", StringComparison.Ordinal) || line.Contains("diagnostic suppressors", StringComparison.Ordinal)
                    || line.Contains("analyzers have enabled concurrent execution", StringComparison.Ordinal) || line.Contains("Done executing task", StringComparison.Ordinal))
                {
                    inTable = false;
                    continue;
                }

                var row = Row.Match(line);
                if (!row.Success)
                {
                    continue; // blank separator lines between assemblies
                }

                var name = row.Groups["name"].Value;
                var time = row.Groups["time"].Value;
                var seconds = Seconds(time);
                var analyzer = AnalyzerName.Match(name);
                if (analyzer.Success && assembly is not null)
                {
                    var key = (assembly, analyzer.Groups["type"].Value);
                    var previous = analyzers.TryGetValue(key, out var p) ? p : (Ids: string.Empty, Seconds: 0.0, Projects: 0, Unmeasured: 0);
                    analyzers[key] = (analyzer.Groups["ids"].Value, previous.Seconds + seconds, previous.Projects + 1, previous.Unmeasured + (IsBelowResolution(time) ? 1 : 0));
                }
                else if (!name.StartsWith(" ", StringComparison.Ordinal))
                {
                    assembly = name.Split(',')[0].Trim();
                    assemblies[assembly] = assemblies.GetValueOrDefault(assembly) + seconds;
                    if (!perProject.TryGetValue(project, out var projectTimes))
                    {
                        perProject[project] = projectTimes = new Dictionary<string, double>(StringComparer.Ordinal);
                    }

                    projectTimes[assembly] = projectTimes.GetValueOrDefault(assembly) + seconds;
                }

                continue;
            }

            if (line.Contains("Task Performance Summary:", StringComparison.Ordinal))
            {
                inTaskSummary = true;
                continue;
            }

            if (inTaskSummary)
            {
                var task = CscTask.Match(line);
                if (task.Success)
                {
                    csc += int.Parse(task.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0;
                    calls += int.Parse(task.Groups["calls"].Value, CultureInfo.InvariantCulture);
                }
            }

            var warning = Warning.Match(line);
            if (warning.Success)
            {
                warnings.Add((warning.Groups["file"].Value + ":" + warning.Groups["line"].Value + ":" + warning.Groups["col"].Value, warning.Groups["id"].Value, string.Empty));
            }
        }

        // The csc wrapper of eng/perf/run.sh times every csc process; the Task Performance Summary is the fallback.
        if (projectCsc.Count > 0)
        {
            csc = projectCsc.Values.Sum();
            calls = projectCsc.Count;
        }

        var warningCounts = warnings.GroupBy(w => w.Item2).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new BuildRun(
            target, config, repetition, wallSeconds, csc, calls, total, assemblies,
            analyzers.Select(kv => new AnalyzerTime(kv.Key.Assembly, kv.Key.Analyzer, kv.Value.Ids, kv.Value.Seconds, kv.Value.Projects, kv.Value.Unmeasured)).OrderBy(a => a.Assembly).ThenBy(a => a.Analyzer).ToArray(),
            warningCounts,
            perProject.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal),
            projectCsc);
    }
}
