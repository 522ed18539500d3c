using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The fix of a rule whose remedy is to drop one property assignment (<see cref="AssignmentRemoval"/>): the assignment is the
/// diagnostic's first additional location. Offered only where the removal leaves the code as it was otherwise; Fix All removes a
/// document's assignments on one editor (an assignment reported by two calls is removed once).
/// </summary>
public abstract class RemoveAssignmentFixer : PlannedFixer<AssignmentExpressionSyntax>
{
    private protected RemoveAssignmentFixer(string diagnosticId, string title, string equivalenceKey)
        : base(diagnosticId, title, equivalenceKey, static (root, _, diagnostic, _) => Plan(root, diagnostic), needsSemanticModel: false)
    {
    }

    private static AssignmentExpressionSyntax? Plan(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.AdditionalLocations.Count > 0
           && diagnostic.AdditionalLocations[0].SourceTree == root.SyntaxTree
           && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is AssignmentExpressionSyntax assignment
           && AssignmentRemoval.CanRemove(assignment)
            ? assignment
            : null;

    private protected sealed override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<AssignmentExpressionSyntax> plans, CancellationToken cancellationToken)
    {
        var removed = new HashSet<AssignmentExpressionSyntax>();
        foreach (var assignment in plans)
        {
            if (removed.Add(assignment))
            {
                AssignmentRemoval.Remove(editor, assignment);
            }
        }

        return Task.FromResult(editor.GetChangedDocument());
    }
}
