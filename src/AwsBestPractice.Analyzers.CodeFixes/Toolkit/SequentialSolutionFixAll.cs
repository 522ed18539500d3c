using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// <see cref="SequentialFixAll"/> for fixes that may edit another document than the diagnostic's (AWSBP070 registers a client in
/// <c>Program.cs</c> while it injects it into a controller): every target of the scope (document, project, solution) is
/// annotated, then fixed one at a time against the solution the previous fixes produced, with fresh semantic models. The fix is
/// chosen by the Fix All's equivalence key, so each kind of action can be applied in bulk.
/// </summary>
internal sealed class SequentialSolutionFixAll : FixAllProvider
{
    private readonly Func<SyntaxNode, Diagnostic, SyntaxNode?> _findTarget;
    private readonly Func<Document, SemanticModel, SyntaxNode, Diagnostic, string?, CancellationToken, Task<Solution?>> _fix;

    /// <param name="findTarget">The node a diagnostic's fix starts from, in the original root; null when there is none.</param>
    /// <param name="fix">
    /// The fixed solution for one target (an annotated node of the document's current root), its diagnostic and the equivalence
    /// key of the Fix All; null when that fix is not offered there (any more).
    /// </param>
    public SequentialSolutionFixAll(
        Func<SyntaxNode, Diagnostic, SyntaxNode?> findTarget,
        Func<Document, SemanticModel, SyntaxNode, Diagnostic, string?, CancellationToken, Task<Solution?>> fix)
    {
        _findTarget = findTarget;
        _fix = fix;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        IEnumerable<Document> documents = fixAllContext.Scope switch
        {
            FixAllScope.Document => fixAllContext.Document is { } document ? new[] { document } : Array.Empty<Document>(),
            FixAllScope.Project => fixAllContext.Project.Documents,
            _ => fixAllContext.Solution.Projects.SelectMany(p => p.Documents),
        };

        var diagnostics = new List<(DocumentId Document, Diagnostic Diagnostic)>();
        foreach (var document in documents)
        {
            foreach (var diagnostic in await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
            {
                diagnostics.Add((document.Id, diagnostic));
            }
        }

        if (diagnostics.Count == 0)
        {
            return null;
        }

        var key = fixAllContext.CodeActionEquivalenceKey;
        var solution = fixAllContext.Solution;
        return CodeAction.Create(
            "Fix all " + string.Join(", ", fixAllContext.DiagnosticIds),
            cancellationToken => FixAsync(solution, diagnostics, key, cancellationToken),
            key);
    }

    private async Task<Solution> FixAsync(Solution solution, List<(DocumentId Document, Diagnostic Diagnostic)> diagnostics, string? key, CancellationToken cancellationToken)
    {
        var order = new List<DocumentId>();
        foreach (var group in diagnostics.Select((entry, index) => (entry.Document, entry.Diagnostic, Index: index)).GroupBy(entry => entry.Document))
        {
            var document = solution.GetDocument(group.Key);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                continue;
            }

            var targets = new Dictionary<SyntaxNode, int>();
            foreach (var (_, diagnostic, index) in group)
            {
                if (_findTarget(root, diagnostic) is { } target && !targets.ContainsKey(target))
                {
                    targets.Add(target, index);
                }
            }

            if (targets.Count == 0)
            {
                continue;
            }

            root = root.ReplaceNodes(
                targets.Keys,
                (original, current) => current.WithAdditionalAnnotations(new SyntaxAnnotation(SequentialFixAll.TargetAnnotationKind, targets[original].ToString(CultureInfo.InvariantCulture))));
            solution = solution.WithDocumentSyntaxRoot(group.Key, root);
            order.Add(group.Key);
        }

        foreach (var documentId in order)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var document = solution.GetDocument(documentId);
                var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var next = root?.GetAnnotatedNodes(SequentialFixAll.TargetAnnotationKind).FirstOrDefault();
                if (document is null || next is null)
                {
                    break;
                }

                var annotation = next.GetAnnotations(SequentialFixAll.TargetAnnotationKind).First();
                var diagnostic = diagnostics[int.Parse(annotation.Data!, CultureInfo.InvariantCulture)].Diagnostic;
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var fixedSolution = (model is null ? null : await _fix(document, model, next, diagnostic, key, cancellationToken).ConfigureAwait(false)) ?? solution;

                // Whatever the fix did with the target, it is done: never visit it again.
                if (fixedSolution.GetDocument(documentId) is { } fixedDocument
                    && await fixedDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } fixedRoot)
                {
                    var left = fixedRoot.GetAnnotatedNodes(annotation).ToList();
                    if (left.Count > 0)
                    {
                        fixedSolution = fixedSolution.WithDocumentSyntaxRoot(documentId, fixedRoot.ReplaceNodes(left, (_, current) => current.WithoutAnnotations(annotation)));
                    }
                }

                solution = fixedSolution;
            }
        }

        return solution;
    }
}
