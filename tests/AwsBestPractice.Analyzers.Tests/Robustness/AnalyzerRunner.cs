using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>The outcome of running every shipped analyzer on one compilation.</summary>
public sealed record AnalysisRun(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Exceptions, TimeSpan Elapsed);

/// <summary>
/// Runs every analyzer the package ships (discovered by reflection) through <see cref="CompilationWithAnalyzers"/> with an
/// exception handler that records — not swallows — analyzer exceptions (an AD0001 in a user's build).
/// </summary>
public static class AnalyzerRunner
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = AnalyzerCatalog.Analyzers.ToImmutableArray();

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly ConcurrentDictionary<(AwsSdk, OutputKind), CSharpCompilation> BaseCompilations = new();

    /// <summary>An empty compilation with the references bound once; documents are added to it.</summary>
    public static CSharpCompilation BaseCompilation(AwsSdk sdk = AwsSdk.V4, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
        => BaseCompilations.GetOrAdd((sdk, kind), key => CSharpCompilation.Create(
            "Robustness",
            Array.Empty<SyntaxTree>(),
            ReferenceSets.For(key.Item1, includeLambda: key.Item1 != AwsSdk.None),
            new CSharpCompilationOptions(key.Item2, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false)));

    public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> documents, AwsSdk sdk = AwsSdk.V4)
    {
        var trees = documents.Select(d => CSharpSyntaxTree.ParseText(d.Text, ParseOptions, d.Path)).ToArray();
        var kind = trees.Any(HasTopLevelStatements) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        return BaseCompilation(sdk, kind).AddSyntaxTrees(trees);
    }

    public static CSharpCompilation Compile(string path, string text, AwsSdk sdk = AwsSdk.V4) => Compile(new[] { (path, text) }, sdk);

    public static AnalysisRun Run(Compilation compilation, bool concurrent = false, ImmutableArray<DiagnosticAnalyzer>? analyzers = null, CancellationToken cancellationToken = default)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var started = DateTime.UtcNow;
        var withAnalyzers = compilation.WithAnalyzers(analyzers ?? Analyzers, options);
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id == "AD0001")
            {
                exceptions.Enqueue(diagnostic.ToString());
            }
        }

        return new AnalysisRun(diagnostics.Where(d => d.Id != "AD0001").ToImmutableArray(), exceptions.ToArray(), DateTime.UtcNow - started);
    }

    public static bool HasTopLevelStatements(SyntaxTree tree)
        => tree.GetRoot() is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax unit
           && unit.Members.Any(m => m is Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax);
}
