using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The assemblies a rule needs, judged by the references' file names (<see cref="AwsSymbols.MayReferenceAssembly"/>): no type is
/// looked up and nothing is bound, so a compilation without them costs the rule nothing.
/// </summary>
internal sealed class RuleGate
{
    private readonly string? _serviceAssembly;

    private RuleGate(string? serviceAssembly) => _serviceAssembly = serviceAssembly;

    /// <summary>AWSSDK.Core only.</summary>
    public static RuleGate AwsSdk { get; } = new(null);

    /// <summary>AWSSDK.Core and one service assembly (<c>AWSSDK.SQS</c>): an S3-only project runs no SQS rule.</summary>
    public static RuleGate Service(string serviceAssembly) => new(serviceAssembly);

    public bool Passes(Compilation compilation, AwsContext context)
        => context.MayReferenceAwsSdk
           && (_serviceAssembly is null || context.MayReferenceSdkAssembly(_serviceAssembly));
}
