using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Rules.UseSqsBatchApis;

/// <summary>
/// AWSBP042: SQS <c>SendMessage</c>, <c>DeleteMessage</c> or <c>ChangeMessageVisibility</c> called once per element of a collection
/// (<see cref="PerItemCalls"/>), every element to the same queue: one billed request per message where the batch API carries up
/// to 10. Deleting each received message in <c>foreach (var m in response.Messages)</c> is the typical case. A queue URL that
/// depends on the element is not reported.
/// </summary>
public sealed class UseSqsBatchApisAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP042",
        "{0} is called once per element of '{1}', one billed request per message; use {0}Batch with up to 10 entries per request",
        "AWS guidance: SQS batch APIs (SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch) help decrease costs. SQS "
        + "bills per request, and a batch request of up to 10 messages costs the same as a request for one.");

    public UseSqsBatchApisAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.SQS");

    internal override void Register(RuleRegistration registration)
        => registration.RegisterServiceCall("SQS", new[] { "SendMessage", "DeleteMessage", "ChangeMessageVisibility" }, static (ctx, call) =>
        {
            if (!PerItemCalls.TryGet(call.Invocation, ctx.CancellationToken, out var perItem)
                || !perItem.IsSameForEveryElement(call, "QueueUrl", ctx.CancellationToken))
            {
                return;
            }

            var properties = perItem.IsSimpleForEach
                ? ImmutableDictionary<string, string?>.Empty.Add(PerItemCalls.FixableKey, "1")
                : ImmutableDictionary<string, string?>.Empty;
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), properties, call.Name, perItem.CollectionText));
        });
}
