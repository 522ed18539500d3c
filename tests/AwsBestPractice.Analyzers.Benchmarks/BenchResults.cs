using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>One BenchmarkDotNet result (times in nanoseconds).</summary>
public sealed record BenchRow(string Type, string Method, IReadOnlyDictionary<string, string> Parameters, double Median, double Min, double Max, int N, double Allocated, IReadOnlyList<double>? Values = null)
{
    public string Param(string name) => Parameters.TryGetValue(name, out var v) ? v : string.Empty;
}

/// <summary>Reads the BenchmarkDotNet JSON exports of a run (<c>*-report-brief.json</c>) for the report.</summary>
public static class BenchResults
{
    public static IReadOnlyList<BenchRow> Read(string directory)
    {
        var rows = new List<BenchRow>();
        foreach (var file in Directory.EnumerateFiles(directory, "*-report-brief.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                var parameters = (b.TryGetProperty("Parameters", out var p) ? p.GetString() ?? string.Empty : string.Empty)
                    .Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(kv => kv.Split('=', 2))
                    .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty, StringComparer.Ordinal);
                if (!b.TryGetProperty("Statistics", out var s) || s.ValueKind != JsonValueKind.Object)
                {
                    continue; // a failed benchmark has no statistics
                }

                var allocated = b.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty("BytesAllocatedPerOperation", out var a) && a.ValueKind == JsonValueKind.Number
                    ? a.GetDouble() : double.NaN;
                rows.Add(new BenchRow(
                    b.GetProperty("Type").GetString() ?? string.Empty,
                    b.GetProperty("Method").GetString() ?? string.Empty,
                    parameters,
                    s.GetProperty("Median").GetDouble(),
                    s.GetProperty("Min").GetDouble(),
                    s.GetProperty("Max").GetDouble(),
                    s.GetProperty("N").GetInt32(),
                    allocated,
                    AllIterations(s)));
            }
        }

        return rows;
    }

    /// <summary>
    /// Every measured iteration of a benchmark: BenchmarkDotNet's <c>OriginalValues</c> leave out the outliers it removed (its
    /// default removes upper outliers), which a rank test over the iterations must not do.
    /// </summary>
    private static IReadOnlyList<double>? AllIterations(JsonElement statistics)
    {
        if (!statistics.TryGetProperty("OriginalValues", out var values) || values.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var all = values.EnumerateArray().Select(v => v.GetDouble()).ToList();
        foreach (var outliers in new[] { "LowerOutliers", "UpperOutliers" })
        {
            if (statistics.TryGetProperty(outliers, out var removed) && removed.ValueKind == JsonValueKind.Array)
            {
                all.AddRange(removed.EnumerateArray().Select(v => v.GetDouble()));
            }
        }

        return all;
    }

    /// <summary>
    /// Exact two-sided p-value of the Mann–Whitney U test: the share of all splits of the pooled values into groups of the two sizes
    /// whose rank sum is at least as far from its expectation as <paramref name="a"/>'s (ties share their mean rank). Exact for the
    /// few iterations a benchmark has (C(10, 5) = 252 splits for 5 + 5).
    /// </summary>
    internal static double RankTestP(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var pooled = a.Concat(b).ToArray();
        var order = Enumerable.Range(0, pooled.Length).OrderBy(i => pooled[i]).ToArray();
        var ranks = new double[pooled.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && pooled[order[j + 1]] == pooled[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        var expected = a.Count * (pooled.Length + 1) / 2.0;
        var observed = Math.Abs(ranks.Take(a.Count).Sum() - expected);
        int extreme = 0, total = 0;

        void Splits(int start, int left, double sum)
        {
            if (left == 0)
            {
                total++;
                extreme += Math.Abs(sum - expected) >= observed - 1e-9 ? 1 : 0;
                return;
            }

            for (var i = start; i <= ranks.Length - left; i++)
            {
                Splits(i + 1, left - 1, sum + ranks[i]);
            }
        }

        Splits(0, a.Count, 0);
        return (double)extreme / total;
    }
}
