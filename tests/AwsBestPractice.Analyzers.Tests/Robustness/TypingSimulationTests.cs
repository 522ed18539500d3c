using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>
/// Gate 1: what the IDE does on every keystroke. Every analyzer runs on every prefix of every realistic document (cut at each
/// token boundary, sampled deterministically above <see cref="GateSettings.MaxPrefixesPerDocument"/> tokens) and on the document
/// with each single statement deleted. No analyzer may throw, and every run stays bounded in time.
/// </summary>
public class TypingSimulationTests
{
    private readonly ITestOutputHelper _output;

    public TypingSimulationTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void NoAnalyzerThrowsOnAnyPrefixOrStatementDeletion()
    {
        var documents = Corpus.Realistic;
        Assert.NotEmpty(documents);

        var inputs = new List<(string Name, string Text)>();
        foreach (var document in documents)
        {
            inputs.AddRange(Prefixes(document));
            inputs.AddRange(StatementDeletions(document));
        }

        var failures = RunAll(inputs, out var slowest);
        _output.WriteLine($"Typing simulation: {inputs.Count} documents analysed from {documents.Count} sources; slowest run {slowest.TotalMilliseconds:F0} ms.");
        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
        Assert.True(slowest < GateSettings.MaxRunTime, $"slowest run took {slowest}");
    }

    internal static ConcurrentQueue<string> RunAll(IReadOnlyList<(string Name, string Text)> inputs, out TimeSpan slowest)
    {
        var failures = new ConcurrentQueue<string>();
        long slowestTicks = 0;
        Parallel.ForEach(inputs, new ParallelOptions { MaxDegreeOfParallelism = GateSettings.Parallelism }, input =>
        {
            var run = AnalyzerRunner.Run(AnalyzerRunner.Compile(input.Name + ".cs", input.Text));
            foreach (var exception in run.Exceptions)
            {
                failures.Enqueue($"{input.Name}:{Environment.NewLine}{exception}{Environment.NewLine}--- input ---{Environment.NewLine}{input.Text}");
            }

            long ticks;
            do
            {
                ticks = Interlocked.Read(ref slowestTicks);
            }
            while (run.Elapsed.Ticks > ticks && Interlocked.CompareExchange(ref slowestTicks, run.Elapsed.Ticks, ticks) != ticks);
        });
        slowest = TimeSpan.FromTicks(slowestTicks);
        return failures;
    }

    internal static IEnumerable<(string Name, string Text)> Prefixes(CorpusDocument document)
    {
        var tokens = CSharpSyntaxTree.ParseText(document.Text, AnalyzerRunner.ParseOptions).GetRoot().DescendantTokens().ToList();
        var step = Math.Max(1, (int)Math.Ceiling(tokens.Count / (double)GateSettings.MaxPrefixesPerDocument));
        for (var i = 0; i < tokens.Count; i += step)
        {
            // Deterministic jitter so sampled cuts do not always land on the same token kinds.
            var index = Math.Min(tokens.Count - 1, i + (step > 1 ? (i * 7919) % step : 0));
            yield return ($"{document.Name}@prefix{tokens[index].Span.End}", document.Text.Substring(0, tokens[index].Span.End));
        }
    }

    internal static IEnumerable<(string Name, string Text)> StatementDeletions(CorpusDocument document)
    {
        var root = CSharpSyntaxTree.ParseText(document.Text, AnalyzerRunner.ParseOptions).GetRoot();
        var statements = root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).ToList();
        var step = Math.Max(1, statements.Count / 150);
        for (var i = 0; i < statements.Count; i += step)
        {
            var statement = statements[i];
            var text = document.Text.Remove(statement.Span.Start, statement.Span.Length);
            yield return ($"{document.Name}@delete{statement.SpanStart}", text);
        }
    }
}
