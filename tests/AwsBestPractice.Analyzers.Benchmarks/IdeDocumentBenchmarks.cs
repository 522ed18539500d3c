using System;
using System.Collections.Immutable;
using System.Linq;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// The IDE after a keystroke in one 1,000-line AWS-heavy document (in a project of 50 other AWS files): a new compilation with
/// the edited document, then the document's compiler diagnostics and its analyzer diagnostics (syntax + semantic). The
/// difference between "All rules" and the empty baseline is what our rules add to each keystroke's analysis.
/// </summary>
[MemoryDiagnoser]
[IterationCount(25)] // one operation is ~0.3 s: 25 iterations per case fit in half a minute and steady the median on a shared machine
public class IdeDocumentBenchmarks
{
    private CSharpCompilation _project = null!;
    private SyntaxTree[] _edits = Array.Empty<SyntaxTree>();
    private int _expected;
    private int _next;

    private static readonly ImmutableArray<DiagnosticAnalyzer> HostAnalyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new NoOpOperationAnalyzer());
    private static readonly ImmutableArray<DiagnosticAnalyzer> HostPlusRules = HostAnalyzers.AddRange(BenchSettings.Shipped);

    [GlobalSetup]
    public void Setup()
    {
        var (workload, document) = Workloads.IdeDocument(minLines: 1000, otherFiles: 50);
        _project = workload.Compilation.RemoveSyntaxTrees(document);
        _expected = workload.ExpectedTotal;

        // Two versions of the document that differ by one typed character, alternated so every run sees a "new" document.
        var text = document.GetText();
        _edits = new[] { "x", "y" }
            .Select(c => document.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), "// typed " + c + "\n"))))
            .ToArray();
        for (var i = 0; i < 3; i++)
        {
            if (Analyze(BenchSettings.Shipped) != _expected)
            {
                throw new InvalidOperationException($"The IDE document does not produce the expected {_expected} diagnostics.");
            }

            Analyze(BenchSettings.Empty);
        }
    }

    [Benchmark(Baseline = true, Description = "Empty analyzer")]
    public int Baseline() => Analyze(BenchSettings.Empty);

    /// <summary>The IDE's own analyzers stand-in: the document is bound and its operation trees built, nothing else.</summary>
    [Benchmark(Description = "No-op operation analyzer")]
    public int HostBaseline() => Analyze(HostAnalyzers);

    /// <summary>Our rules next to the stand-in for the IDE's own analyzers: what installing the package adds.</summary>
    [Benchmark(Description = "No-op operation analyzer + all rules")]
    public int HostPlusAllRules()
    {
        var count = Analyze(HostPlusRules);
        return count == _expected ? count : throw new InvalidOperationException($"Expected {_expected} diagnostics, got {count}.");
    }

    [Benchmark(Description = "All rules")]
    public int AllRules()
    {
        var count = Analyze(BenchSettings.Shipped);
        return count == _expected ? count : throw new InvalidOperationException($"Expected {_expected} diagnostics, got {count}.");
    }

    private int Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var document = _edits[_next++ % _edits.Length];
        var compilation = _project.AddSyntaxTrees(document);
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var model = withAnalyzers.Compilation.GetSemanticModel(document);
        var compilerErrors = model.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
        if (compilerErrors > 0)
        {
            throw new InvalidOperationException($"The IDE document has {compilerErrors} compiler errors.");
        }

        var syntax = withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(document, default).GetAwaiter().GetResult();
        var semantic = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, default).GetAwaiter().GetResult();
        return syntax.Concat(semantic).Count(d => d.Id.StartsWith("AWSBP", StringComparison.Ordinal));
    }
}
