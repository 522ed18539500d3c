using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Rules.ReceiveSqsMessagesInBatches;

/// <summary>
/// AWSBP041: an SQS <c>ReceiveMessage</c> that receives at most one message (<c>MaxNumberOfMessages</c> never set, or 1) while the
/// method handles the response's <c>Messages</c> as a list: one request per message where one request could bring ten.
/// </summary>
public sealed class ReceiveSqsMessagesInBatchesAnalyzer : AwsRule
{
    internal const string Property = "MaxNumberOfMessages";
    internal const int BatchSize = 10;

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP041",
        "ReceiveMessage returns at most one message because MaxNumberOfMessages is {0}, yet the code handles the response's Messages as a list; set MaxNumberOfMessages to 10 to receive up to 10 messages per request",
        "AWS guidance: a consumer receives up to 10 messages at a time. ReceiveMessage returns one message unless MaxNumberOfMessages "
        + "says otherwise, so a consumer written for a list of messages makes one request, and pays for one, per message.");

    public ReceiveSqsMessagesInBatchesAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.SQS");

    internal override void Register(RuleRegistration registration)
        => registration.RegisterServiceCall("SQS", new[] { "ReceiveMessage" }, static (ctx, call) =>
        {
            if (!RequestProperty.TryInspect(call, Property, ctx.CancellationToken, out var request)
                || !(request.State == PropertyState.NeverSet || (request.State == PropertyState.Constant && request.Value == 1))
                || !MessageHandling.HandlesSeveral(call.Invocation, ctx.CancellationToken))
            {
                return;
            }

            var (properties, locations) = request.FixData();
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, request.Location, locations, properties, request.State == PropertyState.NeverSet ? "not set (default 1)" : "1"));
        });
}
