using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// A <see cref="PlannedFixer{TPlan}"/> whose plan is a set of nodes to replace: a document's plans are applied together, and a
/// plan that would replace a node another plan already replaced is left for the next Fix All pass. With
/// <c>addImports</c>, the <c>using</c> directives that annotated replacements need are added (<see cref="Imports"/>).
/// </summary>
public abstract class ReplacementFixer : PlannedFixer<IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>>
{
    private readonly bool _addImports;

    private protected ReplacementFixer(string diagnosticId, string title, string equivalenceKey, Func<SyntaxNode, Diagnostic, IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>?> tryPlan, bool addImports)
        : base(diagnosticId, title, equivalenceKey, (root, _, diagnostic, _) => tryPlan(root, diagnostic), needsSemanticModel: false)
        => _addImports = addImports;

    private protected sealed override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>> plans, CancellationToken cancellationToken)
    {
        var edited = new HashSet<SyntaxNode>();
        foreach (var edits in plans)
        {
            var overlaps = false;
            foreach (var (node, _) in edits)
            {
                overlaps |= edited.Contains(node);
            }

            if (overlaps)
            {
                continue;
            }

            foreach (var (node, replacement) in edits)
            {
                edited.Add(node);
                editor.ReplaceNode(node, replacement);
            }
        }

        var document = editor.GetChangedDocument();
        return _addImports ? Imports.AddAndSimplifyAsync(document, cancellationToken) : Task.FromResult(document);
    }
}
