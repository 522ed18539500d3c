using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.DoNotUsePlainHttp;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotUsePlainHttp;

/// <summary>
/// AWSBP004: "Use HTTPS": removes <c>UseHttp = true</c> (or sets it to <c>false</c> where the assignment cannot go, such as the
/// body of an <c>if</c> without braces), turns the <c>http://</c> of a literal <c>ServiceURL</c> into <c>https://</c>, and
/// <c>Protocol.HTTP</c> into <c>Protocol.HTTPS</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotUsePlainHttpFixer)), Shared]
public sealed class DoNotUsePlainHttpFixer : PlannedFixer<DoNotUsePlainHttpFixer.Plan>
{
    public DoNotUsePlainHttpFixer()
        : base(DoNotUsePlainHttpAnalyzer.Rule.Id, "Use HTTPS", "AWSBP004_UseHttps", static (root, _, diagnostic, _) => TryPlan(root, diagnostic), needsSemanticModel: false)
    {
    }

    public sealed class Plan
    {
        public Plan(string kind, SyntaxNode node)
        {
            Kind = kind;
            Node = node;
        }

        public string Kind { get; }

        public SyntaxNode Node { get; }
    }

    private static Plan? TryPlan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DoNotUsePlainHttpAnalyzer.FixKey, out var kind) || kind is null || diagnostic.Location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var valid = kind switch
        {
            DoNotUsePlainHttpAnalyzer.RemoveUseHttp => node is AssignmentExpressionSyntax,
            DoNotUsePlainHttpAnalyzer.HttpsScheme => node is LiteralExpressionSyntax { Token.ValueText: var text } && StartsWithHttp(text)
                                                     || node is InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated
                                                        && interpolated.Contents[0] is InterpolatedStringTextSyntax { TextToken.ValueText: var first } && StartsWithHttp(first),
            DoNotUsePlainHttpAnalyzer.HttpsProtocol => ProtocolName(node) is not null,
            _ => false,
        };
        return valid ? new Plan(kind, node) : null;
    }

    private protected override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<Plan> plans, CancellationToken cancellationToken)
    {
        foreach (var plan in plans)
        {
            switch (plan.Node)
            {
                case AssignmentExpressionSyntax assignment when AssignmentRemoval.CanRemove(assignment):
                    AssignmentRemoval.Remove(editor, assignment);
                    break;
                case AssignmentExpressionSyntax assignment:
                    editor.ReplaceNode(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(assignment.Right));
                    break;
                case LiteralExpressionSyntax literal:
                    var url = "https://" + literal.Token.ValueText.TrimStart().Substring("http://".Length);
                    editor.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(url)).WithTriviaFrom(literal));
                    break;
                case InterpolatedStringExpressionSyntax interpolated:
                    var text = (InterpolatedStringTextSyntax)interpolated.Contents[0];
                    var rest = text.TextToken.Text.TrimStart().Substring("http://".Length);
                    var token = SyntaxFactory.Token(text.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, "https://" + rest, "https://" + text.TextToken.ValueText.TrimStart().Substring("http://".Length), text.TextToken.TrailingTrivia);
                    editor.ReplaceNode(text, text.WithTextToken(token));
                    break;
                default:
                    if (ProtocolName(plan.Node) is { } name)
                    {
                        editor.ReplaceNode(name, SyntaxFactory.IdentifierName("HTTPS").WithTriviaFrom(name));
                    }

                    break;
            }
        }

        return Task.FromResult(editor.GetChangedDocument());
    }

    private static bool StartsWithHttp(string text) => text.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>HTTP</c> of <c>Protocol.HTTP</c> (or of a bare <c>HTTP</c> under <c>using static</c>).</summary>
    private static IdentifierNameSyntax? ProtocolName(SyntaxNode node)
        => node switch
        {
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "HTTP" } name } => name,
            IdentifierNameSyntax { Identifier.ValueText: "HTTP" } name => name,
            _ => null,
        };
}
