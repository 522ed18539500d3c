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

    public static bool IsRetrySyntax(IMethodSymbol method)
        => method.ContainingType is { Name: "RetrySyntax" or "AsyncRetrySyntax" or "RetryTResultSyntax" or "AsyncRetryTResultSyntax", ContainingNamespace: { Name: "Polly", ContainingNamespace.IsGlobalNamespace: true } };
}
