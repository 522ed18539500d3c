using System.Collections.Generic;
using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.SqsValueOutOfRange;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.SqsValueOutOfRange;

/// <summary>AWSBP043: "Clamp to the nearest valid value": the literal (or expression of literals) becomes the nearest bound.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqsValueOutOfRangeFixer)), Shared]
public sealed class SqsValueOutOfRangeFixer : ReplacementFixer
{
    public SqsValueOutOfRangeFixer()
        : base(SqsValueOutOfRangeAnalyzer.Rule.Id, "Clamp to the nearest valid value", "AWSBP043_Clamp", Clamp, addImports: false)
    {
    }

    private static IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>? Clamp(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(SqsValueOutOfRangeAnalyzer.ClampedKey, out var clamped) && clamped is not null
           && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
            ? new[] { ((SyntaxNode)value, (SyntaxNode)SyntaxFactory.ParseExpression(clamped).WithTriviaFrom(value)) }
            : null;
}
