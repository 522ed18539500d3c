using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>
/// Gate 4: the realistic corpus analysed as one solution 50 times with concurrent execution enabled, in parallel, yields
/// identical diagnostics (ID, location, message) every time.
/// </summary>
public class DeterminismTests
{
    private readonly ITestOutputHelper _output;

    public DeterminismTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void FiftyConcurrentRunsProduceIdenticalDiagnostics()
    {
        var documents = Corpus.Realistic.Where(d => !d.Name.Contains("TopLevel", StringComparison.Ordinal) && !d.Name.EndsWith("Program.cs", StringComparison.Ordinal)).ToArray();
        var results = new ConcurrentBag<string>();
        var exceptions = new ConcurrentBag<string>();
        Parallel.For(0, 50, new ParallelOptions { MaxDegreeOfParallelism = GateSettings.Parallelism }, _ =>
        {
            // A fresh compilation each time: nothing may be cached across runs in analyzer state.
            var compilation = AnalyzerRunner.Compile(documents.Select(d => (d.Name, d.Text)));
            var run = AnalyzerRunner.Run(compilation, concurrent: true);
            foreach (var exception in run.Exceptions)
            {
                exceptions.Add(exception);
            }

            results.Add(string.Join("\n", run.Diagnostics
                .Select(d => $"{d.Id}|{d.Location.GetLineSpan()}|{d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .OrderBy(s => s, StringComparer.Ordinal)));
        });

        Assert.Empty(exceptions);
        var distinct = results.Distinct().ToArray();
        _output.WriteLine($"Determinism: 50 runs over {documents.Length} documents, {distinct[0].Split('\n').Length} diagnostics each.");
        Assert.Single(distinct);
        Assert.Contains("AWSBP", distinct[0], StringComparison.Ordinal);
    }
}
