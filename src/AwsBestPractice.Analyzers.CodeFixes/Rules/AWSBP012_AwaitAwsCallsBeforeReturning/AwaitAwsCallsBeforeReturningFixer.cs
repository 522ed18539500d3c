using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.AwaitAwsCallsBeforeReturning;

/// <summary>
/// AWSBP012 fix: the dropped call (<c>client.PutObjectAsync(…);</c>, <c>_ = …;</c>, <c>Task.Run(…);</c>) is awaited, and the
/// handler becomes async when it is not (<see cref="AwaitFixer"/>). A task kept in an unused local gets no fix: where to await it
/// is the author's decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitAwsCallsBeforeReturningFixer)), Shared]
public sealed class AwaitAwsCallsBeforeReturningFixer : AwaitFixer
{
    public AwaitAwsCallsBeforeReturningFixer()
        : base("AWSBP012", "Await the AWS call")
    {
    }

    private protected override SyntaxNode? GetTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        // The statement (or expression body) that drops the task: the call, its ConfigureAwait, or `_ = call`.
        var dropped = node.FirstAncestorOrSelf<StatementSyntax>() is ExpressionStatementSyntax statement
            ? statement.Expression
            : node.FirstAncestorOrSelf<ArrowExpressionClauseSyntax>()?.Expression;
        return dropped is not null && dropped.Span.Contains(node.Span) && GetTask(dropped) is not null ? dropped : null;
    }

    private protected override ExpressionSyntax? GetTask(SyntaxNode target)
        => target switch
        {
            AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: var task } when target.IsKind(SyntaxKind.SimpleAssignmentExpression) => task,
            InvocationExpressionSyntax invocation => invocation,
            _ => null,
        };
}
