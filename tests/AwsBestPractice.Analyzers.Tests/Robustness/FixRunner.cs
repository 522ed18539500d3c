using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>Applies code fixes the way the IDE and <c>dotnet format</c> do, on an <see cref="AdhocWorkspace"/> solution.</summary>
public static class FixRunner
{
    public static Project CreateProject(IEnumerable<(string Path, string Text)> documents, AwsSdk sdk = AwsSdk.V4)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var docs = documents.ToArray();
        var hasTopLevel = docs.Any(d => AnalyzerRunner.HasTopLevelStatements(CSharpSyntaxTree.ParseText(d.Text, AnalyzerRunner.ParseOptions)));
        var info = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "FixSafety",
            "FixSafety",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(hasTopLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: AnalyzerRunner.ParseOptions,
            metadataReferences: ReferenceSets.For(sdk, includeLambda: sdk != AwsSdk.None));
        var solution = workspace.CurrentSolution.AddProject(info);
        foreach (var (path, text) in docs.Append(("ImplicitUsings.g.cs", AnalyzerRunner.ImplicitUsings)))
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), path, text, filePath: "/fix/" + path);
        }

        return solution.GetProject(projectId)!;
    }

    public static async Task<ImmutableArray<Diagnostic>> GetAnalyzerDiagnosticsAsync(Project project, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken))!;
        var run = AnalyzerRunner.Run(compilation, cancellationToken: cancellationToken);
        if (run.Exceptions.Count > 0)
        {
            throw new InvalidOperationException("Analyzer exception: " + run.Exceptions[0]);
        }

        return run.Diagnostics;
    }

    public static async Task<ImmutableArray<Diagnostic>> GetErrorsAsync(Project project, CancellationToken cancellationToken = default)
        => (await project.GetCompilationAsync(cancellationToken))!.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();

    public static async Task<ImmutableArray<CodeAction>> GetFixesAsync(Project project, CodeFixProvider fixer, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        var document = project.GetDocument(diagnostic.Location.SourceTree);
        if (document is null)
        {
            return ImmutableArray<CodeAction>.Empty;
        }

        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context);
        return actions.ToImmutable();
    }

    public static async Task<Solution> ApplyAsync(CodeAction action, Solution original, CancellationToken cancellationToken = default)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
        return apply?.ChangedSolution ?? original;
    }

    public static async Task<CodeAction?> GetFixAllAsync(Project project, CodeFixProvider fixer, FixAllScope scope, string? equivalenceKey, Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        var provider = fixer.GetFixAllProvider();
        if (provider is null || !provider.GetSupportedFixAllScopes().Contains(scope))
        {
            return null;
        }

        var ids = diagnostics.Select(d => d.Id).Where(fixer.FixableDiagnosticIds.Contains).Distinct().ToImmutableArray();
        var context = new FixAllContext(document, fixer, scope, equivalenceKey, ids, new FixedDiagnosticProvider(diagnostics), cancellationToken);
        return await provider.GetFixAsync(context);
    }

    private sealed class FixedDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnosticProvider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return _diagnostics.Where(d => d.Location.SourceTree?.FilePath == tree?.FilePath);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => !d.Location.IsInSource));
    }

    public static IReadOnlyList<CodeFixProvider> FixersFor(string id) => AnalyzerCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id)).ToArray();
}
