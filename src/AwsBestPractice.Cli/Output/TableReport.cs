using System;
using System.IO;
using System.Linq;
using AwsBestPractice.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli.Output;

/// <summary>The human report: findings grouped by rule (ID, severity, count, title, first locations), then how each project was analysed.</summary>
internal static class TableReport
{
    private const int LocationsPerRule = 3;

    public static void Write(TextWriter writer, ScanReport report)
    {
        var findings = report.Findings;
        writer.WriteLine($"awsbp {RuleMetadata.PackageVersion}: {report.Target}");
        writer.WriteLine();
        if (findings.Count == 0)
        {
            writer.WriteLine("No findings.");
        }
        else
        {
            var groups = findings.GroupBy(f => f.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            var countWidth = Math.Max(5, groups.Max(g => g.Count().ToString().Length));
            writer.WriteLine($"{"RULE",-9} {"SEVERITY",-8} {"COUNT".PadLeft(countWidth)}  TITLE");
            foreach (var group in groups)
            {
                var title = RuleMetadata.Find(group.Key)?.Title.ToString() ?? string.Empty;
                writer.WriteLine($"{group.Key,-9} {Severities.Name(group.First().Severity),-8} {group.Count().ToString().PadLeft(countWidth)}  {title}");
                foreach (var finding in group.Take(LocationsPerRule))
                {
                    writer.WriteLine($"{"",-9} {"",-8} {"".PadLeft(countWidth)}    {finding.Path}:{finding.Line}:{finding.Column}");
                }

                if (group.Count() > LocationsPerRule)
                {
                    writer.WriteLine($"{"",-9} {"",-8} {"".PadLeft(countWidth)}    … and {group.Count() - LocationsPerRule} more");
                }
            }

            writer.WriteLine();
            var bySeverity = findings.GroupBy(f => f.Severity).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {Severities.Name(g.Key)}");
            writer.WriteLine($"{findings.Count} finding(s) ({string.Join(", ", bySeverity)}) in {findings.Select(f => f.Path).Distinct().Count()} file(s).");
        }

        if (report.BaselineSuppressed > 0)
        {
            writer.WriteLine($"{report.BaselineSuppressed} finding(s) already in the baseline are not shown.");
        }

        writer.WriteLine();
        writer.WriteLine("Projects:");
        var nameWidth = report.Projects.Count == 0 ? 10 : report.Projects.Max(p => p.Name.Length);
        foreach (var project in report.Projects)
        {
            var errors = project.FilesWithErrors.Count == 0 ? string.Empty : $", {project.FilesWithErrors.Count} analysed with compile errors";
            writer.WriteLine($"  {project.Name.PadRight(nameWidth)}  {project.Mode,-11}  {project.Documents} file(s){errors}");
            foreach (var note in project.Notes)
            {
                writer.WriteLine($"  {"".PadRight(nameWidth)}  - {note}");
            }

            foreach (var file in project.FilesWithErrors)
            {
                writer.WriteLine($"  {"".PadRight(nameWidth)}  - {file.Path}: analysed with {file.Errors} compile error(s)");
            }
        }

        foreach (var message in report.Messages)
        {
            writer.WriteLine($"Note: {message}");
        }
    }
}

/// <summary>Everything a report shows.</summary>
internal sealed record ScanReport(
    string Target,
    string Root,
    System.Collections.Generic.IReadOnlyList<Finding> Findings,
    System.Collections.Generic.IReadOnlyList<ProjectReport> Projects,
    System.Collections.Generic.IReadOnlyList<string> Messages,
    System.Collections.Generic.IReadOnlyList<string> AnalyzerFailures,
    int BaselineSuppressed,
    DiagnosticSeverity Threshold);
