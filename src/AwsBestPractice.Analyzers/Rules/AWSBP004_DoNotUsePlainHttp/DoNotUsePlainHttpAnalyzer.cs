using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.DoNotUsePlainHttp;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP004: AWS traffic in plain text: <c>UseHttp = true</c> on a client config that gets its endpoint from the region (no
/// <c>ServiceURL</c> in view), a constant <c>ServiceURL</c> with the <c>http://</c> scheme, and a presigned URL made with
/// <c>Protocol = Protocol.HTTP</c>. Local emulators are the exception, with the platform's one definition of "local"
/// (<see cref="LocalEndpoint"/>, read through <see cref="ClientConfiguration"/>); so is an endpoint read from configuration.
/// </summary>
public sealed class DoNotUsePlainHttpAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: what the fix changes (<see cref="RemoveUseHttp"/>, <see cref="HttpsScheme"/>, <see cref="HttpsProtocol"/>); absent when no fix is offered.</summary>
    internal const string FixKey = "Fix";

    internal const string RemoveUseHttp = "RemoveUseHttp";
    internal const string HttpsScheme = "HttpsScheme";
    internal const string HttpsProtocol = "HttpsProtocol";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP004",
        "{0} sends {1} over plain HTTP, where it can be read and changed in transit; {2}",
        "AWS requests carry signed credentials scopes and your data: send them over HTTPS (TLS) only. Plain HTTP is for local emulators "
        + "(LocalStack, DynamoDB Local, MinIO on your machine or in a compose network).");

    public DoNotUsePlainHttpAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(HttpSymbols.TryCreate);
        registration.RegisterOperationAction(
            symbols,
            static operation => operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "UseHttp" or "ServiceURL" or "Protocol" } },
            static (ctx, http) =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                var property = ((IPropertyReferenceOperation)assignment.Target).Property;
                if (property.Name == "Protocol")
                {
                    CheckProtocol(ctx, http, assignment);
                }
                else if (property.ContainingType.InheritsFrom(http.Aws.ClientConfig))
                {
                    if (property.Name == "UseHttp")
                    {
                        CheckUseHttp(ctx, assignment);
                    }
                    else
                    {
                        CheckServiceUrl(ctx, assignment);
                    }
                }
            },
            OperationKind.SimpleAssignment);
    }

    private static void CheckUseHttp(OperationAnalysisContext context, ISimpleAssignmentOperation assignment)
    {
        if (assignment.Value.WalkDownConversions().ConstantValue is not { HasValue: true, Value: true })
        {
            return;
        }

        // The config: its creation (an initializer member) or what the assignment writes through (config.UseHttp = true).
        var config = assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: { } creation }
            ? creation
            : ((IPropertyReferenceOperation)assignment.Target).Instance;
        if (config is null || ClientConfiguration.MaySetServiceUrl(config, context.CancellationToken))
        {
            return;
        }

        Report(context, assignment.Syntax, RemoveUseHttp, "UseHttp = true", "the client's requests", "remove it so the client uses HTTPS");
    }

    private static void CheckServiceUrl(OperationAnalysisContext context, ISimpleAssignmentOperation assignment)
    {
        if (!ConstantValues.TryGetConstantString(assignment.Value, context.CancellationToken, out var url)
            || !LocalEndpoint.IsRemotePlainHttp(url)
            || !Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri))
        {
            return;
        }

        // Only the host: a URL may carry user information.
        var value = assignment.Value.WalkDownConversions().Syntax;
        var fixable = value is LiteralExpressionSyntax || value is InterpolatedStringExpressionSyntax { Contents.Count: > 0 } interpolated && interpolated.Contents[0] is InterpolatedStringTextSyntax;
        Report(context, value, fixable ? HttpsScheme : null, "ServiceURL http://" + uri.Host, "the client's requests", "use the https:// endpoint");
    }

    private static void CheckProtocol(OperationAnalysisContext context, HttpSymbols http, ISimpleAssignmentOperation assignment)
    {
        if (assignment.Value.WalkDownConversions() is not IFieldReferenceOperation { Field: { Name: "HTTP" } field }
            || !SymbolEqualityComparer.Default.Equals(field.ContainingType, http.Protocol)
            || !SymbolEqualityComparer.Default.Equals(((IPropertyReferenceOperation)assignment.Target).Property.ContainingType, http.PresignRequest))
        {
            return;
        }

        // Signed by a fake, or by a client pointed at a local emulator: not a URL to AWS.
        foreach (var call in PresignedUrls.CallsFor(assignment, context.CancellationToken))
        {
            if (PresignedUrls.IsOnFake(call, http.Aws) || ClientConfiguration.IsLocalEmulator(call.Instance, call.GetRoot(), context.CancellationToken))
            {
                return;
            }
        }

        Report(context, assignment.Value.WalkDownConversions().Syntax, HttpsProtocol, "Protocol.HTTP", "the presigned URL (and whatever it uploads or downloads)", "use Protocol.HTTPS");
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode node, string? fix, string what, string traffic, string remedy)
        => context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            node.GetLocation(),
            fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix),
            what,
            traffic,
            remedy));

    /// <summary>The types the rule reads; null in a test project (its clients talk to emulators and fakes).</summary>
    private sealed class HttpSymbols
    {
        private HttpSymbols(AwsSymbols aws, INamedTypeSymbol? protocol, INamedTypeSymbol? presignRequest)
        {
            Aws = aws;
            Protocol = protocol;
            PresignRequest = presignRequest;
        }

        public AwsSymbols Aws { get; }

        /// <summary><c>Amazon.S3.Protocol</c>; null without AWSSDK.S3.</summary>
        public INamedTypeSymbol? Protocol { get; }

        public INamedTypeSymbol? PresignRequest { get; }

        public static HttpSymbols? TryCreate(AwsSymbols aws)
            => aws.ClientConfig is null || TestCode.IsTestProject(aws.Compilation)
                ? null
                : new HttpSymbols(aws, aws.GetType("Amazon.S3.Protocol"), aws.GetType("Amazon.S3.Model.GetPreSignedUrlRequest"));
    }
}
