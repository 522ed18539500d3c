using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>
/// Gate 2: deterministic (fixed-seed) random edits of the corpus — delete, duplicate or swap tokens, replace literals with
/// <c>null</c>/<c>default</c>/huge strings, remove braces, insert stray keywords — analysed by every analyzer. Zero exceptions.
/// CI analyses <see cref="GateSettings.FuzzDocuments"/> documents; set AWSBP_FUZZ_DOCUMENTS higher for a local soak.
/// Inputs that ever crashed are kept in Robustness/CrashCorpus and replayed by <see cref="CrashCorpusTests"/>.
/// </summary>
public class MutationFuzzTests
{
    private static readonly string[] Insertions =
    {
        "await ", "new ", "(", ")", "{", "}", ";", "=>", "catch ", "when ", "?.", "!", "null", "default", "static ", "async ",
        "throw;", "continue;", "break;", "return;", "using ", "var x = ", ",", ".", "\"", "$\"{", "[", "]", "<", ">", "?? ",
    };

    private readonly ITestOutputHelper _output;

    public MutationFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void NoAnalyzerThrowsOnMutatedSources()
    {
        var corpus = Corpus.All;
        Assert.NotEmpty(corpus);
        var total = GateSettings.FuzzDocuments;
        var inputs = new List<(string Name, string Text)>(total);
        for (var i = 0; i < total; i++)
        {
            var document = corpus[i % corpus.Count];
            var random = new Random(unchecked(i * 48271 + 17));
            inputs.Add(($"{document.Name}@seed{i}", Mutate(document.Text, random)));
        }

        var failures = TypingSimulationTests.RunAll(inputs, out var slowest);
        _output.WriteLine($"Mutation fuzzing: {inputs.Count} documents analysed ({corpus.Count} sources); slowest run {slowest.TotalMilliseconds:F0} ms.");
        Assert.True(failures.IsEmpty, "Save the failing input to Robustness/CrashCorpus and fix the analyzer:" + Environment.NewLine + string.Join(Environment.NewLine + Environment.NewLine, failures.Take(3)));
    }

    internal static string Mutate(string text, Random random)
    {
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var tokens = CSharpSyntaxTree.ParseText(text, AnalyzerRunner.ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            if (tokens.Count < 2)
            {
                return text;
            }

            var token = tokens[random.Next(tokens.Count)];
            switch (random.Next(7))
            {
                case 0: // delete a token
                    text = text.Remove(token.SpanStart, token.Span.Length);
                    break;
                case 1: // duplicate a token
                    text = text.Insert(token.Span.End, " " + token.Text);
                    break;
                case 2: // swap with the next token
                {
                    var index = tokens.IndexOf(token);
                    if (index + 1 < tokens.Count)
                    {
                        var next = tokens[index + 1];
                        var builder = new StringBuilder(text);
                        builder.Remove(next.SpanStart, next.Span.Length).Insert(next.SpanStart, token.Text);
                        builder.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, next.Text);
                        text = builder.ToString();
                    }

                    break;
                }

                case 3: // replace a literal
                {
                    var literals = tokens.Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.NumericLiteralToken)).ToList();
                    var target = literals.Count > 0 ? literals[random.Next(literals.Count)] : token;
                    var replacement = random.Next(4) switch
                    {
                        0 => "null",
                        1 => "default",
                        2 => "\"" + new string('A', 5000 + random.Next(50_000)) + "\"",
                        _ => "\"AKIA" + new string('Q', 16) + "\"",
                    };
                    text = text.Remove(target.SpanStart, target.Span.Length).Insert(target.SpanStart, replacement);
                    break;
                }

                case 4: // remove a brace
                {
                    var braces = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)).ToList();
                    var target = braces.Count > 0 ? braces[random.Next(braces.Count)] : token;
                    text = text.Remove(target.SpanStart, target.Span.Length);
                    break;
                }

                case 5: // insert a stray token
                    text = text.Insert(token.SpanStart, Insertions[random.Next(Insertions.Length)]);
                    break;
                default: // truncate mid-token
                    text = text.Substring(0, token.SpanStart + random.Next(token.Span.Length));
                    break;
            }
        }

        return text;
    }
}

/// <summary>Replays every input that ever crashed an analyzer.</summary>
public class CrashCorpusTests
{
    public static IEnumerable<object[]> CrashInputs()
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Robustness", "CrashCorpus");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray() : Array.Empty<string>();
        if (files.Length == 0)
        {
            yield return new object[] { "(none)" };
            yield break;
        }

        foreach (var file in files)
        {
            yield return new object[] { Path.GetFileName(file) };
        }
    }

    [Theory]
    [MemberData(nameof(CrashInputs))]
    public void FormerCrashDoesNotThrow(string file)
    {
        if (file == "(none)")
        {
            return;
        }

        var path = Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Robustness", "CrashCorpus", file);
        var run = AnalyzerRunner.Run(AnalyzerRunner.Compile(file, File.ReadAllText(path)));
        Assert.Empty(run.Exceptions);
    }
}
