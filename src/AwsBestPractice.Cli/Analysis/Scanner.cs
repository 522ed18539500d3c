using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Cli.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Cli.Analysis;

internal sealed class ScanResult
{
    public List<Finding> Findings { get; } = new();

    public List<ProjectReport> Projects { get; } = new();

    /// <summary>Analyzer exceptions (AD0001): a bug of ours, reported on stderr and in the JSON/SARIF output.</summary>
    public List<string> AnalyzerFailures { get; } = new();
}

/// <summary>Runs the package's analyzer on each loaded project and turns its diagnostics into <see cref="Finding"/>s.</summary>
internal static class Scanner
{
    public static async Task<ScanResult> ScanAsync(LoadResult load, RuleSet rules, bool respectConfig, TextWriter log, bool verbose, CancellationToken cancellationToken)
    {
        var result = new ScanResult();
        var seen = new HashSet<(string, string, int, int)>();
        for (var i = 0; i < load.Projects.Count; i++)
        {
            var project = load.Projects[i];
            log.WriteLine($"awsbp: analysing {project.Name} ({i + 1}/{load.Projects.Count}, {Describe(project.Mode)})");
            var stopwatch = Stopwatch.StartNew();
            var diagnostics = await AnalyzeAsync(project.Project, rules, respectConfig, result.AnalyzerFailures, cancellationToken).ConfigureAwait(false);
            var compilation = await project.Project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var filesWithErrors = project.Mode == LoadMode.LooseFiles && compilation is not null
                ? CompileErrors(compilation, load.Root, cancellationToken)
                : new List<FileErrors>();
            var findings = new List<Finding>();
            foreach (var diagnostic in diagnostics)
            {
                if (ToFinding(diagnostic, load.Root, project.Name, rules) is { } finding && seen.Add((finding.RuleId, finding.Path, finding.Line, finding.Column)))
                {
                    findings.Add(finding);
                }
            }

            result.Findings.AddRange(Fingerprints.Assign(findings, project.Project, load.Root));
            stopwatch.Stop();
            var documents = project.Project.Documents.Count(d => !LooseFiles.IsGenerated(d.FilePath));
            result.Projects.Add(new ProjectReport(project.Name, project.ProjectFile is null ? null : Paths.Relative(load.Root, project.ProjectFile),
                Describe(project.Mode), documents, stopwatch.Elapsed.TotalSeconds, filesWithErrors, project.Notes));
            if (verbose)
            {
                log.WriteLine($"awsbp:   {project.Name}: {documents} files, {findings.Count} findings, {stopwatch.Elapsed.TotalSeconds:0.00} s");
            }
        }

        result.Findings.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path) is var byPath && byPath != 0 ? byPath
            : a.Line != b.Line ? a.Line.CompareTo(b.Line)
            : a.Column != b.Column ? a.Column.CompareTo(b.Column)
            : string.CompareOrdinal(a.RuleId, b.RuleId));
        return result;
    }

    public static string Describe(LoadMode mode) => mode == LoadMode.Build ? "build" : "loose files";

    /// <summary>The package's diagnostics for <paramref name="project"/>, with every rule on unless the project's own configuration is respected.</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, RuleSet rules, bool respectConfig, List<string> failures, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        if (compilation is null)
        {
            return ImmutableArray<Diagnostic>.Empty;
        }

        compilation = compilation.WithOptions(Configure(compilation.Options, rules, respectConfig));
        var options = respectConfig
            ? project.AnalyzerOptions
            : new AnalyzerOptions(project.AnalyzerOptions.AdditionalFiles, new SeverityFreeOptions(project.AnalyzerOptions.AnalyzerConfigOptionsProvider));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(RuleMetadata.Analyzer),
            new CompilationWithAnalyzersOptions(
                options,
                onAnalyzerException: (exception, _, diagnostic) =>
                {
                    lock (failures)
                    {
                        failures.Add($"{project.Name}: {exception.GetType().Name}: {exception.Message} ({diagnostic.Location.GetLineSpan()})");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));
        return await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every AWSBP rule at its default severity (hidden ones as info) whatever <c>/nowarn</c>, rule sets, <c>.editorconfig</c>
    /// severities and <c>/warnaserror</c> say; rules not asked for are off.
    /// </summary>
    internal static CompilationOptions Configure(CompilationOptions options, RuleSet rules, bool respectConfig)
    {
        var specific = options.SpecificDiagnosticOptions;
        if (!respectConfig)
        {
            specific = specific.RemoveRange(specific.Keys.Where(k => k.StartsWith("AWSBP", StringComparison.Ordinal)));
            options = options.WithSyntaxTreeOptionsProvider(null).WithGeneralDiagnosticOption(ReportDiagnostic.Default);
        }

        foreach (var rule in RuleMetadata.Rules)
        {
            if (!rules.Includes(rule.Id))
            {
                specific = specific.SetItem(rule.Id, ReportDiagnostic.Suppress);
            }
            else if (!respectConfig)
            {
                specific = specific.SetItem(rule.Id, rule.DefaultSeverity switch
                {
                    DiagnosticSeverity.Error => ReportDiagnostic.Error,
                    DiagnosticSeverity.Warning => ReportDiagnostic.Warn,
                    _ => ReportDiagnostic.Info,
                });
            }
        }

        return options.WithSpecificDiagnosticOptions(specific);
    }

    private static Finding? ToFinding(Diagnostic diagnostic, string root, string project, RuleSet rules)
    {
        if (!diagnostic.Id.StartsWith("AWSBP", StringComparison.Ordinal) || !rules.Includes(diagnostic.Id)
            || diagnostic.Severity == DiagnosticSeverity.Hidden || !diagnostic.Location.IsInSource)
        {
            return null;
        }

        var span = diagnostic.Location.GetLineSpan();
        if (string.IsNullOrEmpty(span.Path) || LooseFiles.IsGenerated(span.Path))
        {
            return null;
        }

        return new Finding(diagnostic.Id, diagnostic.Severity, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            Paths.Relative(root, span.Path), span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1, project, Fingerprint: string.Empty);
    }

    private static List<FileErrors> CompileErrors(Compilation compilation, string root, CancellationToken cancellationToken)
        => compilation.GetDiagnostics(cancellationToken)
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource && !LooseFiles.IsGenerated(d.Location.SourceTree?.FilePath))
            .GroupBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .Select(g => new FileErrors(Paths.Relative(root, g.Key), g.Count(), g.OrderBy(d => d.Location.SourceSpan.Start).First().ToString()))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>Hides the severity entries of .editorconfig/global configs from the analyzer (its own options stay).</summary>
    private sealed class SeverityFreeOptions : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _inner;

        public SeverityFreeOptions(AnalyzerConfigOptionsProvider inner) => _inner = inner;

        public override AnalyzerConfigOptions GlobalOptions => new Filtered(_inner.GlobalOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Filtered(_inner.GetOptions(tree));

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Filtered(_inner.GetOptions(textFile));

        private sealed class Filtered : AnalyzerConfigOptions
        {
            private readonly AnalyzerConfigOptions _inner;

            public Filtered(AnalyzerConfigOptions inner) => _inner = inner;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                if (IsSeverity(key))
                {
                    value = null;
                    return false;
                }

                return _inner.TryGetValue(key, out value);
            }

            public override IEnumerable<string> Keys => _inner.Keys.Where(k => !IsSeverity(k));

            private static bool IsSeverity(string key)
                => key.EndsWith(".severity", StringComparison.OrdinalIgnoreCase)
                   && (key.StartsWith("dotnet_diagnostic.", StringComparison.OrdinalIgnoreCase) || key.StartsWith("dotnet_analyzer_diagnostic.", StringComparison.OrdinalIgnoreCase));
        }
    }
}

