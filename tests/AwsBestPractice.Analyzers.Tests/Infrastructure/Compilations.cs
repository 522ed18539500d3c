using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

public static class Compilations
{
    public static CSharpCompilation Create(string source, AwsSdk sdk, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, string path = "Test0.cs")
        => Create(new[] { (path, source) }, sdk, kind);

    public static CSharpCompilation Create((string Path, string Source)[] sources, AwsSdk sdk, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp12);
        var trees = new SyntaxTree[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            trees[i] = CSharpSyntaxTree.ParseText(sources[i].Source, parse, sources[i].Path);
        }

        return CSharpCompilation.Create(
            "TestProject",
            trees,
            ReferenceSets.For(sdk, includeLambda: sdk != AwsSdk.None),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));
    }
}
