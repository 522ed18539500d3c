using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace AwsBestPractice.Cli.Analysis;

/// <summary>
/// Today's findings, recorded so that later scans report only new ones: how a team adopts the rules on a legacy codebase.
/// Findings match by rule, file and fingerprint (<see cref="Fingerprints"/>), never by line number.
/// </summary>
internal static class Baseline
{
    private const int FormatVersion = 1;

    public static void Write(string path, IEnumerable<Finding> findings)
    {
        var document = new BaselineFile
        {
            Version = FormatVersion,
            Tool = "awsbp",
            Findings = findings.Select(f => new BaselineEntry { RuleId = f.RuleId, Path = f.Path, Fingerprint = f.Fingerprint, Line = f.Line }).ToList(),
        };
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(document, Output.JsonReport.Options) + Environment.NewLine);
    }

    /// <summary>The findings not in the baseline, and how many were in it; null (with <paramref name="error"/>) for an unreadable file.</summary>
    public static (List<Finding> New, int Known)? Filter(string path, IReadOnlyList<Finding> findings, out string? error)
    {
        BaselineFile? document;
        try
        {
            document = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), Output.JsonReport.Options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"cannot read the baseline {path}: {e.Message}";
            return null;
        }

        if (document?.Findings is null || document.Version != FormatVersion)
        {
            error = $"{path} is not an awsbp baseline (version {FormatVersion})";
            return null;
        }

        error = null;
        var known = new HashSet<(string, string, string)>(document.Findings.Select(e => (e.RuleId ?? "", e.Path ?? "", e.Fingerprint ?? "")));
        var fresh = findings.Where(f => !known.Contains((f.RuleId, f.Path, f.Fingerprint))).ToList();
        return (fresh, findings.Count - fresh.Count);
    }

    private sealed class BaselineFile
    {
        public int Version { get; set; }

        public string? Tool { get; set; }

        public List<BaselineEntry>? Findings { get; set; }
    }

    private sealed class BaselineEntry
    {
        public string? RuleId { get; set; }

        public string? Path { get; set; }

        public string? Fingerprint { get; set; }

        /// <summary>Where the finding was when recorded: for people reading the file, not used to match.</summary>
        public int Line { get; set; }
    }
}
