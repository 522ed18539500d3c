using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace AwsBestPractice.Cli.Tests;

[Collection("awsbp")]
public sealed class FixAndBaselineTests
{
    [Fact]
    public void Fix_leaves_only_the_deliberately_unfixed_diagnostics_and_no_compile_error()
    {
        using var copy = Awsbp.CopyOfSamples();
        var solution = Path.Combine(copy.Path, "AwsBestPractice.Samples.sln");
        var clean = File.ReadAllText(Path.Combine(copy.Path, "Clean", "Orders", "Function.cs"));

        var fix = Awsbp.Run("fix", solution);

        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Matches(@"\d+ file\(s\) written", fix.Stdout);
        Assert.Contains("AWSBP010", fix.Stdout);
        var after = Awsbp.Run("scan", solution, "--format", "json");
        using var report = after.Json();
        var fixable = FixableRules(fix.Stdout);
        var left = Awsbp.Entries(report).Where(e => fixable.Contains(e.Split('|')[0])).ToHashSet();
        Assert.Equal(Awsbp.Expected("expected-after-fix.txt").ToHashSet(), left);
        Assert.All(report.RootElement.GetProperty("projects").EnumerateArray(), p => Assert.Empty(p.GetProperty("filesWithCompileErrors").EnumerateArray()));
        Assert.Equal(clean, File.ReadAllText(Path.Combine(copy.Path, "Clean", "Orders", "Function.cs")));
    }

    [Fact]
    public void Dry_run_prints_a_unified_diff_and_writes_nothing()
    {
        using var copy = Awsbp.CopyOfSamples();
        var file = Path.Combine(copy.Path, "InventoryWorker", "RestockQueue.cs");
        var before = File.ReadAllText(file);

        var run = Awsbp.Run("fix", copy.Path, "--rules", "AWSBP040", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--- a/InventoryWorker/RestockQueue.cs", run.Stdout);
        Assert.Contains("+++ b/InventoryWorker/RestockQueue.cs", run.Stdout);
        Assert.Matches(@"(?m)^@@ -\d+,\d+ \+\d+,\d+ @@$", run.Stdout);
        Assert.Matches(@"(?m)^\+.*WaitTimeSeconds", run.Stdout);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public void Baseline_round_trip_reports_only_new_findings_whatever_moved()
    {
        using var copy = Awsbp.CopyOfSamples();
        var baseline = Path.Combine(copy.Path, "awsbp-baseline.json");

        var record = Awsbp.Run("scan", copy.Path, "--baseline", baseline);
        Assert.True(record.ExitCode == 0, record.ToString());
        Assert.True(File.Exists(baseline));
        var recorded = JsonDocument.Parse(File.ReadAllText(baseline)).RootElement.GetProperty("findings").GetArrayLength();
        Assert.Equal(Awsbp.Run("scan", copy.Path, "--format", "json").Json().RootElement.GetProperty("findings").GetArrayLength(), recorded);

        // Lines added above every finding of a file: the findings move, the baseline still matches them.
        var function = Path.Combine(copy.Path, "OrdersFunction", "Function.cs");
        File.WriteAllText(function, "// Reviewed in the 2026 audit.\n// Owner: orders team.\n\n" + File.ReadAllText(function));
        var moved = Awsbp.Run("scan", copy.Path, "--baseline", baseline, "--format", "json");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        using (var report = moved.Json())
        {
            Assert.Empty(report.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal(recorded, report.RootElement.GetProperty("summary").GetProperty("baselineSuppressed").GetInt32());
        }

        // A new finding is reported, alone.
        File.WriteAllText(Path.Combine(copy.Path, "OrdersFunction", "Added.cs"), """
            using Amazon.Runtime;

            namespace OrdersFunction;

            public static class Added
            {
                public static AWSCredentials Credentials() => new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "not-a-real-secret-value-0000000000000000");
            }
            """);
        var fresh = Awsbp.Run("scan", copy.Path, "--baseline", baseline, "--format", "json");
        Assert.True(fresh.ExitCode == 1, fresh.ToString());
        using var added = fresh.Json();
        var entry = Assert.Single(Awsbp.Entries(added));
        Assert.StartsWith("AWSBP001|OrdersFunction/Added.cs|", entry);
    }

    [Fact]
    public void Unreadable_baseline_is_an_error_not_an_empty_baseline()
    {
        using var copy = Awsbp.CopyOfSamples();
        var baseline = Path.Combine(copy.Path, "baseline.json");
        File.WriteAllText(baseline, "{ not json");

        Assert.Equal(2, Awsbp.Run("scan", copy.Path, "--baseline", baseline).ExitCode);
    }

    /// <summary>The rules the fix summary lists (every rule with a fix that had diagnostics).</summary>
    private static System.Collections.Generic.HashSet<string> FixableRules(string summary)
        => summary.Split('\n').Where(l => l.StartsWith("AWSBP", StringComparison.Ordinal)).Select(l => l.Split(' ')[0]).ToHashSet();
}
