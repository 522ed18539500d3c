using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AwsBestPractice.Analyzers.Tests.Verifiers;

public enum AwsSdk
{
    /// <summary>AWS SDK for .NET v4 (4.x): S3, DynamoDBv2, SQS, SecurityToken, EC2, SimpleSystemsManagement, plus Polly.</summary>
    V4,

    /// <summary>AWS SDK for .NET v3 (3.7.x): Core and S3 (the versions served here), SQS as stubs with the real names (<see cref="SqsV3Stubs"/>), plus Polly.</summary>
    V3,

    /// <summary>No AWS SDK at all: the .NET reference assemblies only.</summary>
    None,
}

/// <summary>
/// Metadata references built once from the test project's own output (the real AWSSDK and Polly packages) and a fixed BCL
/// reference set, so tests need no network and no package download.
/// </summary>
public static class ReferenceSets
{
    private static readonly string OutputDirectory = Path.GetDirectoryName(typeof(ReferenceSets).Assembly.Location)!;

    public static ImmutableArray<MetadataReference> Net { get; } = Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray();

    public static MetadataReference Lambda { get; } = CompileStubs("Amazon.Lambda.Stubs", LambdaStubs.Source, Net);

    private static readonly ImmutableArray<MetadataReference> Polly = FromOutput("Polly.dll", "Polly.Core.dll");

    public static ImmutableArray<MetadataReference> AwsV4 { get; } = FromOutput(
        "AWSSDK.Core.dll", "AWSSDK.S3.dll", "AWSSDK.DynamoDBv2.dll", "AWSSDK.SQS.dll", "AWSSDK.SecurityToken.dll",
        "AWSSDK.EC2.dll", "AWSSDK.SimpleSystemsManagement.dll").AddRange(Polly);

    private static readonly ImmutableArray<MetadataReference> AwsV3Files = FromOutput(Path.Combine("sdkv3", "AWSSDK.Core.dll"), Path.Combine("sdkv3", "AWSSDK.S3.dll"));

    public static ImmutableArray<MetadataReference> AwsV3 { get; } = AwsV3Files
        .Add(CompileStubs("AWSSDK.SQS", SqsV3Stubs.Source, Net.AddRange(AwsV3Files)))
        .AddRange(Polly);

    /// <summary>
    /// AWSSDK.Extensions.NETCore.Setup (<c>AddAWSService&lt;T&gt;()</c>) and the Microsoft.Extensions abstractions it needs
    /// (<c>IServiceCollection</c>), for tests of fixes that register clients with dependency injection (SDK v4).
    /// </summary>
    public static ImmutableArray<MetadataReference> AspNetCoreSetup { get; } = FromOutput(
        "AWSSDK.Extensions.NETCore.Setup.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
        "Microsoft.Extensions.Configuration.Abstractions.dll", "Microsoft.Extensions.Logging.Abstractions.dll", "Microsoft.Extensions.Primitives.dll");

    /// <summary>A stand-in for xunit.core (<c>Xunit.FactAttribute</c> from another assembly): the compilation is a test project.</summary>
    public static MetadataReference XunitStub { get; } = CompileStubs("xunit.core", "namespace Xunit { public sealed class FactAttribute : System.Attribute { } }", Net);

    public static ImmutableArray<MetadataReference> For(AwsSdk sdk, bool includeLambda = true)
    {
        var references = sdk switch
        {
            AwsSdk.V4 => Net.AddRange(AwsV4),
            AwsSdk.V3 => Net.AddRange(AwsV3),
            _ => Net,
        };

        return includeLambda ? references.Add(Lambda) : references;
    }

    private static ImmutableArray<MetadataReference> FromOutput(params string[] files)
        => files.Select(file =>
        {
            // Prefer the net8.0 build of a package (copied to net8ref/ at build): it matches the net8.0 BCL reference set.
            var net8 = Path.Combine(OutputDirectory, "net8ref", file);
            var path = File.Exists(net8) ? net8 : Path.Combine(OutputDirectory, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Reference assembly '{path}' is missing; build the test project first.");
            }

            return (MetadataReference)MetadataReference.CreateFromFile(path);
        }).ToImmutableArray();

    /// <summary>An in-memory assembly of stand-in types with the real full names, for packages that are not served here.</summary>
    private static MetadataReference CompileStubs(string assemblyName, string source, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(assemblyName + " stubs do not compile: " + string.Join(Environment.NewLine, result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
