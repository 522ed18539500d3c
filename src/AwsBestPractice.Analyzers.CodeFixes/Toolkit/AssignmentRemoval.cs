using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// Removes a property assignment (<c>CannedACL = S3CannedACL.PublicRead</c>, <c>UseHttp = true</c>): a member of an object
/// initializer, with its comma, or an assignment statement of a block. Comments written on, above or after it are kept, moved to
/// the next member or statement (or before the closing brace). Edits are made on the container (initializer, block) through the
/// editor's callbacks, so several removals in one document compose in Fix All.
/// </summary>
internal static class AssignmentRemoval
{
    /// <summary>
    /// True when <paramref name="assignment"/> can be removed without changing anything else: an initializer member, or a statement
    /// of a block (not the body of an <c>if</c> without braces, not a top-level statement).
    /// </summary>
    public static bool CanRemove(AssignmentExpressionSyntax assignment)
        => assignment.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } && Name(assignment) is not null
           || assignment.Parent is ExpressionStatementSyntax { Parent: BlockSyntax };

    public static void Remove(DocumentEditor editor, AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is InitializerExpressionSyntax initializer && Name(assignment) is { } name)
        {
            editor.ReplaceNode(initializer, (current, _) => RemoveMember((InitializerExpressionSyntax)current, name));
        }
        else if (assignment.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block } statement)
        {
            editor.ReplaceNode(block, (current, _) => RemoveStatement((BlockSyntax)current, statement));
        }
    }

    private static string? Name(AssignmentExpressionSyntax assignment)
        => assignment.Left is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;

    /// <summary>Removes the member that sets <paramref name="name"/> (an initializer sets a member once) and its comma.</summary>
    private static InitializerExpressionSyntax RemoveMember(InitializerExpressionSyntax initializer, string name)
    {
        var expressions = initializer.Expressions;
        var index = -1;
        for (var i = 0; i < expressions.Count; i++)
        {
            if (expressions[i] is AssignmentExpressionSyntax assignment && Name(assignment) == name)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return initializer;
        }

        var member = expressions[index];
        var comments = Trivia.Comments(member);
        var hasCommaAfter = index < expressions.SeparatorCount;
        if (hasCommaAfter)
        {
            var comma = expressions.GetSeparator(index);
            comments.AddRange(comma.LeadingTrivia.Concat(comma.TrailingTrivia).Where(Trivia.IsComment));
        }

        var items = new List<SyntaxNodeOrToken>();
        for (var i = 0; i < expressions.Count; i++)
        {
            var isLastKept = !hasCommaAfter && i == index - 1;
            if (i != index)
            {
                // The last member keeps the removed one's line ending (or the space before the brace) instead of its comma.
                items.Add(isLastKept ? expressions[i].WithTrailingTrivia(member.GetTrailingTrivia().Where(t => !Trivia.IsComment(t))) : expressions[i]);
                if (i < expressions.SeparatorCount && !isLastKept)
                {
                    items.Add(expressions.GetSeparator(i));
                }
            }
        }

        var result = initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(SyntaxFactory.NodeOrTokenList(items)));
        if (comments.Count == 0)
        {
            return result;
        }

        var endOfLine = Trivia.EndOfLine(initializer);
        if (index < result.Expressions.Count)
        {
            var next = result.Expressions[index];
            return result.ReplaceNode(next, next.WithLeadingTrivia(Trivia.InsertCommentLines(next.GetLeadingTrivia(), comments, endOfLine)));
        }

        return result.WithCloseBraceToken(BeforeClosingBrace(result.CloseBraceToken, member, comments, endOfLine));
    }

    /// <summary>
    /// The closing brace with the comments on lines of their own before it, indented like the removed member or statement when the
    /// brace is on a line of its own (else as <see cref="Trivia.InsertCommentLines"/> places them).
    /// </summary>
    private static SyntaxToken BeforeClosingBrace(SyntaxToken brace, SyntaxNode removed, List<SyntaxTrivia> comments, SyntaxTrivia endOfLine)
    {
        var removedLeading = removed.GetLeadingTrivia();
        var lastLineBreak = -1;
        for (var i = 0; i < removedLeading.Count; i++)
        {
            if (removedLeading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastLineBreak = i;
            }
        }

        var indentation = removedLeading.Skip(lastLineBreak + 1).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToList();
        var onOwnLine = brace.GetPreviousToken().TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                        || brace.LeadingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!onOwnLine || indentation.Count == 0)
        {
            return brace.WithLeadingTrivia(Trivia.InsertCommentLines(brace.LeadingTrivia, comments, endOfLine));
        }

        var leading = new List<SyntaxTrivia>();
        foreach (var comment in comments)
        {
            leading.AddRange(indentation);
            leading.Add(comment);
            leading.Add(endOfLine);
        }

        leading.AddRange(brace.LeadingTrivia);
        return brace.WithLeadingTrivia(leading);
    }

    /// <summary>Removes the statement; its comments go before the next statement (or the closing brace).</summary>
    private static BlockSyntax RemoveStatement(BlockSyntax block, StatementSyntax original)
    {
        var index = -1;
        for (var i = 0; i < block.Statements.Count; i++)
        {
            if (block.Statements[i].IsEquivalentTo(original, topLevel: false))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return block;
        }

        var removed = block.Statements[index];
        var comments = Trivia.Comments(removed);
        var statements = block.Statements.RemoveAt(index);
        var result = block.WithStatements(statements);
        if (comments.Count == 0)
        {
            return result;
        }

        var endOfLine = Trivia.EndOfLine(block);
        if (index < statements.Count)
        {
            var next = statements[index];
            return result.WithStatements(statements.Replace(next, next.WithLeadingTrivia(Trivia.InsertCommentLines(next.GetLeadingTrivia(), comments, endOfLine))));
        }

        return result.WithCloseBraceToken(BeforeClosingBrace(result.CloseBraceToken, removed, comments, endOfLine));
    }
}