/// <summary>
/// A finding's fingerprint: its rule, file and the code it points at (the flagged lines with whitespace collapsed), and its
/// rank among identical ones in the file, never its line number, so edits above a finding keep a baseline valid.
/// </summary>
internal static class Fingerprints
{
    public static IEnumerable<Finding> Assign(List<Finding> findings, Project project, string root)
    {
        var texts = new Dictionary<string, SourceText?>(StringComparer.Ordinal);
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column))
        {
            if (!texts.TryGetValue(finding.Path, out var text))
            {
                var document = project.Documents.FirstOrDefault(d => d.FilePath is not null && Paths.Relative(root, d.FilePath) == finding.Path);
                text = document is not null && document.TryGetText(out var loaded) ? loaded : document?.GetTextAsync().GetAwaiter().GetResult();
                texts[finding.Path] = text;
            }

            var code = text is null ? string.Empty : Code(text, finding);
            var key = $"{finding.RuleId}|{finding.Path}|{code}";
            ranks[key] = ranks.TryGetValue(key, out var rank) ? rank + 1 : 0;
            yield return finding with { Fingerprint = Hash($"{key}|{ranks[key]}") };
        }
    }

    private static string Code(SourceText text, Finding finding)
    {
        var builder = new StringBuilder();
        for (var line = finding.Line - 1; line <= Math.Min(finding.EndLine - 1, text.Lines.Count - 1); line++)
        {
            builder.Append(' ').Append(text.Lines[line].ToString());
        }

        return string.Join(" ", builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Hash(string value)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value))).Substring(0, 32).ToLowerInvariant();
}
