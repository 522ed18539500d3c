using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Cli.Analysis;
using AwsBestPractice.Cli.Loading;
using AwsBestPractice.Cli.Output;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli;

internal static class Commands
{
    private static readonly Argument<string> Target = new("target")
    {
        Description = "A solution (.sln, .slnx), a project (.csproj) or a folder.",
    };

    private static readonly Option<bool> Restore = new("--restore") { Description = "Run 'dotnet restore' on the target first." };
    private static readonly Option<bool> RespectConfig = new("--respect-config")
    {
        Description = "Keep the projects' own severities (.editorconfig, rule sets, /nowarn) instead of running every rule.",
    };

    private static readonly Option<string[]> Rules = new("--rules")
    {
        Description = "Only these rule IDs (comma or space separated).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Per-project timings and notes on stderr." };

    public static Command Scan()
    {
        var format = new Option<string>("--format", "-f") { Description = "table, json or sarif.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "sarif");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of stdout." };
        var severity = new Option<string>("--severity")
        {
            Description = "Lowest severity reported and counted for the exit code: info, warning or error.",
            DefaultValueFactory = _ => "info",
        };
        severity.AcceptOnlyFromAmong("info", "warning", "error");
        var baseline = new Option<string?>("--baseline")
        {
            Description = "A baseline file: written with today's findings when it does not exist; otherwise only findings not in it are reported.",
        };
        var updateBaseline = new Option<bool>("--update-baseline") { Description = "Rewrite the baseline file with today's findings." };

        var command = new Command("scan", "Run every AWSBP rule on a solution, project or folder and report the findings.")
        {
            Target, Restore, RespectConfig, Rules, Verbose, format, output, severity, baseline, updateBaseline,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new ScanOptions(
                parse.GetValue(Target)!,
                parse.GetValue(Restore),
                parse.GetValue(RespectConfig),
                RuleSet.Parse(parse.GetValue(Rules)),
                parse.GetValue(Verbose),
                parse.GetValue(format)!,
                parse.GetValue(output),
                Severities.Parse(parse.GetValue(severity)!),
                parse.GetValue(baseline),
                parse.GetValue(updateBaseline));
            return await ScanCommand.RunAsync(options, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    public static Command Fix()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Print a unified diff instead of writing the files." };
        var command = new Command("fix", "Apply every AWSBP code fix (Fix All, solution scope) and write the files that still compile.")
        {
            Target, Restore, RespectConfig, Rules, Verbose, dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new FixOptions(
                parse.GetValue(Target)!,
                parse.GetValue(Restore),
                parse.GetValue(RespectConfig),
                RuleSet.Parse(parse.GetValue(Rules)),
                parse.GetValue(Verbose),
                parse.GetValue(dryRun));
            return await FixCommand.RunAsync(options, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}

internal sealed record ScanOptions(
    string Target,
    bool Restore,
    bool RespectConfig,
    RuleSet Rules,
    bool Verbose,
    string Format,
    string? Output,
    DiagnosticSeverity Threshold,
    string? Baseline,
    bool UpdateBaseline);

internal sealed record FixOptions(string Target, bool Restore, bool RespectConfig, RuleSet Rules, bool Verbose, bool DryRun);

internal static class Severities
{
    public static DiagnosticSeverity Parse(string value) => value switch
    {
        "error" => DiagnosticSeverity.Error,
        "warning" => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    public static string Name(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}

/// <summary>The rules a command runs: all of the package's, or those named with <c>--rules</c>.</summary>
internal sealed class RuleSet
{
    private readonly HashSet<string>? _ids;

    private RuleSet(HashSet<string>? ids) => _ids = ids;

    public static RuleSet All { get; } = new(null);

    public static RuleSet Parse(string[]? values)
    {
        if (values is null || values.Length == 0)
        {
            return All;
        }

        var ids = new HashSet<string>(
            values.SelectMany(v => v.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)).Select(v => v.Trim().ToUpperInvariant()),
            StringComparer.Ordinal);
        return new RuleSet(ids);
    }

    public bool Includes(string id) => _ids is null || _ids.Contains(id);

    public IEnumerable<string> Unknown(IEnumerable<string> known)
        => _ids is null ? Enumerable.Empty<string>() : _ids.Except(known, StringComparer.Ordinal).OrderBy(i => i, StringComparer.Ordinal);
}
