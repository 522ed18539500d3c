using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Rules.UseTransferUtilityForFileUploads;

/// <summary>
/// AWSBP050: an S3 <c>PutObject</c> whose request uploads a local file (<c>FilePath</c>, or an <c>InputStream</c> opened from a
/// file): one PUT request, limited to 5 GB, sent in one piece and restarted whole on failure, where <c>TransferUtility</c>
/// switches to a multipart upload above 16 MB and retries parts. The rule cannot know the file's size; below 16 MB
/// <c>TransferUtility</c> sends one PutObject itself, so the change costs nothing there.
/// </summary>
public sealed class UseTransferUtilityForFileUploadsAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP050",
        "PutObject uploads {0} in a single request, limited to 5 GB and restarted whole on any failure; use TransferUtility, which switches to a multipart upload with retried parts above 16 MB",
        "AWS guidance: use multipart upload for files over 100 MB, and it is required above 5 GB; it parallelizes the upload. "
        + "TransferUtility uploads a file with one PutObject below 16 MB and with a multipart upload above (parts sent in parallel from a "
        + "file path, each part retried on its own), so a failure late in a large upload does not start it over.");

    private const string FromFilePath = "the file at FilePath";
    private const string FromFileStream = "a stream opened from a file";

    public UseTransferUtilityForFileUploadsAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.S3");

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(S3TransferSymbols.TryCreate);
        registration.RegisterServiceCall("S3", new[] { "PutObject" }, (ctx, call) =>
        {
            if (call.RequestArgument is null
                || !call.TryGetRequest(ctx.CancellationToken, out var creation, out var assignments))
            {
                return;
            }

            var source = RequestObjects.SetsAny(assignments, "FilePath") ? FromFilePath : null;
            foreach (var assignment in assignments)
            {
                if (source is null && assignment.Property.Name == "InputStream" && FileStreams.IsOpenedFromFile(assignment.Value, ctx.CancellationToken))
                {
                    source = FromFileStream;
                }
            }

            if (source is null)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var locations = ImmutableArray<Location>.Empty;
            if (symbols.Value is { } s3 && TransferUtilityRewrite.TryCreate(call, creation, s3, ctx.CancellationToken, out var rewrite))
            {
                (properties, locations) = rewrite.FixData();
            }

            ctx.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), locations, properties, source));
        });
    }
}
