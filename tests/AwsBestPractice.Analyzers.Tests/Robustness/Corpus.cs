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

    /// <summary>Raw string literals of the rule tests that look like C# documents (they have a using or a type declaration).</summary>
    private static IReadOnlyList<CorpusDocument> LoadTestSources()
    {
        var result = new List<CorpusDocument>();
        var rules = Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Rules");
        foreach (var file in EnumerateCs(rules))
        {
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var index = 0;
            foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                if (!literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                {
                    continue;
                }

                var text = StripMarkup(literal.Token.ValueText);
                if (text.Contains("class ", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal))
                {
                    result.Add(new CorpusDocument($"tests/{Path.GetFileNameWithoutExtension(file)}#{index++}", text));
                }
            }
        }

        return result;
    }

    private static readonly Regex MarkupOpen = new(@"\{\|[A-Za-z0-9#]+:|\[\||\{\|", RegexOptions.Compiled);

    /// <summary>Removes Microsoft.CodeAnalysis.Testing markup: <c>{|ID:…|}</c>, <c>[|…|]</c>, <c>$$</c> stays (not used here).</summary>
    public static string StripMarkup(string text)
        => MarkupOpen.Replace(text, string.Empty).Replace("|]", string.Empty, StringComparison.Ordinal).Replace("|}", string.Empty, StringComparison.Ordinal);
}
