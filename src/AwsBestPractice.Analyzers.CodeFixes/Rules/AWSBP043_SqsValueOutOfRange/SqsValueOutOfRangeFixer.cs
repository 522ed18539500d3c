using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.SqsValueOutOfRange;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.SqsValueOutOfRange;

/// <summary>AWSBP043: "Clamp to the nearest valid value": the literal (or expression of literals) becomes the nearest bound.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqsValueOutOfRangeFixer)), Shared]
public sealed class SqsValueOutOfRangeFixer : CodeFixProvider
{
    private const string Title = "Clamp to the nearest valid value";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(SqsValueOutOfRangeAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && Target(root, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), "AWSBP043_Clamp"),
                    diagnostic);
            }
        }
    }

    private static (ExpressionSyntax Value, ExpressionSyntax Clamped)? Target(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(SqsValueOutOfRangeAnalyzer.ClampedKey, out var clamped) && clamped is not null
           && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
            ? (value, SyntaxFactory.ParseExpression(clamped))
            : null;

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in diagnostics)
        {
            if (Target(editor.OriginalRoot, diagnostic) is { } target)
            {
                editor.ReplaceNode(target.Value, target.Clamped.WithTriviaFrom(target.Value));
            }
        }

        return editor.GetChangedDocument();
    }
}
