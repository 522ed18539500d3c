using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Cli.Analysis;
using AwsBestPractice.Cli.Loading;
using AwsBestPractice.Cli.Output;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Cli;

/// <summary>
/// <c>awsbp fix</c>: each rule's Fix All (the first action its fixer registers, as <c>dotnet format</c> takes it) over each
/// project; a rule's fix that adds a compile error to the project is rolled back and reported. Writes the changed files, or
/// prints a unified diff with <c>--dry-run</c>. Exit code 1 when a fix was rolled back.
/// </summary>
internal static class FixCommand
{
    public static async Task<int> RunAsync(FixOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var unknown = options.Rules.Unknown(RuleMetadata.Ids).ToList();
        if (unknown.Count > 0)
        {
            stderr.WriteLine($"awsbp: unknown rule(s): {string.Join(", ", unknown)}");
            return Program.NothingLoaded;
        }

        using var loader = new ProjectLoader(stderr);
        var load = await loader.LoadAsync(options.Target, options.Restore, cancellationToken).ConfigureAwait(false);
        if (load is null || load.Projects.Count == 0)
        {
            stderr.WriteLine($"awsbp: nothing to fix in {options.Target}");
            return Program.NothingLoaded;
        }

        var providers = Providers();
        var summary = new SortedDictionary<string, RuleSummary>(StringComparer.Ordinal);
        var rolledBack = new List<string>();
        var failures = new List<string>();
        var changedFiles = 0;
        foreach (var loaded in load.Projects)
        {
            stderr.WriteLine($"awsbp: fixing {loaded.Name} ({Scanner.Describe(loaded.Mode)})");
            var original = loaded.Project;
            var project = original;
            var errorsBefore = await ErrorCountAsync(project, cancellationToken).ConfigureAwait(false);
            foreach (var (id, provider) in providers.Where(p => options.Rules.Includes(p.Id)))
            {
                var diagnostics = await DiagnosticsAsync(project, id, options, failures, cancellationToken).ConfigureAwait(false);
                if (diagnostics.IsEmpty)
                {
                    continue;
                }

                var entry = summary.TryGetValue(id, out var existing) ? existing : summary[id] = new RuleSummary();
                entry.Before += diagnostics.Length;
                var fixedProject = await FixAllAsync(project, provider, id, diagnostics, cancellationToken).ConfigureAwait(false);
                if (fixedProject is null)
                {
                    continue;
                }

                var errorsAfter = await ErrorCountAsync(fixedProject, cancellationToken).ConfigureAwait(false);
                if (errorsAfter > errorsBefore)
                {
                    entry.RolledBack += diagnostics.Length;
                    rolledBack.Add($"{id} in {loaded.Name}: rolled back, it added {errorsAfter - errorsBefore} compile error(s)");
                    continue;
                }

                project = fixedProject;
            }

            // What is left of each rule after the project's fixes.
            foreach (var id in summary.Keys.ToList())
            {
                var left = await DiagnosticsAsync(project, id, options, failures, cancellationToken).ConfigureAwait(false);
                summary[id].Left += left.Length;
            }

            changedFiles += await WriteAsync(original, project, load.Root, options.DryRun, stdout, cancellationToken).ConfigureAwait(false);
        }

        var output = options.DryRun ? stderr : stdout;
        output.WriteLine();
        output.WriteLine($"{"RULE",-9} {"FOUND",5} {"FIXED",5} {"LEFT",5}  TITLE");
        foreach (var (id, entry) in summary)
        {
            output.WriteLine($"{id,-9} {entry.Before,5} {Math.Max(0, entry.Before - entry.Left),5} {entry.Left,5}  {RuleMetadata.Find(id)?.Title}");
        }

        output.WriteLine(options.DryRun
            ? $"{changedFiles} file(s) would change (dry run: nothing written)."
            : $"{changedFiles} file(s) written.");
        foreach (var message in rolledBack.Concat(failures))
        {
            output.WriteLine($"awsbp: {message}");
        }

        return rolledBack.Count > 0 ? Program.Findings : Program.Clean;
    }

