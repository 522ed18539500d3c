using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Performance;

/// <summary>The symbol-free pre-check that keeps a project without the AWS SDK from paying for type lookups.</summary>
public class AwsSdkGateTests
{
    private static readonly MetadataReference CoreLib = MetadataReference.CreateFromFile(typeof(object).Assembly.Location);

    private static CSharpCompilation Compile(string source, params MetadataReference[] references)
        => CSharpCompilation.Create("Gate", new[] { CSharpSyntaxTree.ParseText(source) }, references);

    private const string ClientBaseType = "namespace Amazon.Runtime { public abstract class AmazonServiceClient { } }";

    [Fact]
    public void FileReferencesWithoutAwsSdkCoreAreRejectedWithoutBinding()
    {
        var compilation = Compile("class C { }", CoreLib);
        Assert.False(AwsSymbols.MayReferenceAwsSdk(compilation));
        Assert.Null(AwsSymbols.TryCreate(compilation));
    }

    [Fact]
    public void AwsSdkCoreFileReferencePasses()
    {
        var core = ReferenceSets.AwsV4.OfType<PortableExecutableReference>().Single(r => Path.GetFileName(r.FilePath) == "AWSSDK.Core.dll");
        var compilation = Compile("class C { }", CoreLib, core);
        Assert.True(AwsSymbols.MayReferenceAwsSdk(compilation));
        Assert.NotNull(AwsSymbols.TryCreate(compilation));
    }

    [Fact]
    public void InMemoryReferencesFallBackToTheLookup()
    {
        var compilation = Compile("class C { }", ReferenceSets.Lambda);
        Assert.True(AwsSymbols.MayReferenceAwsSdk(compilation));
        Assert.Null(AwsSymbols.TryCreate(compilation));
    }

    [Fact]
    public void TheSdkCoreAssemblyItselfPasses()
    {
        var compilation = Compile(ClientBaseType, CoreLib).WithAssemblyName("AWSSDK.Core");
        Assert.True(AwsSymbols.MayReferenceAwsSdk(compilation));
        Assert.NotNull(AwsSymbols.TryCreate(compilation));
    }

    [Fact]
    public void AClientBaseTypeDeclaredInAnotherAssemblysSourceIsNotLookedFor()
    {
        // Asking the declaration table would cost every non-AWS project its construction (tens of ms charged to our analyzer).
        Assert.False(AwsSymbols.MayReferenceAwsSdk(Compile(ClientBaseType, CoreLib)));
    }

    [Fact]
    public void ScriptsFallBackToTheLookup()
    {
        var script = CSharpCompilation.CreateScriptCompilation(
            "Gate", CSharpSyntaxTree.ParseText("var x = 1;", new CSharpParseOptions(kind: SourceCodeKind.Script)), new[] { CoreLib });
        Assert.True(AwsSymbols.MayReferenceAwsSdk(script));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task TheDynamoDbRuleRegistersOnlyWhenTheDynamoDbAssemblyMayBeReferenced(bool withDynamoDb, int operationActions)
    {
        // An S3-only service references AWSSDK.Core but not AWSSDK.DynamoDBv2: AWSBP030 has nothing to look at there.
        var references = ReferenceSets.Net.AddRange(ReferenceSets.AwsV4.OfType<PortableExecutableReference>()
            .Where(r => withDynamoDb || Path.GetFileName(r.FilePath) != "AWSSDK.DynamoDBv2.dll"));
        var compilation = Compile(
            "using Amazon.S3; class C { System.Threading.Tasks.Task M(IAmazonS3 s3) => s3.ListBucketsAsync(); }", references.ToArray())
            .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Equal(withDynamoDb, AwsSymbols.MayReferenceSdkAssembly(compilation, DynamoDbSymbols.AssemblyName));

        var analyzer = new ScanAndDeleteTableCleanupAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
        Assert.Equal(operationActions, telemetry.OperationActionsCount);
    }

    [Fact]
    public void TheSdkAssemblyItselfPassesItsOwnGate()
        => Assert.True(AwsSymbols.MayReferenceSdkAssembly(Compile("class C { }", CoreLib).WithAssemblyName("AWSSDK.DynamoDBv2"), DynamoDbSymbols.AssemblyName));

    [Fact]
    public void PollyIsJudgedByItsFileNamesToo()
    {
        var withPolly = Compile("class C { }", ReferenceSets.AwsV4.OfType<PortableExecutableReference>().ToArray());
        Assert.True(AwsSymbols.MayReferenceAssembly(withPolly, "Polly.dll", "Polly.Core.dll"));

        var withoutPolly = Compile("class C { }", ReferenceSets.AwsV4.OfType<PortableExecutableReference>()
            .Where(r => !Path.GetFileName(r.FilePath)!.StartsWith("Polly", System.StringComparison.Ordinal)).ToArray());
        Assert.True(AwsSymbols.MayReferenceAwsSdk(withoutPolly));
        Assert.False(AwsSymbols.MayReferenceAssembly(withoutPolly, "Polly.dll", "Polly.Core.dll"));
    }
}
