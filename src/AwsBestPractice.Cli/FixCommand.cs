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
/// <c>awsbp fix</c>: each rule's Fix All at solution scope (the first action its fixer registers, as <c>dotnet format</c> takes
/// it); where that adds a compile error, the rule is applied project by project and rolled back, and reported, only in the
/// projects it breaks. Writes the changed files, or
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
        // One pass per workspace (the MSBuild-loaded projects share one solution, the loose-files projects another): each
        // rule's Fix All at solution scope; if it adds a compile error to a project, the rule is applied project by project
        // instead and rolled back only where it breaks the build.
        foreach (var group in load.Projects.GroupBy(p => p.Project.Solution.Workspace))
        {
            var projects = group.ToList();
            stderr.WriteLine($"awsbp: fixing {string.Join(", ", projects.Select(p => p.Name))}");
            var original = group.Key.CurrentSolution; // every project of the workspace (a project's own snapshot may predate later ones)
            var solution = original;
            var errorsBefore = new Dictionary<ProjectId, int>();
            foreach (var loaded in projects)
            {
                errorsBefore[loaded.Project.Id] = await ErrorCountAsync(loaded.Project, cancellationToken).ConfigureAwait(false);
            }

            foreach (var (id, provider) in providers.Where(p => options.Rules.Includes(p.Id)))
            {
                var diagnostics = new Dictionary<ProjectId, ImmutableArray<Diagnostic>>();
                foreach (var loaded in projects)
                {
                    var found = await DiagnosticsAsync(solution.GetProject(loaded.Project.Id)!, id, options, failures, cancellationToken).ConfigureAwait(false);
                    if (!found.IsEmpty)
                    {
                        diagnostics[loaded.Project.Id] = found;
                    }
                }

                if (diagnostics.Count == 0)
                {
                    continue;
                }

                var entry = summary.TryGetValue(id, out var existing) ? existing : summary[id] = new RuleSummary();
                entry.Before += diagnostics.Values.Sum(d => d.Length);
                var all = diagnostics.Values.SelectMany(d => d).ToImmutableArray();
                var fixedSolution = await FixAllAsync(solution, diagnostics.Keys.First(), provider, id, all, FixAllScope.Solution, cancellationToken).ConfigureAwait(false);
                if (fixedSolution is not null && await BreaksAsync(fixedSolution, diagnostics.Keys, errorsBefore, cancellationToken).ConfigureAwait(false) is null)
                {
                    solution = fixedSolution;
                    continue;
                }

                foreach (var (projectId, found) in diagnostics)
                {
                    var fixedProject = await FixAllAsync(solution, projectId, provider, id, found, FixAllScope.Project, cancellationToken).ConfigureAwait(false);
                    if (fixedProject is null)
                    {
                        continue;
                    }

                    if (await BreaksAsync(fixedProject, new[] { projectId }, errorsBefore, cancellationToken).ConfigureAwait(false) is { } added)
                    {
                        entry.RolledBack += found.Length;
                        rolledBack.Add($"{id} in {solution.GetProject(projectId)!.Name}: rolled back, it added {added} compile error(s)");
                        continue;
                    }

                    solution = fixedProject;
                }
            }

            // What is left of each rule after the fixes.
            foreach (var id in summary.Keys.ToList())
            {
                foreach (var loaded in projects)
                {
                    summary[id].Left += (await DiagnosticsAsync(solution.GetProject(loaded.Project.Id)!, id, options, failures, cancellationToken).ConfigureAwait(false)).Length;
                }
            }

            changedFiles += await WriteAsync(original, solution, load.Root, options.DryRun, stdout, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The solution after <paramref name="provider"/>'s Fix All of <paramref name="id"/> at <paramref name="scope"/>, or null.</summary>
    private static async Task<Solution?> FixAllAsync(Solution solution, ProjectId projectId, CodeFixProvider provider, string id, ImmutableArray<Diagnostic> diagnostics, FixAllScope scope, CancellationToken cancellationToken)
    {
        var fixAll = provider.GetFixAllProvider();
        if (fixAll is null || !fixAll.GetSupportedFixAllScopes().Contains(scope))
        {
            return null;
        }

        // The equivalence key of the first action the fixer registers for the first diagnostic it can fix (dotnet format's choice).
        string? key = null;
        Document? anchor = null;
        foreach (var diagnostic in diagnostics)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree);
            if (document is null || (scope == FixAllScope.Project && document.Project.Id != projectId))
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

        var fixAllContext = new FixAllContext(anchor, provider, scope, key, new[] { id }, new Diagnostics(diagnostics), cancellationToken);
        var fix = await fixAll.GetFixAsync(fixAllContext).ConfigureAwait(false);
        if (fix is null)
        {
            return null;
        }

        foreach (var operation in await fix.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (operation is ApplyChangesOperation apply)
            {
                return apply.ChangedSolution;
            }
        }

        return null;
    }

    /// <summary>How many compile errors the change added to the first of <paramref name="projects"/> it broke, or null.</summary>
    private static async Task<int?> BreaksAsync(Solution solution, IEnumerable<ProjectId> projects, Dictionary<ProjectId, int> errorsBefore, CancellationToken cancellationToken)
    {
        foreach (var projectId in projects)
        {
            var after = await ErrorCountAsync(solution.GetProject(projectId)!, cancellationToken).ConfigureAwait(false);
            if (after > errorsBefore[projectId])
            {
                return after - errorsBefore[projectId];
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
    private static async Task<int> WriteAsync(Solution before, Solution after, string root, bool dryRun, TextWriter stdout, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var documentId in after.GetChanges(before).GetProjectChanges().SelectMany(p => p.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true)))
        {
            var oldDocument = before.GetDocument(documentId);
            var newDocument = after.GetDocument(documentId);
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
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree is { } tree && project.GetDocument(tree) is not null).ToList());
    }
}
