using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Platform;

/// <summary>The rule platform: shared per-compilation symbols, prefilters, dispatch of AWS calls, and rules turned off.</summary>
public class RulePlatformTests
{
    private const string Source = """
        using Amazon.S3;
        using Amazon.S3.Model;
        class C
        {
            System.Threading.Tasks.Task M(IAmazonS3 s3) => s3.ListBucketsAsync();
            System.Threading.Tasks.Task N(AmazonS3Client s3) => s3.ListObjectsV2Async(new ListObjectsV2Request());
            void O() { System.Console.WriteLine(); }
        }
        """;

    private static CSharpCompilation Compile(string source = Source, CSharpCompilationOptions? options = null)
    {
        var compilation = CSharpCompilation.Create(
            "Platform",
            new[] { CSharpSyntaxTree.ParseText(source, path: "/0/Test0.cs") },
            ReferenceSets.Net.AddRange(ReferenceSets.AwsV4.OfType<PortableExecutableReference>()),
            options ?? new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    private static async Task RunAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers)
        => Assert.Empty(await compilation.WithAnalyzers(analyzers.ToImmutableArray()).GetAnalyzerDiagnosticsAsync());

    [Theory]
    [InlineData("ListBucketsAsync", 1, 1)]
    [InlineData("Scan", 0, 0)]
    public async Task SymbolsAreResolvedOnlyForOperationsThatPassThePrefilter(string methodName, int resolutions, int actions)
    {
        // A project that never makes the call a rule looks for never pays for its symbol lookups.
        var probe = new ProbeRule("PROBE01", methodName);
        await RunAsync(Compile(), probe);
        Assert.Equal(resolutions, probe.Resolutions);
        Assert.Equal(actions, probe.Actions);
    }

    [Fact]
    public async Task RulesHostedTogetherShareOneResolutionOfTheirSymbols()
    {
        var resolver = new Resolver();
        var first = new ProbeRule("PROBE01", "ListBucketsAsync", resolver: resolver);
        var second = new ProbeRule("PROBE02", "ListBucketsAsync", resolver: resolver);
        var other = new ProbeRule("PROBE03", "ListBucketsAsync");
        await RunAsync(Compile(), new Host(first, second, other));
        Assert.Equal(1, first.Actions);
        Assert.Equal(1, second.Actions);
        Assert.Equal(1, resolver.Resolutions);
        Assert.Equal(1, other.Resolutions);

        // Both factories start from the one AwsSymbols of the compilation.
        Assert.Same(first.Seen.Single(), second.Seen.Single());
        Assert.Same(first.Seen.Single(), other.Seen.Single());
    }

    [Fact]
    public async Task AwsCallsAreClassifiedOnceAndHandedToTheRulesThatAskedForThem()
    {
        var listObjects = new ProbeRule("PROBE01", service: "S3", operation: "ListObjectsV2");
        var sqs = new ProbeRule("PROBE02", service: "SQS", operation: "ListObjectsV2");
        await RunAsync(Compile(), new Host(listObjects, sqs));
        Assert.Equal(new[] { "ListObjectsV2 S3 request" }, listObjects.Calls);
        Assert.Empty(sqs.Calls);
    }

    [Fact]
    public void ThePackageReportsWhatEachRuleReportsAlone()
    {
        // The shipped path (one host, one action per operation kind, calls classified once) against every rule run on its own,
        // over the samples and robustness snippets.
        var reported = new HashSet<string>();
        foreach (var document in Robustness.Corpus.Realistic)
        {
            var compilation = Robustness.AnalyzerRunner.Compile(document.Name, document.Text);
            var alone = Robustness.AnalyzerRunner.Run(compilation);
            var hosted = Robustness.AnalyzerRunner.Run(compilation, analyzers: ImmutableArray.Create<DiagnosticAnalyzer>(Infrastructure.AnalyzerCatalog.Package));
            Assert.Empty(alone.Exceptions);
            Assert.Empty(hosted.Exceptions);
            Assert.Equal(Describe(alone.Diagnostics), Describe(hosted.Diagnostics));
            reported.UnionWith(hosted.Diagnostics.Select(d => d.Id));
        }

        // Not vacuous: the corpus shows every shipped rule.
        Assert.Equal(Infrastructure.AnalyzerCatalog.Descriptors.Select(d => d.Id).OrderBy(id => id), reported.OrderBy(id => id));

        static string[] Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}").OrderBy(d => d, System.StringComparer.Ordinal).ToArray();
    }

    public static IEnumerable<object[]> TurnedOff()
    {
        yield return new object[] { "compilation options (/nowarn, rule set)" };
        yield return new object[] { "the file's .editorconfig" };
        yield return new object[] { "a global config" };
    }

