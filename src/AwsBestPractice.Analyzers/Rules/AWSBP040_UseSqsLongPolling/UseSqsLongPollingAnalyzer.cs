using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Rules.UseSqsLongPolling;

/// <summary>
/// AWSBP040: an SQS <c>ReceiveMessage</c> whose request never sets <c>WaitTimeSeconds</c> (the queue's
/// <c>ReceiveMessageWaitTimeSeconds</c> applies, 0 unless configured) or sets it to 0 on every path: short polling, where every
/// empty receive is a billed request and a receive may miss messages.
/// </summary>
public sealed class UseSqsLongPollingAnalyzer : AwsRule
{
    internal const string Property = "WaitTimeSeconds";
    internal const int LongPollSeconds = 20;

    private const string NeverSet = "never sets WaitTimeSeconds, so it uses the queue's ReceiveMessageWaitTimeSeconds, which is 0 (short polling) unless the queue sets it";
    private const string SetToZero = "sets WaitTimeSeconds to 0 (short polling): every empty receive is a billed request";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP040",
        "ReceiveMessage {0}; set WaitTimeSeconds to 20 to long-poll",
        "AWS guidance: use SQS long polling. A receive with WaitTimeSeconds of 0 returns at once, even when the queue is empty, so a "
        + "consumer loop pays for a stream of empty responses and may miss messages held on other servers; WaitTimeSeconds up to 20 "
        + "makes SQS wait for a message, which cuts the number of requests and their cost.");

    public UseSqsLongPollingAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.SQS");

    internal override void Register(RuleRegistration registration)
    {
        var context = registration.Context;
        registration.RegisterServiceCall("SQS", new[] { "ReceiveMessage" }, (ctx, call) =>
        {
            if (!RequestProperty.TryInspect(call, Property, ctx.CancellationToken, out var request))
            {
                return;
            }

            string reason;
            if (request.State == PropertyState.Constant && request.Value == 0)
            {
                reason = SetToZero;
            }
            else if (request.State == PropertyState.NeverSet && !QueueAttributes.AnyQueueSets(context, "ReceiveMessageWaitTimeSeconds"))
            {
                reason = NeverSet;
            }
            else
            {
                return;
            }

            var (properties, locations) = request.FixData();
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, request.Location, locations, properties, reason));
        });
    }
}
