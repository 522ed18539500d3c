using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Rules.UseS3DeleteObjects;

/// <summary>
/// AWSBP052: <c>DeleteObject</c> called once per element of a collection (<see cref="PerItemCalls"/>), every element in the same
/// bucket: one request, and one billed request, per key where <c>DeleteObjects</c> deletes up to 1,000 keys in one request.
/// Versioned deletes are covered (the version goes into the batch entry); a bucket that depends on the element is not.
/// </summary>
public sealed class UseS3DeleteObjectsAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP052",
        "DeleteObject is called once per element of '{0}', one request per object; delete the keys in batches of up to 1,000 with DeleteObjects",
        "S3 charges and throttles per request. Deleting objects one DeleteObject call at a time makes one request per key, where "
        + "DeleteObjects deletes up to 1,000 keys of one bucket in one request and reports each key that failed in DeleteErrors.");

    public UseS3DeleteObjectsAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.S3");

    internal override void Register(RuleRegistration registration)
        => registration.RegisterServiceCall("S3", new[] { "DeleteObject" }, static (ctx, call) =>
        {
            if (!PerItemCalls.TryGet(call.Invocation, ctx.CancellationToken, out var perItem)
                || !perItem.IsSameForEveryElement(call, "BucketName", ctx.CancellationToken))
            {
                return;
            }

            var properties = perItem.IsSimpleForEach
                ? ImmutableDictionary<string, string?>.Empty.Add(PerItemCalls.FixableKey, "1")
                : ImmutableDictionary<string, string?>.Empty;
            ctx.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), properties, perItem.CollectionText));
        });
}
