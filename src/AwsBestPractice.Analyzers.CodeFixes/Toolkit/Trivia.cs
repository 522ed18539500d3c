using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// Trivia for fixers: the file's end of line, the comments of a node, removing a statement while keeping its comments (the
/// tokens around a removal, blank lines), and re-inserting comments as lines of their own.
/// </summary>
internal static class Trivia
{
    public static bool IsComment(SyntaxTrivia trivia)
        => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);

    /// <summary>Plain comments in and around a node (documentation comments describe the removed member and go with it).</summary>
    public static List<SyntaxTrivia> Comments(SyntaxNode node)
        => node.DescendantTrivia(descendIntoTrivia: false).Where(IsComment).ToList();

    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (var trivia in node.SyntaxTree.GetRoot().DescendantTrivia())
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return trivia;
            }
        }

        return SyntaxFactory.CarriageReturnLineFeed;
    }

    /// <summary>The first token after <paramref name="removal"/> that is not itself removed.</summary>
    public static SyntaxToken NextTokenOutside(SyntaxNode removal, List<SyntaxNode> removals)
    {
        var token = removal.GetLastToken().GetNextToken();
        while (token.RawKind != 0)
        {
            var containing = removals.FirstOrDefault(r => r.Span.Contains(token.Span));
            if (containing is null)
            {
                return token;
            }

            token = containing.GetLastToken().GetNextToken();
        }

        return token;
    }

    /// <summary>The last token before <paramref name="removal"/> that is not itself removed.</summary>
    public static SyntaxToken PreviousTokenOutside(SyntaxNode removal, List<SyntaxNode> removals)
    {
        var token = removal.GetFirstToken().GetPreviousToken();
        while (token.RawKind != 0)
        {
            var containing = removals.FirstOrDefault(r => r.Span.Contains(token.Span));
            if (containing is null)
            {
                return token;
            }

            token = containing.GetFirstToken().GetPreviousToken();
        }

        return token;
    }

    /// <summary>A top-level statement is removed with its <c>GlobalStatement</c> wrapper.</summary>
    public static SyntaxNode RemovableStatement(SyntaxNode statement)
        => statement.Parent is GlobalStatementSyntax global ? global : statement;

    public static bool StartsWithBlankLine(SyntaxTriviaList leading)
    {
        foreach (var trivia in leading)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                return true;
            }

            if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Drops the empty lines at the start of a leading trivia list (up to the last line break before any comment).</summary>
    public static SyntaxTriviaList TrimLeadingBlankLines(SyntaxTriviaList leading)
    {
        var cut = -1;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                cut = i;
            }
            else if (!leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return cut < 0 ? leading : SyntaxFactory.TriviaList(leading.Skip(cut + 1));
    }

    /// <summary>The largest node that starts with the token (the next statement or member), or the node a closing token ends.</summary>
    public static (SyntaxNode Node, bool IsFirstToken) NodeFor(SyntaxToken token)
    {
        var node = token.Parent!;
        if (node.GetFirstToken() != token)
        {
            return (node, false);
        }

        while (node.Parent is { } parent && parent.GetFirstToken() == token && parent is not CompilationUnitSyntax)
        {
            node = parent;
        }

        return (node, true);
    }

    /// <summary>Puts each comment on its own line before the token, at the token's indentation.</summary>
    public static SyntaxTriviaList InsertCommentLines(SyntaxTriviaList leading, List<SyntaxTrivia> comments, SyntaxTrivia endOfLine)
    {
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        var onOwnLine = leading.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) || comments.Any(c => c.IsKind(SyntaxKind.SingleLineCommentTrivia));
        var result = new List<SyntaxTrivia>(leading);
        if (indentation.RawKind != 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        foreach (var comment in comments)
        {
            if (onOwnLine)
            {
                if (indentation.RawKind != 0)
                {
                    result.Add(indentation);
                }

                result.Add(comment);
                result.Add(endOfLine);
            }
            else
            {
                result.Add(comment);
                result.Add(SyntaxFactory.Space);
            }
        }

        if (indentation.RawKind != 0)
        {
            result.Add(indentation);
        }

        return SyntaxFactory.TriviaList(result);
    }
}
