using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// One rule of the catalogue: its descriptors, the assemblies it needs (<see cref="Gate"/>) and the callbacks it registers in
/// <see cref="Register"/>, once per compilation. <see cref="Initialize"/> is sealed: a rule run on its own (tests, one-rule
/// benchmarks) goes through the same <see cref="RuleHost"/> as the package's <see cref="AwsBestPracticeAnalyzer"/>, which hosts
/// every rule in one analyzer, classifies each operation once and hands it to the rules that asked for it.
/// </summary>
/// <remarks>Rules hold no state: everything per compilation lives in the closures <see cref="Register"/> creates.</remarks>
public abstract class AwsRule : DiagnosticAnalyzer
{
    private protected AwsRule(DiagnosticDescriptor descriptor, params DiagnosticDescriptor[] more)
        => SupportedDiagnostics = ImmutableArray.Create(descriptor).AddRange(more);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>The assemblies the rule needs, judged without binding; without them the rule registers nothing.</summary>
    internal virtual RuleGate Gate => RuleGate.AwsSdk;

    /// <summary>Registers the rule's callbacks for one compilation that passed <see cref="Gate"/>.</summary>
    internal abstract void Register(RuleRegistration registration);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RuleHost.Register(context, ImmutableArray.Create(this));
    }
}
