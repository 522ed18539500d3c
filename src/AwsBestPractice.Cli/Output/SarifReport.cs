using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using AwsBestPractice.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli.Output;

/// <summary>
/// SARIF 2.1.0 as GitHub code scanning reads it: the rules with help links, results with paths relative to
/// <c>%SRCROOT%</c> (the scanned folder) and a partial fingerprint per result so alerts survive edits.
/// </summary>
internal static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(TextWriter writer, ScanReport report)
    {
        var rules = RuleMetadata.Rules;
        var index = rules.Select((rule, i) => (rule.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var notifications = report.Messages.Select(m => Notification(m, "warning"))
            .Concat(report.AnalyzerFailures.Select(m => Notification(m, "error")))
            .Concat(report.Projects.SelectMany(p => p.Notes.Select(n => Notification($"{p.Name} ({p.Mode}): {n}", "note"))))
            .ToList();
        var root = report.Root.EndsWith(Path.DirectorySeparatorChar) ? report.Root : report.Root + Path.DirectorySeparatorChar;
        var document = new Dictionary<string, object?>
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["tool"] = new
                    {
                        driver = new Dictionary<string, object?>
                        {
                            ["name"] = "awsbp",
                            ["fullName"] = "AwsBestPractice.Analyzers (awsbp)",
                            ["version"] = RuleMetadata.PackageVersion,
                            ["semanticVersion"] = RuleMetadata.PackageVersion,
                            ["informationUri"] = InformationUri(rules),
                            ["rules"] = rules.Select(Rule).ToArray(),
                        },
                    },
                    ["invocations"] = new[]
                    {
                        new Dictionary<string, object?>
                        {
                            ["executionSuccessful"] = report.AnalyzerFailures.Count == 0,
                            ["toolExecutionNotifications"] = notifications.Count == 0 ? null : notifications,
                        },
                    },
                    ["originalUriBaseIds"] = new Dictionary<string, object>
                    {
                        ["%SRCROOT%"] = new { uri = new Uri(root).AbsoluteUri },
                    },
                    ["columnKind"] = "utf16CodeUnits",
                    ["results"] = report.Findings.Select(f => Result(f, index)).ToArray(),
                },
            },
        };
        writer.WriteLine(JsonSerializer.Serialize(document, JsonReport.Options));
    }

    private static object Rule(DiagnosticDescriptor rule)
    {
        var properties = new Dictionary<string, object>
        {
            ["category"] = rule.Category,
            ["tags"] = new[] { "AWS", rule.Category },
        };
        if (rule.Category == "Security")
        {
            properties["security-severity"] = rule.DefaultSeverity == DiagnosticSeverity.Error ? "8.0" : "5.0";
        }

        var description = rule.Description.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, object?>
        {
            ["id"] = rule.Id,
            ["name"] = Identifier(rule.Title.ToString(CultureInfo.InvariantCulture)),
            ["shortDescription"] = new { text = rule.Title.ToString(CultureInfo.InvariantCulture) },
            ["fullDescription"] = new { text = string.IsNullOrWhiteSpace(description) ? rule.Title.ToString(CultureInfo.InvariantCulture) : description },
            ["helpUri"] = string.IsNullOrEmpty(rule.HelpLinkUri) ? null : rule.HelpLinkUri,
            ["help"] = new { text = $"{rule.Title} See {rule.HelpLinkUri}" },
            ["defaultConfiguration"] = new { level = Level(rule.DefaultSeverity) },
            ["properties"] = properties,
        };
    }

    private static object Result(Finding finding, Dictionary<string, int> index)
        => new Dictionary<string, object?>
        {
            ["ruleId"] = finding.RuleId,
            ["ruleIndex"] = index.TryGetValue(finding.RuleId, out var i) ? i : null,
            ["level"] = Level(finding.Severity),
            ["message"] = new { text = finding.Message },
            ["locations"] = new[]
            {
                new
                {
                    physicalLocation = new
                    {
                        artifactLocation = new { uri = Uri.EscapeDataString(finding.Path).Replace("%2F", "/", StringComparison.Ordinal), uriBaseId = "%SRCROOT%" },
                        region = new { startLine = finding.Line, startColumn = finding.Column, endLine = finding.EndLine, endColumn = finding.EndColumn },
                    },
                },
            },
            ["partialFingerprints"] = new Dictionary<string, string> { ["awsbpFingerprint/v1"] = finding.Fingerprint },
        };

    private static object Notification(string text, string level) => new { message = new { text }, level };

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    private static string InformationUri(IEnumerable<DiagnosticDescriptor> rules)
    {
        var link = rules.Select(r => r.HelpLinkUri).FirstOrDefault(l => !string.IsNullOrEmpty(l));
        var docs = link?.IndexOf("/docs/", StringComparison.Ordinal) ?? -1;
        return docs > 0 ? link!.Substring(0, docs) : "https://github.com/";
    }

    private static string Identifier(string title)
        => string.Concat(title.Split(new[] { ' ', '-', '/', ',', '.', '(', ')', '\'' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
}
