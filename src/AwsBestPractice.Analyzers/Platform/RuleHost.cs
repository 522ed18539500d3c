using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// What the one <c>Initialize</c> of every rule and of the package's analyzer registers (after concurrent execution and no
/// generated code): a compilation-start action that registers nothing unless the compilation may reference the AWS SDK (judged by file names, no
/// binding) and a rule's own gate passes.
/// </summary>
internal static class RuleHost
{
    /// <summary>Called by an <c>Initialize</c> that enabled concurrent execution and turned off generated-code analysis.</summary>
    public static void Register(AnalysisContext context, ImmutableArray<AwsRule> rules)
    {
        context.RegisterCompilationStartAction(start =>
        {
            var aws = new AwsContext(start.Compilation);
            if (!aws.MayReferenceAwsSdk)
            {
                return;
            }

            var dispatcher = new RuleDispatcher(aws, rules);
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Gate.Passes(start.Compilation, aws))
                {
                    rules[i].Register(new RuleRegistration(dispatcher, i, start.Options));
                }
            }

            dispatcher.RegisterWith(start);
        });
    }
}
