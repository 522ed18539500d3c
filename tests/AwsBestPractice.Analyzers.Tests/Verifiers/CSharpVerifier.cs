using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AwsBestPractice.Analyzers.Tests.Verifiers;

/// <summary>
/// The one verifier every rule test uses: <c>using Verify = CSharpVerifier&lt;TheAnalyzer, TheFixer&gt;;</c>.
/// Sources compile against the real AWS SDK (v4 by default) and the Lambda stubs; compiler errors in test sources fail the test.
/// </summary>
public static class CSharpVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string id) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(id);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        => VerifyAnalyzerAsync(source, AwsSdk.V4, expected);

    public static async Task VerifyAnalyzerAsync(string source, AwsSdk sdk, params DiagnosticResult[] expected)
    {
        var test = CreateTest(sdk);
        test.TestCode = source;
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The source compiled in a test project (one that references xUnit's <c>FactAttribute</c>): rules about production code
    /// report nothing there (<c>TestCode.IsTestProject</c>).
    /// </summary>
    public static async Task VerifyNothingInTestProjectAsync(string source, AwsSdk sdk = AwsSdk.V4)
    {
        var test = CreateTest(sdk);
        test.TestState.AdditionalReferences.Add(ReferenceSets.XunitStub);
        test.TestCode = source;
        await test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyCodeFixAsync(string source, string fixedSource, AwsSdk sdk = AwsSdk.V4, int? codeActionIndex = null, string? codeActionEquivalenceKey = null)
        => VerifyCodeFixAsync(source, System.Array.Empty<DiagnosticResult>(), fixedSource, sdk, codeActionIndex, codeActionEquivalenceKey);

    public static async Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, AwsSdk sdk = AwsSdk.V4, int? codeActionIndex = null, string? codeActionEquivalenceKey = null, int? iterations = null)
    {
        var test = CreateTest(sdk);
        test.TestCode = source;
        test.FixedCode = fixedSource;
        test.ExpectedDiagnostics.AddRange(expected);
        test.CodeActionIndex = codeActionIndex;
        test.CodeActionEquivalenceKey = codeActionEquivalenceKey;
        if (iterations is { } count)
        {
            test.NumberOfIncrementalIterations = count;
            test.NumberOfFixAllIterations = count;
        }

        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>A test that runs the fix, then Fix All in document, project and solution scope, on several documents.</summary>
    public static async Task VerifyFixAllAsync(string[] sources, string[] fixedSources, AwsSdk sdk = AwsSdk.V4, int? fixAllIterations = null)
    {
        var test = CreateTest(sdk);
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", sources[i]));
            test.FixedState.Sources.Add(($"/0/Test{i}.cs", fixedSources[i]));
        }

        if (fixAllIterations is { } count)
        {
            test.NumberOfFixAllIterations = count;
            test.NumberOfFixAllInDocumentIterations = count;
            test.NumberOfFixAllInProjectIterations = count;
        }

        await test.RunAsync(CancellationToken.None);
    }

    public static Test CreateTest(AwsSdk sdk = AwsSdk.V4) => new(sdk);

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Set to <see cref="OutputKind.ConsoleApplication"/> for sources with top-level statements.</summary>
        public OutputKind OutputKind { get; set; } = OutputKind.DynamicallyLinkedLibrary;

        /// <summary>Rules run beside <typeparamref name="TAnalyzer"/> (a test about rules that judge the same code); their diagnostics are verified too.</summary>
        public List<DiagnosticAnalyzer> OtherAnalyzers { get; } = new();

        public Test(AwsSdk sdk)
        {
            // A named reference set without a package: nothing is downloaded; the real assemblies are added below.
            ReferenceAssemblies = new ReferenceAssemblies("net8.0-aws");

            // A rule may have two messages (two descriptors of one ID, AWSBP021): markup such as {|AWSBP021:…|} means the first.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
            TestState.AdditionalReferences.AddRange(ReferenceSets.For(sdk));
            SolutionTransforms.Add((solution, projectId) =>
            {
                var project = solution.GetProject(projectId)!;
                var options = ((CSharpCompilationOptions)project.CompilationOptions!)
                    .WithNullableContextOptions(NullableContextOptions.Enable)
                    .WithOutputKind(OutputKind);
                return solution
                    .WithProjectCompilationOptions(projectId, options)
                    .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.CSharp12));
            });
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(OtherAnalyzers);
    }
}

/// <summary>Analyzer-only verification (rules without a fix).</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        => CSharpVerifier<TAnalyzer, EmptyCodeFixProvider>.VerifyAnalyzerAsync(source, AwsSdk.V4, expected);

    public static Task VerifyAnalyzerAsync(string source, AwsSdk sdk, params DiagnosticResult[] expected)
        => CSharpVerifier<TAnalyzer, EmptyCodeFixProvider>.VerifyAnalyzerAsync(source, sdk, expected);
}
