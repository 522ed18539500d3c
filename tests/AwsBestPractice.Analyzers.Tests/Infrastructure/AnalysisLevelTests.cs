using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>
/// Versioned rule sets (<c>AwsBestPracticeAnalysisLevel</c>, docs/configuration.md): for each release recorded in
/// AnalyzerReleases.Shipped.md, a global config that turns off every implemented rule that shipped after it, generated here
/// (UPDATE_DOCS=1) and checked like the presets.
/// </summary>
public class AnalysisLevelTests
{
    private static string ConfigFolder => Path.Combine(RepositoryPaths.Root, "src", "AwsBestPractice.Analyzers.Package", "buildTransitive", "config");

    [Fact]
    public void LevelConfigsMatchTheShippedReleases()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "AwsBestPractice.Analyzers", "AnalyzerReleases.Shipped.md"));
        var expected = Generate(shipped, AnalyzerCatalog.Descriptors.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList());
        var actual = Directory.GetFiles(ConfigFolder, "level_*.globalconfig").ToDictionary(f => Path.GetFileName(f)!, f => File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal));
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            foreach (var stale in actual.Keys.Except(expected.Keys))
            {
                File.Delete(Path.Combine(ConfigFolder, stale));
            }

            foreach (var (name, text) in expected)
            {
                File.WriteAllText(Path.Combine(ConfigFolder, name), text);
            }

            return;
        }

        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        foreach (var (name, text) in expected)
        {
            Assert.True(actual[name] == text, $"{name} is stale: run the tests with UPDATE_DOCS=1 to regenerate it.");
        }
    }

    [Fact]
    public void ALevelTurnsOffOnlyTheRulesShippedAfterIt()
    {
        const string Shipped = """
            ; Shipped analyzer releases

            ## Release 0.1.0

            ### New Rules

            Rule ID | Category | Severity | Notes
            --------|----------|----------|-------
            AWSBP001 | Security | Warning | HardcodedCredentialsAnalyzer
            AWSBP010 | Performance | Warning | CreateClientOutsideHandlerAnalyzer

            ## Release 0.2.0

            ### New Rules

            Rule ID | Category | Severity | Notes
            --------|----------|----------|-------
            AWSBP020 | Reliability | Warning | DoNotRetryClientErrorsAnalyzer

            ## Release 0.2.1

            ### Changed Rules

            Rule ID | New Category | New Severity | Old Category | Old Severity | Notes
            --------|--------------|--------------|--------------|--------------|-------
            AWSBP010 | Performance | Info | Performance | Warning | quieter
            """;
        var levels = Generate(Shipped, new[] { "AWSBP001", "AWSBP010", "AWSBP020", "AWSBP030" });

        Assert.Equal(new[] { "level_0.1.globalconfig", "level_0.2.globalconfig" }, levels.Keys.OrderBy(k => k));
        Assert.Equal(new[] { "AWSBP020", "AWSBP030" }, Disabled(levels["level_0.1.globalconfig"]));
        Assert.Equal(new[] { "AWSBP030" }, Disabled(levels["level_0.2.globalconfig"]));
        Assert.Contains("is_global = true", levels["level_0.1.globalconfig"]);
        Assert.Contains("global_level = -99", levels["level_0.1.globalconfig"]);
    }

    private static IEnumerable<string> Disabled(string config)
        => Regex.Matches(config, @"^dotnet_diagnostic\.(AWSBP\d{3})\.severity = none$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);

    /// <summary>One config per major.minor release (the last patch of a minor counts), disabling the rules not yet shipped by it.</summary>
    internal static Dictionary<string, string> Generate(string shipped, IReadOnlyList<string> implemented)
    {
        var releases = new List<(Version Version, HashSet<string> Added)>();
        foreach (var line in shipped.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var header = Regex.Match(line, @"^##\s+Release\s+(\d+\.\d+(\.\d+)?)");
            if (header.Success)
            {
                releases.Add((Version.Parse(header.Groups[1].Value), new HashSet<string>(StringComparer.Ordinal)));
                continue;
            }

            var row = Regex.Match(line, @"^\s*(AWSBP\d{3})\s*\|");
            if (row.Success && releases.Count > 0)
            {
                releases[^1].Added.Add(row.Groups[1].Value);
            }
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in releases.OrderBy(r => r.Version).GroupBy(r => (r.Version.Major, r.Version.Minor)))
        {
            foreach (var release in group)
            {
                seen.UnionWith(release.Added);
            }

            var level = $"{group.Key.Major}.{group.Key.Minor}";
            result[$"level_{level}.globalconfig"] =
                $"# AwsBestPracticeAnalysisLevel = {level}: the rules that shipped by release {level} (AnalyzerReleases.Shipped.md); generated by AnalysisLevelTests (UPDATE_DOCS=1 dotnet test to refresh).\n"
                + "# One level above the AwsBestPracticeAnalysisMode presets: a newer rule stays off whatever the mode; .editorconfig still wins.\n"
                + "is_global = true\n"
                + "global_level = -99\n\n"
                + string.Concat(implemented.Where(id => !seen.Contains(id)).Select(id => $"dotnet_diagnostic.{id}.severity = none\n"));
        }

        return result;
    }
}
