using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// Sets a property in an object creation's initializer: replaces the value where the initializer sets it, appends
/// <c>Name = value</c> in the initializer's own layout (one line, or one member per line), or adds an initializer.
/// Comments and trivia of the existing members are kept.
/// </summary>
internal static class ObjectInitializers
{
    public static BaseObjectCreationExpressionSyntax SetProperty(BaseObjectCreationExpressionSyntax creation, string name, ExpressionSyntax value)
    {
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(name).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
            value.WithoutTrivia());
        if (creation.Initializer is not { } initializer)
        {
            var added = SyntaxFactory.InitializerExpression(
                SyntaxKind.ObjectInitializerExpression,
                SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment),
                SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space));
            var trailing = creation.GetTrailingTrivia();
            if (creation is ObjectCreationExpressionSyntax { ArgumentList: null })
            {
                // new T { … }: the type's trailing space already separates it from the brace.
                added = added.WithOpenBraceToken(added.OpenBraceToken.WithLeadingTrivia());
            }

            return creation.WithoutTrailingTrivia().WithInitializer(added).WithTrailingTrivia(trailing);
        }

        foreach (var expression in initializer.Expressions)
        {
            if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: var existing } } set && existing == name)
            {
                return creation.ReplaceNode(set.Right, value.WithTriviaFrom(set.Right));
            }
        }

        return creation.WithInitializer(Append(initializer, assignment));
    }

    private static InitializerExpressionSyntax Append(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax assignment)
    {
        var expressions = initializer.Expressions;
        if (expressions.Count == 0)
        {
            return initializer.WithExpressions(SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment))
                .WithAdditionalAnnotations(Formatter.Annotation);
        }

        var last = expressions.Last();
        var multiline = initializer.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                        || last.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var nodes = expressions.GetWithSeparators().ToList();
        if (expressions.SeparatorCount == expressions.Count)
        {
            // A trailing comma: keep it after the new member.
            var separator = expressions.GetSeparator(expressions.Count - 1);
            var entry = multiline
                ? assignment.WithLeadingTrivia(last.GetLeadingTrivia())
                : assignment.WithLeadingTrivia(SyntaxFactory.Space);
            nodes.Add(entry);
            nodes.Add(separator);
        }
        else
        {
            var trailing = last.GetTrailingTrivia();
            nodes[nodes.Count - 1] = last.WithoutTrailingTrivia();
            var separator = SyntaxFactory.Token(SyntaxKind.CommaToken);
            if (multiline)
            {
                nodes.Add(separator.WithTrailingTrivia(trailing));
                nodes.Add(assignment.WithLeadingTrivia(IndentationOf(last)).WithTrailingTrivia(trailing));
            }
            else
            {
                nodes.Add(separator.WithTrailingTrivia(SyntaxFactory.Space));
                nodes.Add(assignment.WithTrailingTrivia(trailing));
            }
        }

        return initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(SyntaxFactory.NodeOrTokenList(nodes)));
    }

    /// <summary>The whitespace that indents the member's line (its leading trivia after the last end of line, comments left out).</summary>
    private static SyntaxTriviaList IndentationOf(SyntaxNode member)
    {
        var leading = member.GetLeadingTrivia();
        var result = SyntaxFactory.TriviaList();
        foreach (var trivia in leading)
        {
            if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                result = SyntaxFactory.TriviaList();
            }
            else if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                result = result.Add(trivia);
            }
        }

        return result;
    }
}
