using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// How fixers add <c>using</c> directives. A fixer that builds names writes them fully qualified with
/// <see cref="Simplifier.Annotation"/> and <see cref="Simplifier.AddImportsAnnotation"/> and calls
/// <see cref="AddAndSimplifyAsync"/>; a fixer that has decided itself which namespace a file needs (after checking that the
/// import makes nothing ambiguous) calls <see cref="AddUsingDirective"/>. Both place the directive where the file keeps its
/// usings, sorted with System first, and keep the file header.
/// </summary>
internal static class Imports
{
    public static async Task<Document> AddAndSimplifyAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds <c>using <paramref name="ns"/>;</c> unless the file has it: with the other usings (sorted, System first), inside the
    /// namespace when only a namespace has usings, or before the first member, taking over the file's leading trivia.
    /// </summary>
    public static CompilationUnitSyntax AddUsingDirective(CompilationUnitSyntax root, string ns)
    {
        var newUsing = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.UsingKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        if (root.Usings.Count == 0
            && root.Members.Count == 1
            && root.Members[0] is BaseNamespaceDeclarationSyntax { Usings.Count: > 0 } namespaceWithUsings)
        {
            return Has(namespaceWithUsings.Usings, ns) ? root : root.ReplaceNode(namespaceWithUsings, namespaceWithUsings.WithUsings(Insert(namespaceWithUsings.Usings, newUsing, ns)));
        }

        if (root.Usings.Count > 0)
        {
            return Has(root.Usings, ns) ? root : root.WithUsings(Insert(root.Usings, newUsing, ns));
        }

        var firstToken = root.GetFirstToken(includeZeroWidth: true);
        var eol = Trivia.EndOfLine(root);
        var leading = firstToken.LeadingTrivia;
        var withoutHeader = root.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        return withoutHeader.WithUsings(SyntaxFactory.SingletonList(newUsing.WithLeadingTrivia(leading).WithTrailingTrivia(eol, eol)));
    }

    private static bool Has(SyntaxList<UsingDirectiveSyntax> usings, string ns)
        => usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns);

    private static SyntaxList<UsingDirectiveSyntax> Insert(SyntaxList<UsingDirectiveSyntax> usings, UsingDirectiveSyntax newUsing, string ns)
    {
        var eol = usings.Last().GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        newUsing = newUsing.WithTrailingTrivia(eol.IsKind(SyntaxKind.EndOfLineTrivia) ? eol : Trivia.EndOfLine(usings[0]));

        var index = usings.Count;
        for (var i = 0; i < usings.Count; i++)
        {
            var existing = usings[i];
            if (IsPlain(existing) && CompareNamespaces(existing.Name!.ToString(), ns) > 0)
            {
                index = i;
                break;
            }
        }

        if (index == usings.Count)
        {
            // After the last plain using; before static and alias usings that follow it.
            var lastPlain = -1;
            for (var i = 0; i < usings.Count; i++)
            {
                if (IsPlain(usings[i]))
                {
                    lastPlain = i;
                }
            }

            index = lastPlain + 1;
        }

        if (index == 0)
        {
            // Take over the first using's leading trivia (a file header, a blank line).
            var first = usings[0];
            newUsing = newUsing.WithLeadingTrivia(first.GetLeadingTrivia());
            usings = usings.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }

        return usings.Insert(index, newUsing);
    }

    private static bool IsPlain(UsingDirectiveSyntax directive)
        => directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.GlobalKeyword.IsKind(SyntaxKind.None) && directive.Name is not null;

    private static int CompareNamespaces(string left, string right)
    {
        var leftSystem = left == "System" || left.StartsWith("System.", StringComparison.Ordinal);
        var rightSystem = right == "System" || right.StartsWith("System.", StringComparison.Ordinal);
        if (leftSystem != rightSystem)
        {
            return leftSystem ? -1 : 1;
        }

        return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Marks the names a fix wrote <c>global::</c>-qualified (<c>global::System.TimeSpan.FromMilliseconds</c>) to be simplified,
    /// with a <c>using</c> added where needed, once <see cref="AddAndSimplifyAsync"/> runs.
    /// </summary>
    public static TNode SimplifyGlobalNames<TNode>(TNode node)
        where TNode : SyntaxNode
    {
        var targets = node.DescendantNodesAndSelf().Where(n => n is AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global" })
            .Select(Outermost)
            .Distinct()
            .ToList();
        return node.ReplaceNodes(targets, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
    }

    private static SyntaxNode Outermost(SyntaxNode name)
    {
        var current = name;
        while (true)
        {
            switch (current.Parent)
            {
                case QualifiedNameSyntax qualified when qualified.Left == current:
                    current = qualified;
                    continue;
                case MemberAccessExpressionSyntax access when access.Expression == current:
                    current = access;
                    continue;
                default:
                    return current;
            }
        }
    }
}
