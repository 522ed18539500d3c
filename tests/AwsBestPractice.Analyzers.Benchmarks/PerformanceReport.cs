using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>The key figures of one run of eng/perf/run.sh, kept next to docs/performance.md for the next run to compare with.</summary>
public sealed record RunFigures(string Commit, string Generated, SortedDictionary<string, double> Figures, string Mode = "full");

/// <summary>
/// Writes docs/performance.md from the BenchmarkDotNet JSON exports and the parsed build logs: the budget verdicts, the figures,
/// and the prose of eng/perf/history.md and eng/perf/method.md, included verbatim. Run by eng/perf/run.sh; never edit the page.
/// </summary>
public static class PerformanceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const double NonAwsMaxAddedShare = 0.01;
    private const double SolutionMaxShare = 0.01;
    private const double IdeMaxAddedMs = 20.0;

    private const string Ours = "AwsBestPractice.Analyzers";

    /// <summary>The budget lines (eng/perf/method.md), in the order of the page; each gets a verdict or "not measured".</summary>
    private static readonly (string Item, string Limit)[] Budget =
    {
        ("Generated solution, built as `dotnet build` builds by default (compiler server, started fresh for each build): our package, as a share of the compile time of the build without it", "< 1%"),
        ("Generated solution, one compiler process per project (`UseSharedCompilation=false`: every project loads and JIT-compiles the analyzers): the same share", "< 1% (reported, not judged: see Method)"),
        ("Generated solution: our package against the AWS SDK's own analyzers (`AWSSDK.*.CodeAnalysis`) in the same builds, in both build modes", "≤ theirs"),
        ("No AWS SDK referenced (benchmark): all rules against the empty analyzer", "< +1% (indistinguishable)"),
        ("No AWS SDK referenced (builds): what our package adds to the compile of the projects without the AWS SDK", "< 1%, compile time within noise"),
        ("One 1,000-line AWS-heavy document: what all rules add to a keystroke's analysis (median)", "< 20 ms"),
    };

    /// <summary>Budget lines that are reported with their figure but do not decide the run's verdict (see eng/perf/method.md).</summary>
    private static readonly int[] ReportedOnly = { 1 };

    /// <summary>How the builds ran the compiler: eng/perf/run.sh's "server…" configurations use the compiler server.</summary>
    private enum BuildMode
    {
        Server,
        Fresh,
    }

    private const string ServerPrefix = "server";

    /// <summary>The compiler-server builds, as configurations "none" and "ours".</summary>
    private static BuildRun[] ServerBuilds(IEnumerable<BuildRun> runs)
        => runs.Where(r => r.Config.StartsWith(ServerPrefix, StringComparison.Ordinal)).Select(r => r with { Config = r.Config.Substring(ServerPrefix.Length) }).ToArray();

    /// <summary>The builds with one compiler process per project (configurations "none" and "ours").</summary>
    private static BuildRun[] FreshBuilds(IEnumerable<BuildRun> runs)
        => runs.Where(r => !r.Config.StartsWith(ServerPrefix, StringComparison.Ordinal)).ToArray();

    public static int Run(string[] args)
    {
        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        T? Json<T>(string? path) => path is not null && File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path)) : default;

        var output = Arg("--out") ?? throw new ArgumentException("--out is required");
        var bench = Arg("--bench");
        var infoPath = bench is null ? null : Path.Combine(bench, "..", "bench-info.json");
        BenchInfo = infoPath is not null && File.Exists(infoPath) ? JsonDocument.Parse(File.ReadAllText(infoPath)).RootElement : null;
        var timesPath = bench is null ? null : Path.Combine(bench, "..", "analyzer-times.jsonl");
        CallbackMs = timesPath is not null && File.Exists(timesPath)
            ? File.ReadLines(timesPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)
                .GroupBy(e => e.GetProperty("Case").GetString()!)
                .ToDictionary(g => g.Key, g => g.Last().GetProperty("AnalyzerMs").EnumerateObject().Sum(p => p.Value.GetDouble()))
            : new Dictionary<string, double>();
        Jit = Json<List<JitProject>>(Arg("--jit")) ?? new List<JitProject>();
        Commit = Arg("--commit") ?? "unknown";
        Previous = Json<RunFigures>(Arg("--previous"));
        var mode = Arg("--mode") ?? "full";
        var text = Write(
            bench is not null && Directory.Exists(bench) ? BenchResults.Read(bench) : Array.Empty<BenchRow>(),
            Json<List<BuildRun>>(Arg("--builds")) ?? new List<BuildRun>(),
            Arg("--workload") is { } workload && File.Exists(workload) ? JsonDocument.Parse(File.ReadAllText(workload)).RootElement : null,
            mode,
            Arg("--sdk") ?? "unknown",
            Arg("--minutes"),
            Arg("--repetitions") ?? "?",
            Prose(Arg("--history"), "history.md"),
            Prose(Arg("--method"), "method.md"));
        File.WriteAllText(output, text);
        Console.WriteLine($"Wrote {output}");
        if (Arg("--figures") is { } figuresPath)
        {
            File.WriteAllText(figuresPath, JsonSerializer.Serialize(new RunFigures(Commit, Generated, new SortedDictionary<string, double>(Figures, StringComparer.Ordinal), mode), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
            Console.WriteLine($"Wrote {figuresPath}");
        }

        return text.Contains("| FAIL |", StringComparison.Ordinal) ? 3 : 0;
    }

    /// <summary>The text of eng/perf/NAME: the given path, or the first eng/perf/NAME above the working directory or this tool.</summary>
    private static string Prose(string? path, string name)
    {
        static IEnumerable<string> Ancestors(string directory)
        {
            for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent)
            {
                yield return Path.Combine(d.FullName, "eng", "perf");
            }
        }

        path ??= Ancestors(Environment.CurrentDirectory).Concat(Ancestors(AppContext.BaseDirectory)).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        return path is not null && File.Exists(path)
            ? File.ReadAllText(path).TrimEnd() + "\n\n"
            : throw new FileNotFoundException($"eng/perf/{name} not found: pass --{Path.GetFileNameWithoutExtension(name)} FILE");
    }

    // The run's data and figures, set by Run and read while the page is written.
    private static JsonElement? BenchInfo { get; set; }

    private static string Commit { get; set; } = "unknown";

    private static string Generated { get; } = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The previous run's key figures (<c>--previous</c>: the JSON that <c>--figures</c> writes next to the page).</summary>
    private static RunFigures? Previous { get; set; }

    /// <summary>This run's key figures, recorded while the page is written.</summary>
    private static Dictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    /// <summary>The traced build's JIT figures (<c>parse-jit</c>), per project.</summary>
    private static List<JitProject> Jit { get; set; } = new();

    /// <summary>Driver-reported time in our analyzers' callbacks, per benchmark case (one run in the case's setup).</summary>
    private static Dictionary<string, double> CallbackMs { get; set; } = new();

    private static void Figure(string name, double value)
    {
        if (double.IsFinite(value))
        {
            Figures[name] = Math.Round(value, 3);
        }
    }

    private static string Callbacks(string key) => CallbackMs.TryGetValue(key, out var ms) && ms > 0 ? ms.ToString("0", Inv) : "n/a";

    private static int InfoInt(string name, int fallback)
        => BenchInfo is { } info && info.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : fallback;

    private static string Write(IReadOnlyList<BenchRow> bench, IReadOnlyList<BuildRun> builds, JsonElement? workload, string mode, string sdk, string? minutes, string repetitions, string history, string method)
    {
        var verdicts = new (string Measured, bool? Pass)?[Budget.Length];
        var body = new StringBuilder();
        AppendBenchmarks(body, bench, verdicts);

        var solution = builds.Where(b => b.Target == "solution").ToArray();
        var samples = builds.Where(b => b.Target == "samples").ToArray();
        body.Append("## Build comparison\n\n");
        if (solution.Length == 0)
        {
            body.Append("_Not run (eng/perf/run.sh --no-builds)._\n\n");
        }
        else
        {
            AppendWorkload(body, workload);
            var server = AppendBuilds(body, ServerBuilds(solution), workload, "Generated solution, compiler server (`dotnet build`'s default)", verdicts, BuildMode.Server);
            var fresh = AppendBuilds(body, FreshBuilds(solution), workload, "Generated solution, one compiler process per project", verdicts, BuildMode.Fresh);
            var sdkComparisons = new[] { ("compiler server", server), ("one process per project", fresh) }.Where(c => c.Item2 is not null).ToArray();
            if (sdkComparisons.Length > 0)
            {
                verdicts[2] = sdkComparisons.All(c => c.Item2!.Value.Sdk > 0)
                    ? (string.Join("; ", sdkComparisons.Select(c => $"{c.Item1}: ours {c.Item2!.Value.Ours * 1000:0} ms, theirs {c.Item2!.Value.Sdk * 1000:0} ms ({c.Item2!.Value.Ours / c.Item2!.Value.Sdk:0.00}×)")),
                        sdkComparisons.All(c => c.Item2!.Value.Ours <= c.Item2!.Value.Sdk))
                    : ("no `AWSSDK.*.CodeAnalysis` analyzer in the build logs", null);
            }

            AppendJit(body);
        }

        body.Append("## Samples\n\n");
        if (samples.Length == 0)
        {
            body.Append("_samples/ is not in this checkout (or the builds were skipped): nothing measured._\n\n");
        }
        else
        {
            AppendBuilds(body, ServerBuilds(samples), null, "samples/AwsBestPractice.Samples.sln, compiler server", null, BuildMode.Server);
            AppendBuilds(body, FreshBuilds(samples), null, "samples/AwsBestPractice.Samples.sln, one compiler process per project", null, BuildMode.Fresh);
        }

        var doc = new StringBuilder();
        doc.Append("# Performance\n\n");
        doc.Append("<!-- Generated by eng/perf/run.sh from the run's data, eng/perf/history.md and eng/perf/method.md. Do not edit by hand. -->\n\n");
        doc.Append("What AwsBestPractice.Analyzers costs a build and the editor, against the budget below (the lines are explained under Method). ")
            .Append("A FAIL is a finding to fix: the tables show where the time goes.\n\n");
        doc.Append("## Budget\n\n| Item | Measured | Budget | Result |\n|---|---|---|---|\n");
        for (var i = 0; i < Budget.Length; i++)
        {
            var (measured, pass) = verdicts[i] ?? ("_not measured in this run_", null);
            var result = pass is null ? "n/a" : ReportedOnly.Contains(i) ? (pass.Value ? "under" : "over") : pass.Value ? "PASS" : "FAIL";
            doc.Append($"| {Budget[i].Item} | {measured} | {Budget[i].Limit} | {result} |\n");
        }

        doc.Append('\n');
        AppendSincePrevious(doc, mode);
        AppendMachine(doc, mode, sdk, minutes, repetitions);
        return doc.Append(body).Append(history).Append(method).ToString().TrimEnd() + "\n";
    }

    private static void AppendBenchmarks(StringBuilder body, IReadOnlyList<BenchRow> bench, (string, bool?)?[] verdicts)
    {
        static BenchRow? Find(IEnumerable<BenchRow> rows, string type, string method, Func<BenchRow, bool>? where = null)
            => rows.FirstOrDefault(r => r.Type == type && r.Method == method && (where is null || where(r)));

        body.Append("## Analyzer benchmarks (BenchmarkDotNet)\n\n");
        if (bench.Count == 0)
        {
            body.Append("_Not run (eng/perf/run.sh --no-bench)._\n\n");
            return;
        }

        body.Append("| Workload | Files / lines | Empty analyzer (ms) | Analyzer(s) (ms) | Added (ms) | Ratio | Callbacks (ms) | Allocated added (MB) | Diagnostics |\n");
        body.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");

        void RowFor(string label, BenchRow? baseline, BenchRow? measured, string diagnostics, string? callbacksKey = null)
        {
            if (baseline is null || measured is null)
            {
                body.Append($"| {label} | | | | | | | | _missing_ |\n");
                return;
            }

            Figure("Benchmark, " + label.Replace("**", string.Empty, StringComparison.Ordinal) + ": ratio to the baseline", measured.Median / baseline.Median);
            body.Append(Inv, $"| {label} | {FilesLabel(measured)} | {Ms(baseline.Median)} | {Ms(measured.Median)} | {Signed(Ms(measured.Median - baseline.Median))} | {measured.Median / baseline.Median:0.000} | {(callbacksKey is null ? "" : Callbacks(callbacksKey))} | {Mb(measured.Allocated - baseline.Allocated)} | {diagnostics} |\n");
        }

        // Each rule alone, then all rules (no Rule parameter), in both variants.
        var rules = bench.Where(r => r.Type == nameof(RuleBenchmarks)).Select(r => r.Param("Rule")).Distinct().OrderBy(r => r, StringComparer.Ordinal)
            .Select(r => (Type: nameof(RuleBenchmarks), Rule: r, Method: "RuleAnalyzer")).Append((nameof(AllRulesBenchmarks), "", "AllRules"));
        foreach (var (type, rule, method) in rules)
        {
            foreach (var variant in new[] { "Fires", "Clean" })
            {
                bool Match(BenchRow r) => r.Param("Rule") == rule && r.Param("Variant") == variant;
                RowFor(rule.Length > 0 ? $"{rule} alone, {variant.ToLowerInvariant()}" : $"**All rules**, {variant.ToLowerInvariant()}", Find(bench, type, "Baseline", Match), Find(bench, type, method, Match),
                    variant == "Fires" ? "exact (asserted)" : "0 (asserted)", $"{(rule.Length > 0 ? rule : "AllRules")}-{variant}");
            }
        }

        var nonAwsBase = Find(bench, nameof(NonAwsBenchmarks), "Baseline");
        var nonAws = Find(bench, nameof(NonAwsBenchmarks), "AllRules");
        RowFor("**All rules, no AWS SDK referenced**", nonAwsBase, nonAws, "0 (asserted)", "NonAws");
        var ideBase = Find(bench, nameof(IdeDocumentBenchmarks), "Baseline");
        var ide = Find(bench, nameof(IdeDocumentBenchmarks), "AllRules");
        RowFor("**IDE: one 1,000-line AWS-heavy document**, all rules", ideBase, ide, "exact (asserted)");
        var hostBase = Find(bench, nameof(IdeDocumentBenchmarks), "HostBaseline");
        var hostPlus = Find(bench, nameof(IdeDocumentBenchmarks), "HostPlusAllRules");
        RowFor("IDE document, all rules next to a no-op operation analyzer (baseline: the no-op analyzer alone)", hostBase, hostPlus, "exact (asserted)");
        body.Append('\n');
        if (hostBase is not null && ideBase is not null)
        {
            body.Append(Inv, $"A no-op operation analyzer alone adds {Ms(hostBase.Median - ideBase.Median)} ms to the IDE document's analysis: the binding and operation trees every IDE's own analyzers already cause.\n\n");
        }

        if (nonAwsBase is not null && nonAws is not null)
        {
            // Indistinguishable: below +1%, or a median inside the baseline's own min–max, or the same work by the measures noise
            // cannot move (a rank test that cannot tell the two series apart, and allocations within 1%).
            var added = nonAws.Median / nonAwsBase.Median - 1;
            var withinSpread = nonAws.Median >= nonAwsBase.Min && nonAws.Median <= nonAwsBase.Max;
            double? p = nonAws.Values is { Count: > 1 } v1 && nonAwsBase.Values is { Count: > 1 } v0 ? BenchResults.RankTestP(v1, v0) : null;
            var sameAllocations = Math.Abs(nonAws.Allocated / nonAwsBase.Allocated - 1) < 0.01;
            verdicts[3] = (string.Format(Inv, "{0:N0} files: {1:+0.0;-0.0}% ({2} vs {3} ms; min–max {4}–{5} vs {6}–{7})", InfoInt("files", 1000), added * 100, Ms(nonAws.Median), Ms(nonAwsBase.Median), Ms(nonAws.Min), Ms(nonAws.Max), Ms(nonAwsBase.Min), Ms(nonAwsBase.Max))
                + (added >= NonAwsMaxAddedShare && withinSpread ? ": inside the empty analyzer's own min–max, i.e. indistinguishable from it" : string.Empty)
                + (p is { } pv ? string.Format(Inv, "; rank test (exact Mann–Whitney, two-sided) of the {0} and {1} iteration times: p = {2:0.00}{3}", nonAws.Values!.Count, nonAwsBase.Values!.Count, pv, pv >= 0.05 ? ", not distinguishable" : ", distinguishable") : string.Empty)
                + string.Format(Inv, "; allocated {0} vs {1} MB", Mb(nonAws.Allocated).TrimStart('+'), Mb(nonAwsBase.Allocated).TrimStart('+')),
                added < NonAwsMaxAddedShare || withinSpread || (p >= 0.05 && sameAllocations));
        }

        if (ideBase is not null && ide is not null)
        {
            // Judged against the no-op operation analyzer: the IDE's own analyzers already bind the document and build its
            // operation trees on every keystroke; what installing our package adds is the time on top of that.
            var addedMs = (ide.Median - ideBase.Median) / 1e6;
            var overHost = hostBase is not null && hostPlus is not null ? (hostPlus.Median - hostBase.Median) / 1e6 : double.NaN;
            verdicts[5] = ($"{overHost:0.0} ms over a no-op operation analyzer; {addedMs:0.0} ms over the empty analyzer (document analysis {Ms(ide.Median)} vs {Ms(ideBase.Median)} ms), which includes binding the document for operation analyzers",
                (double.IsNaN(overHost) ? addedMs : overHost) < IdeMaxAddedMs);
        }
    }

    private static void AppendWorkload(StringBuilder body, JsonElement? workload)
    {
        if (workload is not { } w)
        {
            return;
        }

        body.Append(Inv, $"The generated solution: **{w.GetProperty("lines").GetInt32():N0} lines** in {w.GetProperty("projects").GetArrayLength()} projects (plus a small Lambda.Stubs project standing in for the Amazon.Lambda packages):\n\n");
        body.Append("| Project | Files | Lines | AWS SDK in the compilation | AWS-using files |\n|---|---:|---:|---|---:|\n");
        foreach (var p in w.GetProperty("projects").EnumerateArray())
        {
            body.Append(Inv, $"| {p.GetProperty("project").GetString()} | {p.GetProperty("files").GetInt32():N0} | {p.GetProperty("lines").GetInt32():N0} | {(p.GetProperty("awsSdkReferenced").GetBoolean() ? "yes" : "no")} | {p.GetProperty("awsFiles").GetInt32():N0} |\n");
        }

        var expected = string.Join(", ", w.GetProperty("expectedDiagnostics").EnumerateObject().Select(e => $"{e.Value.GetInt32()} {e.Name}"));
        body.Append(Inv, $"\nOne AWS file in {w.GetProperty("firesEvery").GetInt32()} contains the mistake its rule reports; the build with our package must report exactly {(expected.Length > 0 ? expected : "no AWSBP warning")}.\n\n");
    }

    /// <summary>
    /// One target's builds: per configuration, per analyzer assembly of the builds with our package (ours and the AWS SDK's), per
    /// project. With <paramref name="verdicts"/> (the generated solution) it also judges the budget lines 1 to 3.
    /// </summary>
    private static (double Ours, double Sdk)? AppendBuilds(StringBuilder body, IReadOnlyList<BuildRun> runs, JsonElement? workload, string title, (string, bool?)?[]? verdicts, BuildMode mode)
    {
        if (runs.Count == 0)
        {
            return null;
        }

        var ours = runs.Where(r => r.Config == "ours").ToArray();
        var none = runs.Where(r => r.Config == "none").ToArray();
        var noneCsc = Median(none.Select(r => r.CscSeconds));
        var noneWall = Median(none.Select(r => r.WallSeconds));
        body.Append($"### {title}: builds\n\n");
        body.Append("| Configuration | Builds | Wall (s) | Wall vs none | Compile (s) | Compile vs none | Our package (s) | AWS SDK's analyzers (s) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var (config, label) in new[] { ("none", "no analyzer package (the AWS SDK's analyzers still run)"), ("ours", "**AwsBestPractice.Analyzers**") })
        {
            var c = runs.Where(r => r.Config == config).ToArray();
            if (c.Length > 0)
            {
                var wall = Median(c.Select(r => r.WallSeconds));
                var csc = Median(c.Select(r => r.CscSeconds));
                body.Append(Inv, $"| {label} | {c.Length} | {wall:0.0} | {wall / noneWall:0.000} | {csc:0.0} | {csc / noneCsc:0.000} | {Median(c.Select(OurSeconds)):0.000} | {Median(c.Select(SdkSeconds)):0.000} |\n");
            }
        }

        body.Append('\n');
        if (ours.Length == 0)
        {
            return null;
        }

        // Our package and the AWS SDK's analyzers in the builds with our package: assemblies, and the analyzers the compiler lists
        // for ours (one host of all rules; one analyzer per rule in runs before issue 15).
        var oursTotal = Median(ours.Select(OurSeconds));
        var sdkTotal = Median(ours.Select(SdkSeconds));
        body.Append("In the builds with our package (ms summed over the projects, median over the builds):\n\n| Analyzers | Time (ms) | Share of compile |\n|---|---:|---:|\n");
        void Row(string label, double seconds) => body.Append(Inv, $"| {label} | {seconds * 1000:0} | {seconds / noneCsc * 100:0.00}% |\n");
        Row("**AwsBestPractice.Analyzers** (our package)", oursTotal);
        foreach (var analyzer in ours.SelectMany(r => r.Analyzers).Where(a => a.Assembly == Ours).Select(a => (a.Analyzer, a.Ids)).Distinct().OrderBy(a => a.Analyzer, StringComparer.Ordinal))
        {
            Row($"our analyzer `{analyzer.Analyzer.Replace(Ours + ".", string.Empty, StringComparison.Ordinal)}` ({analyzer.Ids})", Median(ours.Select(r => r.Analyzers.Where(a => a.Assembly == Ours && a.Analyzer == analyzer.Analyzer).Sum(a => a.Seconds))));
        }

        Row("**The AWS SDK's analyzers**", sdkTotal);
        foreach (var assembly in ours.SelectMany(r => r.AssemblySeconds.Keys).Where(IsAwsSdkAnalyzer).Distinct().OrderBy(a => a, StringComparer.Ordinal))
        {
            Row($"`{assembly}`", Median(ours.Select(r => r.AssemblySeconds.GetValueOrDefault(assembly))));
        }

        // Per project: compile with our package and without, and the analyzers' time there.
        var aws = workload is { } wp
            ? wp.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("project").GetString()!, p => p.GetProperty("awsSdkReferenced").GetBoolean())
            : new Dictionary<string, bool>();
        double ProjectSeconds(string project, Func<string, bool> assembly)
            => Median(ours.Select(r => r.ProjectAssemblySeconds.TryGetValue(project, out var t) ? t.Where(kv => assembly(kv.Key)).Sum(kv => kv.Value) : 0));
        body.Append(mode == BuildMode.Fresh
                ? "\nPer project (medians; compile = wall time of the project's csc process):\n\n"
                : "\nPer project (medians; the compiler server's builds time only the whole Csc task, so there is no per-project compile):\n\n")
            .Append("| Project | AWS SDK referenced | Compile without our package (s) | Compile with it (s) | Ratio | Our package (s) | Share of compile | AWS SDK's analyzers (s) |\n")
            .Append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        // The compiler server's builds have no per-project compile time (one Csc task total): their per-project table shows our time only.
        foreach (var project in runs.SelectMany(r => r.ProjectCscSeconds.Keys.Concat(r.ProjectAssemblySeconds.Keys)).Distinct().OrderBy(p => p, StringComparer.Ordinal))
        {
            var without = Median(none.Select(r => r.ProjectCscSeconds.GetValueOrDefault(project, double.NaN)));
            var with = Median(ours.Select(r => r.ProjectCscSeconds.GetValueOrDefault(project, double.NaN)));
            var analyzers = ProjectSeconds(project, a => a == Ours);
            var sdk = aws.TryGetValue(project, out var a) ? (a ? "yes" : "no") : project == "Lambda.Stubs" ? "no" : "?";
            static string N(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, Inv);
            body.Append(Inv, $"| {project} | {sdk} | {N(without, "0.00")} | {N(with, "0.00")} | {N(with / without, "0.000")} | {analyzers:0.000} | {N(analyzers / without * 100, "0.00'%'")} | {ProjectSeconds(project, IsAwsSdkAnalyzer):0.000} |\n");
        }

        body.Append('\n');
        if (verdicts is null)
        {
            return (oursTotal, sdkTotal);
        }

        // Figure names of the one-process-per-project builds are those of the runs before the compiler-server builds existed.
        var figurePrefix = mode == BuildMode.Server ? "Generated solution, compiler server" : "Generated solution";
        if (none.Length > 0)
        {
            Figure(figurePrefix + ": all rules, share of the compile (%)", oursTotal / noneCsc * 100);
            verdicts[mode == BuildMode.Server ? 0 : 1] = ($"{oursTotal / noneCsc * 100:0.00}% ({oursTotal:0.000} s of {noneCsc:0.0} s)", oursTotal / noneCsc < SolutionMaxShare);
        }

        if (sdkTotal > 0)
        {
            Figure(figurePrefix + ": our package / the AWS SDK's analyzers", oursTotal / sdkTotal);
        }

        var nonAwsProjects = workload is { } w
            ? w.GetProperty("projects").EnumerateArray().Where(p => !p.GetProperty("awsSdkReferenced").GetBoolean()).Select(p => p.GetProperty("project").GetString()!).ToArray()
            : Array.Empty<string>();
        if (nonAwsProjects.Length > 0 && none.Length > 0 && mode == BuildMode.Fresh)
        {
            // What the compiler charged our package there (no action is registered without the SDK, so the driver does no work for
            // it); the compile-time difference is judged against the spread of the builds without our package, not against 1%:
            // on this machine identical builds differ by several percent.
            double CompileOf(BuildRun run) => nonAwsProjects.Sum(p => run.ProjectCscSeconds.GetValueOrDefault(p));
            var withOurs = Median(ours.Select(CompileOf));
            var without = Median(none.Select(CompileOf));
            var reported = Median(ours.Select(r => nonAwsProjects.Sum(p => r.ProjectAssemblySeconds.TryGetValue(p, out var t) ? t.GetValueOrDefault(Ours) : 0)));
            Figure("Generated solution, projects without the AWS SDK: our analyzer time, share of their compile (%)", reported / without * 100);
            var spread = none.Length >= 2 ? (Min: none.Min(CompileOf), Max: none.Max(CompileOf)) : ((double Min, double Max)?)null;
            var compileOk = withOurs / without - 1 < NonAwsMaxAddedShare || (spread is { } sp && withOurs <= sp.Max);
            verdicts[4] = ($"{reported / without * 100:0.00}% ({reported * 1000:0} ms of {without:0.0} s); compile {(withOurs / without - 1) * 100:+0.0;-0.0}% ({withOurs:0.0} s vs {without:0.0} s; "
                + (spread is { } s ? $"the builds without our package alone span {s.Min:0.0}–{s.Max:0.0} s)" : "one build each: not judged)"),
                double.IsNaN(reported / without) ? null : reported / without < NonAwsMaxAddedShare && (spread is null || compileOk));
        }

        if (workload is { } w2)
        {
            var expected = w2.GetProperty("expectedDiagnostics").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetInt32());
            var ok = ours.All(r => expected.All(e => r.Warnings.GetValueOrDefault(e.Key) == e.Value) && r.Warnings.Keys.Where(k => k.StartsWith("AWSBP", StringComparison.Ordinal)).All(expected.ContainsKey));
            body.Append(ok
                ? "Every build with our package reported exactly the expected AWSBP warnings.\n\n"
                : "**Warning: the builds with our package did not report exactly the expected AWSBP warnings** (" + string.Join("; ", ours.Select(r => string.Join(", ", r.Warnings.Select(kv => $"{kv.Value} {kv.Key}")))) + ").\n\n");
        }
        return (oursTotal, sdkTotal);
    }

    /// <summary>
    /// This run's key figures next to the previous run's (the JSON committed next to the page): what got slower shows without
    /// reading two pages side by side. Figures this run no longer records are left out.
    /// </summary>
    private static void AppendSincePrevious(StringBuilder doc, string mode)
    {
        if (Previous is null || Figures.Count == 0)
        {
            return;
        }

        doc.Append("## Since the previous run\n\n");
        doc.Append(Inv, $"This run (commit {Commit}, {mode} mode) against the previous one (commit {Previous.Commit}, {Previous.Mode} mode, generated {Previous.Generated} UTC).")
            .Append(Previous.Mode == mode ? "\n\n" : " **The two runs used different modes (workload sizes differ), so their figures are not comparable.**\n\n");
        doc.Append("| Figure | Previous | This run | Change |\n|---|---:|---:|---:|\n");
        foreach (var (name, now) in Figures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var before = Previous.Figures.TryGetValue(name, out var b) ? b : (double?)null;
            var change = before is { } y && y > 0 ? now / y - 1 : (double?)null;
            var text = change is { } c ? (c * 100).ToString("+0;-0;0", Inv) + "%" : "n/a";
            doc.Append(Inv, $"| {name} | {Fig(before)} | {Fig(now)} | {(change > 0.25 ? "**" + text + "**" : text)} |\n");
        }

        doc.Append('\n');

        static string Fig(double? value) => value is { } v ? (Math.Abs(v) >= 100 ? v.ToString("0", Inv) : v.ToString("0.0#", Inv)) : "—";
    }

    /// <summary>How much of our analyzer time in each compiler process is JIT-compiling our own code (the traced build, <c>parse-jit</c>).</summary>
    private static void AppendJit(StringBuilder body)
    {
        var rows = Jit.Where(j => j.Config == "ours").OrderBy(j => j.Project, StringComparer.Ordinal).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        body.Append("### JIT compilation of our code\n\n");
        body.Append("| Project | Analyzer time (ms) | JIT of our code (ms, methods) | Longest one (ms) | Share |\n|---|---:|---:|---:|---:|\n");
        foreach (var j in rows)
        {
            body.Append(Inv, $"| {j.Project} | {j.AnalyzerSeconds * 1000:0} | {j.Milliseconds:0.0} ({j.Methods}) | {j.LongestMilliseconds:0.0} | {(j.AnalyzerSeconds > 0 ? Percent(j.Milliseconds / 1000 / j.AnalyzerSeconds) : "n/a")} |\n");
        }

        var jit = rows.Sum(j => j.Milliseconds);
        var analyzer = rows.Sum(j => j.AnalyzerSeconds * 1000);
        var withoutLongest = rows.Sum(j => j.Milliseconds - j.LongestMilliseconds);
        Figure("Generated solution, traced build: JIT of our code, share of our analyzer time (%)", jit / analyzer * 100);
        Figure("Generated solution, traced build: our methods JIT-compiled", rows.Sum(j => j.Methods));
        if (analyzer <= 0)
        {
            body.Append('\n');
            return;
        }

        body.Append(Inv, $"\nOver the build, JIT-compiling our code took {jit:0} ms of the {analyzer:0} ms charged to our package ({Percent(jit / analyzer)}; {withoutLongest:0} ms, {Percent(withoutLongest / analyzer)}, without the longest compile of each project).");

        // Per type, without each project's longest compile.
        var types = rows
            .SelectMany(j => j.TopTypes.Select(t => t.Type == j.LongestType ? t with { Milliseconds = t.Milliseconds - j.LongestMilliseconds } : t))
            .GroupBy(t => t.Type, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Ms: g.Sum(t => t.Milliseconds)))
            .OrderByDescending(t => t.Ms)
            .Take(6)
            .ToArray();
        if (types.Length > 0)
        {
            body.Append(" Our types with the most JIT time (summed over the projects where they are among the top 8, without those longest compiles): ")
                .Append(string.Join(", ", types.Select(t => string.Format(Inv, "`{0}` {1:0.0} ms", t.Type.Replace(Ours + ".", string.Empty, StringComparison.Ordinal), t.Ms))))
                .Append('.');
        }

        body.Append("\n\n");
    }

    private static void AppendMachine(StringBuilder doc, string mode, string sdk, string? minutes, string repetitions)
    {
        doc.Append("## Machine and run\n\n");
        doc.Append(Inv, $"- {Environment.ProcessorCount} logical cores ({CpuName()}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0} GiB memory, {RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture}; shared with other work, so single figures are noisy — read medians and ratios.\n");
        doc.Append(Inv, $"- .NET SDK {sdk}; benchmarks on .NET {Environment.Version} with Microsoft.CodeAnalysis {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}; builds use the SDK's compiler, through the compiler server (shut down before each build) and with one csc process per project.\n");
        var benchmarks = BenchInfo is null ? "BenchmarkDotNet not run" : string.Format(Inv, "BenchmarkDotNet: {0:N0} files per compilation, 1 warm-up + {1} measured iterations per case", InfoInt("files", 0), InfoInt("iterations", 0));
        doc.Append(Inv, $"- Mode: **{mode}** ({benchmarks}; {repetitions} build(s) per configuration after a warm-up build){(minutes is null ? string.Empty : $"; the whole run took {minutes} min")}.\n");
        doc.Append(Inv, $"- Commit {Commit}; generated {Generated} UTC.\n\n");
    }

    private static string CpuName()
        => File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line.Split(':', 2)[1].Trim()
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static string FilesLabel(BenchRow row) => row.Type switch
    {
        nameof(IdeDocumentBenchmarks) => string.Format(Inv, "1 document of {0:N0} lines (+{1} files)", InfoInt("ideDocumentLines", 0), InfoInt("ideProjectFiles", 1) - 1),
        nameof(NonAwsBenchmarks) => string.Format(Inv, "{0:N0} files, {1:N0} lines", InfoInt("files", 1000), InfoInt("nonAwsLines", 0)),
        nameof(AllRulesBenchmarks) => string.Format(Inv, "{0:N0} files, {1:N0} lines", InfoInt("files", 1000), InfoInt("allRulesFiresLines", 0)),
        _ => string.Format(Inv, "{0:N0} files", InfoInt("files", 1000)),
    };

    /// <summary>The AWS SDK's own analyzer assemblies (<c>AWSSDK.S3.CodeAnalysis</c>…), which the AWS packages bring into the build.</summary>
    private static bool IsAwsSdkAnalyzer(string assembly)
        => assembly.StartsWith("AWSSDK.", StringComparison.Ordinal) && assembly.EndsWith(".CodeAnalysis", StringComparison.Ordinal);

    /// <summary>Our package in one build: everything the compiler reported for our assembly, whatever analyzers it lists.</summary>
    private static double OurSeconds(BuildRun run) => run.AssemblySeconds.GetValueOrDefault(Ours);

    private static double SdkSeconds(BuildRun run) => run.AssemblySeconds.Where(kv => IsAwsSdkAnalyzer(kv.Key)).Sum(kv => kv.Value);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Percent(double share) => double.IsNaN(share) ? "n/a" : (share * 100).ToString("0", Inv) + "%";

    private static string Ms(double nanoseconds) => (nanoseconds / 1e6).ToString(nanoseconds < 1e8 ? "0.0" : "0", Inv);

    private static string Signed(string value) => value.StartsWith("-", StringComparison.Ordinal) ? value : "+" + value;

    private static string Mb(double bytes) => double.IsNaN(bytes) ? "n/a" : (bytes / (1024 * 1024)).ToString("+0.0;-0.0;0.0", Inv);
}
