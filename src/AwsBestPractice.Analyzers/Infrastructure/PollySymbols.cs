using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Polly's retry types, v7 (<c>Policy</c>, <c>PolicyBuilder</c>, <c>RetrySyntax</c>) and v8 (<c>PredicateBuilder&lt;T&gt;</c>,
/// <c>RetryStrategyOptions&lt;T&gt;</c>), resolved once per compilation; null when neither version is referenced. Shared by the
/// retry rules (AWSBP020, AWSBP021).
/// </summary>
internal sealed class PollySymbols
{
    private PollySymbols(INamedTypeSymbol? policy, INamedTypeSymbol? policyOfT, INamedTypeSymbol? policyBuilder, INamedTypeSymbol? policyBuilderOfT, INamedTypeSymbol? predicateBuilderOfT, INamedTypeSymbol? retryStrategyOptionsOfT)
    {
        Policy = policy;
        PolicyOfT = policyOfT;
        PolicyBuilder = policyBuilder;
        PolicyBuilderOfT = policyBuilderOfT;
        PredicateBuilderOfT = predicateBuilderOfT;
        RetryStrategyOptionsOfT = retryStrategyOptionsOfT;
    }

    public INamedTypeSymbol? Policy { get; }
    public INamedTypeSymbol? PolicyOfT { get; }
    public INamedTypeSymbol? PolicyBuilder { get; }
    public INamedTypeSymbol? PolicyBuilderOfT { get; }
    public INamedTypeSymbol? PredicateBuilderOfT { get; }
    public INamedTypeSymbol? RetryStrategyOptionsOfT { get; }

    public static PollySymbols? TryCreate(Compilation compilation)
    {
        var policy = AwsSymbols.GetType(compilation, "Polly.Policy");
        var policyOfT = AwsSymbols.GetType(compilation, "Polly.Policy`1");
        var policyBuilder = AwsSymbols.GetType(compilation, "Polly.PolicyBuilder");
        var policyBuilderOfT = AwsSymbols.GetType(compilation, "Polly.PolicyBuilder`1");
        var predicateBuilderOfT = AwsSymbols.GetType(compilation, "Polly.PredicateBuilder`1");
        var retryOptionsOfT = AwsSymbols.GetType(compilation, "Polly.Retry.RetryStrategyOptions`1");
        var hasV7 = policy is not null || policyBuilder is not null;
        var hasV8 = predicateBuilderOfT is not null && retryOptionsOfT is not null;
        return hasV7 || hasV8
            ? new PollySymbols(policy, policyOfT, policyBuilder, policyBuilderOfT, hasV8 ? predicateBuilderOfT : null, hasV8 ? retryOptionsOfT : null)
            : null;
    }

    public bool IsPolicyOrBuilder(INamedTypeSymbol type)
        => type.IsType(Policy) || type.IsType(PolicyOfT) || type.IsType(PolicyBuilder) || type.IsType(PolicyBuilderOfT);

    /// <summary><c>Polly.Retry.RetryStrategyOptions</c> or <c>RetryStrategyOptions&lt;T&gt;</c> itself, not a subclass with other defaults (<c>HttpRetryStrategyOptions</c>).</summary>
    public bool IsRetryStrategyOptions(ITypeSymbol? type)
        => type is INamedTypeSymbol named
           && (named.OriginalDefinition.IsType(RetryStrategyOptionsOfT)
               || (named is { Name: "RetryStrategyOptions", IsGenericType: false } && named.BaseType is { } baseType && baseType.OriginalDefinition.IsType(RetryStrategyOptionsOfT)));

    public static bool IsRetrySyntax(IMethodSymbol method)
        => method.ContainingType is { Name: "RetrySyntax" or "AsyncRetrySyntax" or "RetryTResultSyntax" or "AsyncRetryTResultSyntax", ContainingNamespace: { Name: "Polly", ContainingNamespace.IsGlobalNamespace: true } };
}

/// <summary>
/// The symbols of the retry rules (AWSBP020, AWSBP021), one set per compilation for both: the SDK's exception base type (required)
/// and Polly's retry types (when Polly v7 or v8 is referenced).
/// </summary>
internal sealed class RetrySymbols
{
    private RetrySymbols(AwsSymbols aws, PollySymbols? polly)
    {
        Aws = aws;
        Polly = polly;
    }

    public AwsSymbols Aws { get; }
    public PollySymbols? Polly { get; }

    public static RetrySymbols? TryCreate(AwsSymbols aws)
        => aws.AmazonServiceException is null
            ? null
            : new RetrySymbols(aws, AwsSymbols.MayReferenceAssembly(aws.Compilation, "Polly.dll", "Polly.Core.dll") ? PollySymbols.TryCreate(aws.Compilation) : null);
}
