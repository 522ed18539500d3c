using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP022: a batch call (its response lists what the service did not do: DynamoDB <c>UnprocessedItems</c>/<c>UnprocessedKeys</c>,
/// SQS <c>Failed</c>…) whose response is discarded or whose unprocessed members are never read. A batch call succeeds as a
/// whole when some entries were throttled or failed; those entries are silently lost.
/// </summary>
public sealed class HandleUnprocessedBatchItemsAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: the response member the fix resubmits (<c>UnprocessedItems</c>, <c>Failed</c>…).</summary>
    internal const string MemberKey = "Member";

    /// <summary>Diagnostic property: present when the response is discarded (an expression statement), the shape the fix rewrites.</summary>
    internal const string DiscardedKey = "Discarded";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP022",
        "{0} can succeed with some entries not processed, and the code {1} {2}; resubmit them with backoff or report them",
        "AWS batch operations succeed as a whole even when some entries were throttled or failed: DynamoDB BatchWriteItem and "
        + "BatchGetItem return them in UnprocessedItems/UnprocessedKeys, SQS batch calls in Failed. Code that ignores those "
        + "members loses writes, reads or messages without an error.");

    public HandleUnprocessedBatchItemsAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var aws = registration.Context;
        registration.RegisterAnyServiceCall((context, call) =>
        {
            var members = aws.Model("unprocessed", call.ResponseType, static type => BatchOperations.UnprocessedMembers((ITypeSymbol)type));
            if (members.IsEmpty)
            {
                return;
            }

            var response = ResponseValues.WalkUp(call.Invocation);
            var discarded = response.Parent is IExpressionStatementOperation;
            if (!discarded)
            {
                // Reading Successful counts too: the code acts on what succeeded only.
                var reads = ResponseValues.GetMemberReads(call.Invocation, ResponseValues.NamesOf(members, "Successful"), context.CancellationToken, out var escapes);
                if (escapes || reads.Count > 0)
                {
                    return; // returned to the caller, or checked
                }
            }

            var names = string.Join(" or ", ResponseValues.NamesOf(members));
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MemberKey, members[0].Name);
            if (discarded)
            {
                properties = properties.Add(DiscardedKey, "1");
            }

            context.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), properties, call.Name, discarded ? "discards the response with its" : "never reads", names));
        });
    }
}
