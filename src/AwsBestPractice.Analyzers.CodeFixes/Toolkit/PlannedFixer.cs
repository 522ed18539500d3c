using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The shape of a fixer whose fix is planned from the diagnostic before anything is edited: the fix is offered only where
/// the rule's planner finds a plan (validated before registering), and a document's fixes — one diagnostic or Fix All in
/// document, project or solution scope (<see cref="DocumentFixAll"/>) — are planned against the original tree and applied
/// together on one <see cref="DocumentEditor"/>, so neighbouring edits compose. A rule's fixer is its title, its plan and how a
/// plan edits the document.
/// </summary>
/// <typeparam name="TPlan">What one diagnostic's fix replaces, and with what.</typeparam>
public abstract class PlannedFixer<TPlan> : CodeFixProvider
    where TPlan : class
{
    private readonly string _title;
    private readonly string _equivalenceKey;
    private readonly Func<SyntaxNode, SemanticModel?, Diagnostic, CancellationToken, TPlan?> _tryPlan;
    private readonly bool _needsSemanticModel;

    /// <param name="tryPlan">
    /// The fix of one diagnostic, read from the original tree; null where the fix is not offered (the code changed shape, or the
    /// analyzer marked the diagnostic as not fixable). Its semantic model is null unless <paramref name="needsSemanticModel"/>.
    /// </param>
    private protected PlannedFixer(string diagnosticId, string title, string equivalenceKey, Func<SyntaxNode, SemanticModel?, Diagnostic, CancellationToken, TPlan?> tryPlan, bool needsSemanticModel)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
        _equivalenceKey = equivalenceKey;
        _tryPlan = tryPlan;
        _needsSemanticModel = needsSemanticModel;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = _needsSemanticModel ? await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) : null;
        if (root is null || (_needsSemanticModel && model is null))
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (_tryPlan(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(_title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), _equivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>Makes the plans' edits on <paramref name="editor"/> (plans of one document, in diagnostic order) and returns the fixed document.</summary>
    private protected abstract Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<TPlan> plans, CancellationToken cancellationToken);

    private async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = _needsSemanticModel ? editor.SemanticModel : null;
        var plans = ImmutableArray.CreateBuilder<TPlan>(diagnostics.Length);
        foreach (var diagnostic in diagnostics)
        {
            if (_tryPlan(editor.OriginalRoot, model, diagnostic, cancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return plans.Count == 0 ? document : await ApplyAsync(editor, plans.ToImmutable(), cancellationToken).ConfigureAwait(false);
    }
}