    [Theory]
    [MemberData(nameof(TurnedOff))]
    public async Task ARuleTurnedOffDoesNoWorkOfItsOwn(string where)
    {
        var off = new ProbeRule("PROBE01", "ListBucketsAsync");
        var on = new ProbeRule("PROBE02", "ListBucketsAsync");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        options = where switch
        {
            "compilation options (/nowarn, rule set)" => options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["PROBE01"] = ReportDiagnostic.Suppress }),
            "the file's .editorconfig" => options.WithSyntaxTreeOptionsProvider(new TreeOptions("PROBE01", perTree: true)),
            _ => options.WithSyntaxTreeOptionsProvider(new TreeOptions("PROBE01", perTree: false)),
        };
        await RunAsync(Compile(options: options), new Host(off, on));
        Assert.Equal(0, off.Actions);
        Assert.Equal(1, on.Actions);
    }

    [Theory]
    [InlineData("dotnet_analyzer_diagnostic.category-c.severity", "none", 0)]
    [InlineData("dotnet_analyzer_diagnostic.severity", "none", 0)]
    [InlineData("dotnet_analyzer_diagnostic.category-c.severity", "warning", 1)]
    [InlineData("dotnet_analyzer_diagnostic.category-other.severity", "none", 1)]
    public async Task ARuleTurnedOffByCategoryOrForAllAnalyzersDoesNoWork(string key, string value, int actions)
    {
        var probe = new ProbeRule("PROBE01", "ListBucketsAsync");
        var config = new ConfigOptions(new Dictionary<string, string> { [key] = value });
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, config);
        var compilation = Compile();
        Assert.Empty(await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new Host(probe)), options).GetAnalyzerDiagnosticsAsync());
        Assert.Equal(actions, probe.Actions);
    }

    [Fact]
    public async Task AFilesOwnSeverityWinsOverTheCompilationsAndEachFileIsJudgedOnItsOwn()
    {
        // Off for the compilation (/nowarn), back on in one file's .editorconfig: the rule runs in that file only.
        var probe = new ProbeRule("PROBE01", "ListBucketsAsync");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["PROBE01"] = ReportDiagnostic.Suppress })
            .WithSyntaxTreeOptionsProvider(new OneFileOn("/0/Test1.cs", "PROBE01"));
        var compilation = Compile(options: options).AddSyntaxTrees(CSharpSyntaxTree.ParseText(Source.Replace("class ", "class Second", System.StringComparison.Ordinal), path: "/0/Test1.cs"));
        await RunAsync(compilation, new Host(probe));
        Assert.Equal(1, probe.Actions);
    }

    private sealed class OneFileOn(string path, string id) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Warn;
            return tree.FilePath == path && diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return false;
        }
    }

    private sealed class ConfigOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    private sealed class TreeOptions(string suppressed, bool perTree) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => Get(perTree, diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => Get(!perTree, diagnosticId, out severity);

        private bool Get(bool applies, string id, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Suppress;
            return applies && id == suppressed;
        }
    }

#pragma warning disable RS1001, RS1025, RS1026, RS2008 // test doubles, never loaded by a compiler
    private sealed class Host(params AwsRule[] rules) : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = rules.SelectMany(r => r.SupportedDiagnostics).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            RuleHost.Register(context, rules.ToImmutableArray());
        }
    }

    /// <summary>One symbol-set factory (a method on one target), so rules that use the same resolver share one resolution.</summary>
    private sealed class Resolver
    {
        private int _resolutions;

        public int Resolutions => _resolutions;

        public AwsSymbols Resolve(AwsSymbols aws)
        {
            Interlocked.Increment(ref _resolutions);
            return aws;
        }
    }

    /// <summary>Counts its actions and the symbols it saw: on invocations named <c>name</c>, or on one AWS operation.</summary>
    private sealed class ProbeRule : AwsRule
    {
        private readonly string? _name;
        private readonly string? _service;
        private readonly string? _operation;
        private int _actions;

        public ProbeRule(string id, string? name = null, string? service = null, string? operation = null, Resolver? resolver = null)
            : base(new DiagnosticDescriptor(id, "t", "m", "c", DiagnosticSeverity.Warning, true))
        {
            _name = name;
            _service = service;
            _operation = operation;
            Resolver = resolver ?? new Resolver();
        }

        public Resolver Resolver { get; }
        public int Actions => _actions;
        public int Resolutions => Resolver.Resolutions;
        public List<AwsSymbols> Seen { get; } = new();
        public List<string> Calls { get; } = new();

        internal override void Register(RuleRegistration registration)
        {
            if (_operation is { } operation)
            {
                registration.RegisterServiceCall(_service!, new[] { operation }, (_, call) =>
                {
                    lock (Calls)
                    {
                        Calls.Add($"{call.Name} {_service} {(call.RequestArgument is null ? "no request" : "request")}");
                    }
                });
                return;
            }

            registration.RegisterOperationAction(
                registration.Symbols<AwsSymbols>(Resolver.Resolve),
                operation => operation is IInvocationOperation invocation && invocation.TargetMethod.Name == _name,
                (_, aws) =>
                {
                    Interlocked.Increment(ref _actions);
                    lock (Seen)
                    {
                        Seen.Add(aws);
                    }
                },
                OperationKind.Invocation);
        }
    }
#pragma warning restore RS1001, RS1025, RS1026, RS2008
}
