using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using AwsBestPractice.Cli.Analysis;

namespace AwsBestPractice.Cli.Output;

/// <summary>The machine-readable report: the same content as the table, every finding with its fingerprint.</summary>
internal static class JsonReport
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, ScanReport report)
    {
        var document = new
        {
            tool = "awsbp",
            version = RuleMetadata.PackageVersion,
            target = report.Target,
            threshold = Severities.Name(report.Threshold),
            summary = new
            {
                findings = report.Findings.Count,
                files = report.Findings.Select(f => f.Path).Distinct().Count(),
                baselineSuppressed = report.BaselineSuppressed,
                byRule = report.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, System.StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Count()),
            },
            findings = report.Findings.Select(f => new
            {
                ruleId = f.RuleId,
                title = RuleMetadata.Find(f.RuleId)?.Title.ToString(),
                severity = Severities.Name(f.Severity),
                message = f.Message,
                path = f.Path,
                line = f.Line,
                column = f.Column,
                endLine = f.EndLine,
                endColumn = f.EndColumn,
                project = f.Project,
                fingerprint = f.Fingerprint,
            }),
            projects = report.Projects.Select(p => new
            {
                name = p.Name,
                projectFile = p.ProjectFile,
                mode = p.Mode,
                files = p.Documents,
                seconds = System.Math.Round(p.Seconds, 3),
                filesWithCompileErrors = p.FilesWithErrors.Select(e => new { path = e.Path, errors = e.Errors, first = e.FirstError }),
                notes = p.Notes,
            }),
            messages = report.Messages,
            analyzerFailures = report.AnalyzerFailures,
        };
        writer.WriteLine(JsonSerializer.Serialize(document, Options));
    }
}
