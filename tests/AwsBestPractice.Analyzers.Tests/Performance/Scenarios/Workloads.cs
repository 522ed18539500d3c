using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>A generated compilation and the diagnostics the shipped rules must report on it, by ID.</summary>
public sealed class Workload
{
    public Workload(string name, CSharpCompilation compilation, IReadOnlyDictionary<string, int> expected)
    {
        Name = name;
        Compilation = compilation;
        Expected = expected;
        _lines = new Lazy<int>(() => compilation.SyntaxTrees.Sum(t => t.GetText().Lines.Count));
    }

    private readonly Lazy<int> _lines;

    public string Name { get; }
    public CSharpCompilation Compilation { get; }

    /// <summary>Expected diagnostic count per rule ID; IDs not listed must not be reported.</summary>
    public IReadOnlyDictionary<string, int> Expected { get; }

    public int ExpectedTotal => Expected.Values.Sum();
    public int Files => Compilation.SyntaxTrees.Length;
    public int Lines => _lines.Value;

    /// <summary>The same workload expecting only the diagnostics of <paramref name="ids"/> (for a run of some analyzers).</summary>
    public Workload Restrict(IEnumerable<string> ids)
    {
        var set = new HashSet<string>(ids, StringComparer.Ordinal);
        return new Workload(Name, Compilation, Expected.Where(e => set.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
    }

    public override string ToString() => Name;
}

/// <summary>Builds the generated compilations the benchmarks and <c>ScenarioTests</c> run on.</summary>
public static class Workloads
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>Files of one rule's scenario, all in the same variant.</summary>
    public static Workload Rule(string ruleId, ScenarioVariant variant, int files, bool concurrent = false)
    {
        var scenario = ScenarioCatalog.Scenarios[ruleId];
        var sources = Enumerable.Range(0, files).Select(i => scenario.Generate(i, variant));
        var expected = variant == ScenarioVariant.Fires
            ? new Dictionary<string, int> { [ruleId] = scenario.DiagnosticsPerFile * files }
            : new Dictionary<string, int>();
        return new Workload($"{ruleId}-{variant}", Compile($"{ruleId}.{variant}", sources, scenario.Sdk, concurrent), expected);
    }

    /// <summary>Files of every measured scenario, round-robin, all in the same variant: what "all rules together" runs on.</summary>
    public static Workload AllRules(ScenarioVariant variant, int files, bool concurrent = false)
    {
        var ids = ScenarioCatalog.MeasuredRuleIds;
        if (ids.Count == 0)
        {
            throw new InvalidOperationException("No shipped rule has a scenario.");
        }

        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new List<string>(files);
        for (var i = 0; i < files; i++)
        {
            var scenario = ScenarioCatalog.Scenarios[ids[i % ids.Count]];
            sources.Add(scenario.Generate(i, variant));
            if (variant == ScenarioVariant.Fires)
            {
                expected[scenario.RuleId] = expected.TryGetValue(scenario.RuleId, out var count) ? count + scenario.DiagnosticsPerFile : scenario.DiagnosticsPerFile;
            }
        }

        return new Workload($"AllRules-{variant}", Compile($"AllRules.{variant}", sources, AwsSdk.V4, concurrent), expected);
    }

    /// <summary>Files that do not use AWS, in a compilation that does not reference the AWS SDK (nor the Lambda types).</summary>
    public static Workload NonAws(int files, bool concurrent = false)
        => new("NonAws", Compile("NonAws", Enumerable.Range(0, files).Select(CodeShapes.NonAwsFile), AwsSdk.None, concurrent), new Dictionary<string, int>());

    /// <summary>
    /// The same files that do not use AWS, in a compilation that references the AWS SDK: a project of a solution that uses AWS
    /// elsewhere (a web front end, a domain library), where every rule is on and finds nothing.
    /// </summary>
    public static Workload SdkUnused(int files, bool concurrent = false)
        => new("SdkUnused", Compile("SdkUnused", Enumerable.Range(0, files).Select(CodeShapes.NonAwsFile), AwsSdk.V4, concurrent), new Dictionary<string, int>());

    /// <summary>
    /// One AWS-heavy document of at least <paramref name="minLines"/> lines (the "fires" code of every scenario, merged into one
    /// file with block namespaces) in a compilation with <paramref name="otherFiles"/> other (clean) AWS files: what the IDE
    /// analyses after a keystroke in that document.
    /// </summary>
    public static (Workload Workload, SyntaxTree Document) IdeDocument(int minLines = 1000, int otherFiles = 50)
    {
        var ids = ScenarioCatalog.MeasuredRuleIds;
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        var parts = new List<string>();
        var merged = string.Empty;
        for (var i = 0; CodeShapes.CountLines(merged) < minLines; i++)
        {
            var scenario = ScenarioCatalog.Scenarios[ids[i % ids.Count]];
            parts.Add(scenario.Generate(100_000 + i, ScenarioVariant.Fires));
            merged = MergeIntoOneDocument(parts);
            expected[scenario.RuleId] = expected.TryGetValue(scenario.RuleId, out var count) ? count + scenario.DiagnosticsPerFile : scenario.DiagnosticsPerFile;
        }

        var document = CSharpSyntaxTree.ParseText(merged, ParseOptions, "Document.cs");
        var others = Enumerable.Range(0, otherFiles)
            .Select(i => ScenarioCatalog.Scenarios[ids[i % ids.Count]].Generate(i, ScenarioVariant.Clean))
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, $"Other{i:D4}.cs"));
        var compilation = Base(AwsSdk.V4).WithAssemblyName("IdeDocument").AddSyntaxTrees(new[] { document }.Concat(others));
        return (new Workload("IdeDocument", compilation, expected), document);
    }

    /// <summary>Merges generated files into one document: usings first, each file-scoped namespace turned into a block.</summary>
    public static string MergeIntoOneDocument(IEnumerable<string> files)
    {
        var usings = new SortedSet<string>(StringComparer.Ordinal);
        var bodies = new StringBuilder();
        foreach (var file in files)
        {
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(file, ParseOptions).GetRoot();
            foreach (var u in unit.Usings)
            {
                usings.Add(u.ToString());
            }

            foreach (var member in unit.Members)
            {
                if (member is FileScopedNamespaceDeclarationSyntax ns)
                {
                    bodies.Append("\nnamespace ").Append(ns.Name.ToString()).Append("\n{\n");
                    foreach (var u in ns.Usings)
                    {
                        bodies.Append(u.ToFullString());
                    }

                    foreach (var inner in ns.Members)
                    {
                        bodies.Append(inner.ToFullString());
                    }

                    bodies.Append("}\n");
                }
                else
                {
                    bodies.Append(member.ToFullString());
                }
            }
        }

        return string.Join("\n", usings) + "\n" + bodies;
    }

    /// <summary>
    /// A compilation of <paramref name="sources"/>. <paramref name="concurrent"/> turns on the compiler's and the analyzer driver's
    /// parallelism (as in a build); off, everything runs on one thread (steadier timings, deterministic tests).
    /// </summary>
    public static CSharpCompilation Compile(string name, IEnumerable<string> sources, AwsSdk sdk, bool concurrent = false)
    {
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, $"File{i:D4}.cs")).ToArray();
        return Base(sdk, concurrent).WithAssemblyName(name).AddSyntaxTrees(trees);
    }

    private static CSharpCompilation Base(AwsSdk sdk, bool concurrent = false)
        => CSharpCompilation.Create(
            "Workload",
            Array.Empty<SyntaxTree>(),
            ReferenceSets.For(sdk, includeLambda: sdk != AwsSdk.None),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: concurrent));

    /// <summary>
    /// Runs <paramref name="analyzers"/> the way a build does (compiler diagnostics and analyzer diagnostics of the whole
    /// compilation; concurrently when the compilation's options say so) and returns the diagnostics and any analyzer exception.
    /// </summary>
    public static WorkloadResult Analyze(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken = default)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}");
                }
            },
            concurrentAnalysis: compilation.Options.ConcurrentBuild,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var all = compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        return new WorkloadResult(all, exceptions);
    }

    /// <summary>Checks a result against a workload; returns the problems (empty when the counts are exact).</summary>
    public static IReadOnlyList<string> Check(Workload workload, WorkloadResult result, IEnumerable<string> measuredIds)
    {
        var problems = new List<string>();
        problems.AddRange(result.Exceptions.Select(e => "analyzer exception: " + e));
        problems.AddRange(result.CompilerErrors.Take(5).Select(e => "compiler error: " + e));
        var actual = result.CountsById;
        foreach (var id in measuredIds.Concat(workload.Expected.Keys).Distinct(StringComparer.Ordinal))
        {
            workload.Expected.TryGetValue(id, out var want);
            actual.TryGetValue(id, out var got);
            if (want != got)
            {
                problems.Add($"{workload.Name}: expected {want} {id} diagnostics, got {got}"
                    + (got > 0 ? " (first: " + result.AnalyzerDiagnostics.First(d => d.Id == id) + ")" : string.Empty));
            }
        }

        return problems;
    }
}

/// <summary>The diagnostics of one analysis run.</summary>
public sealed class WorkloadResult
{
    public WorkloadResult(ImmutableArray<Diagnostic> all, IReadOnlyList<string> exceptions)
    {
        All = all;
        AnalyzerDiagnostics = all.Where(d => d.Id.StartsWith("AWSBP", StringComparison.Ordinal)).ToImmutableArray();
        CompilerErrors = all.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        CountsById = AnalyzerDiagnostics.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Exceptions = exceptions.Concat(all.Where(d => d.Id == "AD0001").Select(d => d.GetMessage())).ToArray();
    }

    public ImmutableArray<Diagnostic> All { get; }
    public ImmutableArray<Diagnostic> AnalyzerDiagnostics { get; }
    public ImmutableArray<Diagnostic> CompilerErrors { get; }
    public IReadOnlyDictionary<string, int> CountsById { get; }
    public IReadOnlyList<string> Exceptions { get; }
}