    /// <summary>The package's fixers, one per fixable rule ID, in ID order.</summary>
    private static List<(string Id, CodeFixProvider Provider)> Providers()
    {
        var assembly = Assembly.Load(new AssemblyName("AwsBestPractice.Analyzers.CodeFixes"));
        var providers = new List<(string, CodeFixProvider)>();
        foreach (var type in assembly.GetTypes().Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null))
        {
            var provider = (CodeFixProvider)Activator.CreateInstance(type)!;
            foreach (var id in provider.FixableDiagnosticIds.Where(i => i.StartsWith("AWSBP", StringComparison.Ordinal)))
            {
                providers.Add((id, provider));
            }
        }

        return providers.OrderBy(p => p.Item1, StringComparer.Ordinal).ToList();
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, string id, FixOptions options, List<string> failures, CancellationToken cancellationToken)
    {
        var all = await Scanner.AnalyzeAsync(project, options.Rules, options.RespectConfig, failures, cancellationToken).ConfigureAwait(false);
        return all.Where(d => d.Id == id && d.Severity != DiagnosticSeverity.Hidden && d.Location.IsInSource && !LooseFiles.IsGenerated(d.Location.SourceTree?.FilePath)).ToImmutableArray();
    }

    private static async Task<Project?> FixAllAsync(Project project, CodeFixProvider provider, string id, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fixAll = provider.GetFixAllProvider();
        if (fixAll is null)
        {
            return null;
        }

        // The equivalence key of the first action the fixer registers for the first diagnostic it can fix.
        string? key = null;
        Document? anchor = null;
        foreach (var diagnostic in diagnostics)
        {
            var document = project.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                continue;
            }

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            if (actions.Count > 0)
            {
                key = actions[0].EquivalenceKey;
                anchor = document;
                break;
            }
        }

        if (anchor is null)
        {
            return null;
        }

        var fixAllContext = new FixAllContext(anchor, provider, FixAllScope.Project, key, new[] { id }, new Diagnostics(diagnostics), cancellationToken);
        var fix = await fixAll.GetFixAsync(fixAllContext).ConfigureAwait(false);
        if (fix is null)
        {
            return null;
        }

        foreach (var operation in await fix.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (operation is ApplyChangesOperation apply)
            {
                return apply.ChangedSolution.GetProject(project.Id);
            }
        }

        return null;
    }

    private static async Task<int> ErrorCountAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
        return compilation?.GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error) ?? 0;
    }

    /// <summary>Writes (or diffs) every document of <paramref name="after"/> whose text changed; returns how many.</summary>
    private static async Task<int> WriteAsync(Project before, Project after, string root, bool dryRun, TextWriter stdout, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var documentId in after.Solution.GetChanges(before.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true)))
        {
            var oldDocument = before.Solution.GetDocument(documentId);
            var newDocument = after.Solution.GetDocument(documentId);
            if (oldDocument?.FilePath is not { } path || newDocument is null || LooseFiles.IsGenerated(path))
            {
                continue;
            }

            var oldText = await oldDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var newText = await newDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (oldText.ContentEquals(newText))
            {
                continue;
            }

            changed++;
            if (dryRun)
            {
                stdout.Write(UnifiedDiff.Create(Paths.Relative(root, path), oldText.ToString(), newText.ToString()));
            }
            else
            {
                var encoding = oldText.Encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                await File.WriteAllTextAsync(path, newText.ToString(), encoding, cancellationToken).ConfigureAwait(false);
            }
        }

        return changed;
    }

    private sealed class RuleSummary
    {
        public int Before { get; set; }

        public int Left { get; set; }

        public int RolledBack { get; set; }
    }

    /// <summary>Hands Fix All the diagnostics already computed for the project.</summary>
    private sealed class Diagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Diagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree is { } tree && document.FilePath == tree.FilePath).ToList());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
