using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli.Analysis;

/// <summary>One diagnostic of an AWSBP rule, located by a path relative to the scanned root (forward slashes, 1-based lines).</summary>
internal sealed record Finding(
    string RuleId,
    DiagnosticSeverity Severity,
    string Message,
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string Project,
    string Fingerprint);

/// <summary>A file that compiled with errors (loose-files mode): the analyzers ran on it all the same.</summary>
internal sealed record FileErrors(string Path, int Errors, string FirstError);

/// <summary>What was analysed in one project, and how.</summary>
internal sealed record ProjectReport(
    string Name,
    string? ProjectFile,
    string Mode,
    int Documents,
    double Seconds,
    System.Collections.Generic.IReadOnlyList<FileErrors> FilesWithErrors,
    System.Collections.Generic.IReadOnlyList<string> Notes);
