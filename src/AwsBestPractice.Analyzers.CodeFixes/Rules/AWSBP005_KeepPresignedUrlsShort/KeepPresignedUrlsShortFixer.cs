using System.Collections.Generic;
using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.KeepPresignedUrlsShort;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.KeepPresignedUrlsShort;

/// <summary>
/// AWSBP005: "Shorten the lifetime to the maximum": <c>DateTime.UtcNow.AddDays(8)</c> becomes <c>DateTime.UtcNow.AddHours(1)</c>
/// (the unit kept where the maximum is a whole number of it), <c>DateTime.UtcNow.Add(TimeSpan.FromDays(8))</c> becomes
/// <c>….Add(TimeSpan.FromHours(1))</c>. Only the use is replaced: a constant or field it read keeps its value for other uses.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeepPresignedUrlsShortFixer)), Shared]
public sealed class KeepPresignedUrlsShortFixer : ReplacementFixer
{
    public KeepPresignedUrlsShortFixer()
        : base(KeepPresignedUrlsShortAnalyzer.Rule.Id, "Shorten the lifetime to the maximum", "AWSBP005_Clamp", Plan, addImports: true)
    {
    }

    private static IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(KeepPresignedUrlsShortAnalyzer.ValueKey, out var value) || value is null || diagnostic.AdditionalLocations.Count == 0)
        {
            return null;
        }

        var edits = new List<(SyntaxNode, SyntaxNode)>();
        var last = root.FindNode(diagnostic.AdditionalLocations[diagnostic.AdditionalLocations.Count - 1].SourceSpan, getInnermostNodeForTie: true);
        if (last is ArgumentSyntax argument)
        {
            last = argument.Expression;
        }

        if (last is not ExpressionSyntax expression)
        {
            return null;
        }

        edits.Add((expression, Imports.SimplifyGlobalNames(SyntaxFactory.ParseExpression(value)).WithTriviaFrom(expression)));
        if (diagnostic.Properties.TryGetValue(KeepPresignedUrlsShortAnalyzer.NameKey, out var name) && name is not null)
        {
            if (diagnostic.AdditionalLocations.Count != 2 || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not SimpleNameSyntax method)
            {
                return null;
            }

            edits.Add((method, SyntaxFactory.IdentifierName(name).WithTriviaFrom(method)));
        }

        return edits;
    }
}
