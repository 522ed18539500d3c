using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>One C# document of the robustness corpus.</summary>
public sealed record CorpusDocument(string Name, string Text)
{
    public override string ToString() => Name;
}

/// <summary>
/// The inputs every robustness gate runs on: every C# source in samples/, the realistic AWS snippets in Robustness/Snippets,
/// and every C# test source embedded (as a raw string literal) in the rule tests, with test markup removed.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<IReadOnlyList<CorpusDocument>> SamplesLazy = new(LoadSamples);
    private static readonly Lazy<IReadOnlyList<CorpusDocument>> SnippetsLazy = new(LoadSnippets);
    private static readonly Lazy<IReadOnlyList<CorpusDocument>> TestSourcesLazy = new(LoadTestSources);

    public static IReadOnlyList<CorpusDocument> Samples => SamplesLazy.Value;
    public static IReadOnlyList<CorpusDocument> Snippets => SnippetsLazy.Value;
    public static IReadOnlyList<CorpusDocument> TestSources => TestSourcesLazy.Value;

    /// <summary>Samples and snippets: the realistic documents.</summary>
    public static IReadOnlyList<CorpusDocument> Realistic => Samples.Concat(Snippets).ToArray();

    public static IReadOnlyList<CorpusDocument> All => Realistic.Concat(TestSources).ToArray();

    private static IReadOnlyList<CorpusDocument> LoadSamples()
        => EnumerateCs(Path.Combine(RepositoryPaths.Root, "samples"))
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "Lambda.Stubs" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(p => new CorpusDocument("samples/" + Path.GetRelativePath(Path.Combine(RepositoryPaths.Root, "samples"), p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToArray();

    private static IReadOnlyList<CorpusDocument> LoadSnippets()
        => EnumerateCs(Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Robustness", "Snippets"))
            .Select(p => new CorpusDocument("snippets/" + Path.GetFileName(p), File.ReadAllText(p)))
            .ToArray();

    private static IEnumerable<string> EnumerateCs(string directory)
        => Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                            && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .OrderBy(p => p, StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    /// <summary>
    /// The C# documents embedded in the rule tests: raw string literals, and concatenations/interpolations of them with
    /// constants of the same file (<c>Usings + """…"""</c>), kept when they look like a document (a using or a type).
    /// </summary>
    private static IReadOnlyList<CorpusDocument> LoadTestSources()
    {
        var result = new List<CorpusDocument>();
        var rules = Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Rules");
        foreach (var file in EnumerateCs(rules))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var constants = root.DescendantNodes().OfType<VariableDeclaratorSyntax>()
                .Where(v => v.Initializer is not null)
                .GroupBy(v => v.Identifier.ValueText)
                .ToDictionary(g => g.Key, g => g.First().Initializer!.Value);
            var index = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var expression in root.DescendantNodes().OfType<ExpressionSyntax>())
            {
                if (!IsRawString(expression) || expression.Parent is BinaryExpressionSyntax or InterpolationSyntax)
                {
                    // Evaluate the outermost expression only.
                    if (expression is not BinaryExpressionSyntax binary || binary.Parent is BinaryExpressionSyntax || !binary.DescendantNodes().Any(IsRawStringNode))
                    {
                        continue;
                    }
                }

                var value = Evaluate(expression, constants, depth: 0);
                if (value is null)
                {
                    continue;
                }

                var text = StripMarkup(value);
                if ((text.Contains("class ", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal)) && seen.Add(text))
                {
                    result.Add(new CorpusDocument($"tests/{Path.GetFileNameWithoutExtension(file)}#{index++}", text));
                }
            }
        }

        return result;
    }

    private static bool IsRawStringNode(SyntaxNode node) => node is ExpressionSyntax expression && IsRawString(expression);

    private static bool IsRawString(ExpressionSyntax expression)
        => expression switch
        {
            LiteralExpressionSyntax literal => literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || literal.Token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken),
            InterpolatedStringExpressionSyntax interpolated => interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken),
            _ => false,
        };

    private static string? Evaluate(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> constants, int depth)
    {
        if (depth > 10)
        {
            return null;
        }

        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.Token.Value is string s:
                return s;
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, constants, depth + 1);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                var left = Evaluate(binary.Left, constants, depth + 1);
                var right = Evaluate(binary.Right, constants, depth + 1);
                return left is null || right is null ? null : left + right;
            case IdentifierNameSyntax identifier when constants.TryGetValue(identifier.Identifier.ValueText, out var initializer):
                return Evaluate(initializer, constants, depth + 1);
            case InterpolatedStringExpressionSyntax interpolated:
                var builder = new System.Text.StringBuilder();
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                    {
                        builder.Append(text.TextToken.ValueText);
                    }
                    else if (content is InterpolationSyntax hole && Evaluate(hole.Expression, constants, depth + 1) is { } holeValue)
                    {
                        builder.Append(holeValue);
                    }
                    else
                    {
                        return null;
                    }
                }

                return builder.ToString();
            default:
                return null;
        }
    }

    private static readonly Regex MarkupOpen = new(@"\{\|[A-Za-z0-9#]+:|\[\||\{\|", RegexOptions.Compiled);

    /// <summary>Removes Microsoft.CodeAnalysis.Testing markup: <c>{|ID:…|}</c>, <c>[|…|]</c>, <c>$$</c> stays (not used here).</summary>
    public static string StripMarkup(string text)
        => MarkupOpen.Replace(text, string.Empty).Replace("|]", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal);
}
