using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Cli.Analysis;
using AwsBestPractice.Cli.Loading;
using AwsBestPractice.Cli.Output;

namespace AwsBestPractice.Cli;

internal static class ScanCommand
{
    public static async Task<int> RunAsync(ScanOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var unknown = options.Rules.Unknown(RuleMetadata.Ids).ToList();
        if (unknown.Count > 0)
        {
            stderr.WriteLine($"awsbp: unknown rule(s): {string.Join(", ", unknown)} (known: {string.Join(", ", RuleMetadata.Ids)})");
            return Program.NothingLoaded;
        }

        using var loader = new ProjectLoader(stderr);
        var load = await loader.LoadAsync(options.Target, options.Restore, cancellationToken).ConfigureAwait(false);
        if (load is null || load.Projects.Count == 0 || load.Projects.All(p => !p.Project.Documents.Any(d => !LooseFiles.IsGenerated(d.FilePath))))
        {
            foreach (var message in load?.Messages ?? new())
            {
                stderr.WriteLine($"awsbp: {message}");
            }

            stderr.WriteLine($"awsbp: nothing to analyse in {options.Target}");
            return Program.NothingLoaded;
        }

        var scan = await Scanner.ScanAsync(load, options.Rules, options.RespectConfig, stderr, options.Verbose, cancellationToken).ConfigureAwait(false);
        var findings = scan.Findings;
        var suppressed = 0;
        if (options.Baseline is { } baselinePath)
        {
            if (options.UpdateBaseline || !File.Exists(baselinePath))
            {
                Baseline.Write(baselinePath, findings);
                stderr.WriteLine($"awsbp: baseline {baselinePath} written with {findings.Count} finding(s); later scans report only new ones");
                suppressed = findings.Count;
                findings = new();
            }
            else
            {
                var filtered = Baseline.Filter(baselinePath, findings, out var error);
                if (filtered is null)
                {
                    stderr.WriteLine($"awsbp: {error}");
                    return Program.NothingLoaded;
                }

                (findings, suppressed) = filtered.Value;
            }
        }

        findings = findings.Where(f => f.Severity >= options.Threshold).ToList();
        var report = new ScanReport(options.Target, load.Root, findings, scan.Projects, load.Messages, scan.AnalyzerFailures, suppressed, options.Threshold);
        foreach (var failure in scan.AnalyzerFailures)
        {
            stderr.WriteLine($"awsbp: analyzer failure (please report it): {failure}");
        }

        TextWriter writer = stdout;
        StreamWriter? file = null;
        if (options.Output is { } output)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(output));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            file = new StreamWriter(output);
            writer = file;
        }

        try
        {
            switch (options.Format)
            {
                case "json":
                    JsonReport.Write(writer, report);
                    break;
                case "sarif":
                    SarifReport.Write(writer, report);
                    break;
                default:
                    TableReport.Write(writer, report);
                    break;
            }
        }
        finally
        {
            file?.Dispose();
        }

        return findings.Count > 0 ? Program.Findings : Program.Clean;
    }
}
