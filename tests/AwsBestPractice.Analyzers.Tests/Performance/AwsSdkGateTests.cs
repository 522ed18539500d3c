using System.IO;
using System.Linq;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
