using System.Collections.Immutable;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.UseImdsV2;

/// <summary>
/// AWSBP006: an HTTP GET to the EC2 instance metadata service (<c>169.254.169.254</c>, <c>[fd00:ec2::254]</c>) without the
/// IMDSv2 session token — <c>HttpClient.GetAsync/GetStringAsync/GetStreamAsync/GetByteArrayAsync</c>, <c>new HttpRequestMessage(HttpMethod.Get, …)</c>
/// (what <c>SendAsync</c> sends), <c>WebClient.DownloadString/DownloadData/OpenRead</c>, <c>WebRequest.Create/CreateHttp</c> —
/// when the same method has no token request (<c>PUT /latest/api/token</c>) or <c>X-aws-ec2-metadata-token</c> header before it.
/// URLs are traced through constants, locals, concatenation, interpolation (constant parts) and <c>new Uri(…)</c>
/// (<see cref="ConstantValues.TryGetConstantUrl"/>). Test projects are not analysed.
/// </summary>
public sealed class UseImdsV2Analyzer : AwsRule
{
    /// <summary>Diagnostic property: the <c>EC2InstanceMetadata</c> member that replaces the call (<c>InstanceId</c>); absent when no fix is offered.</summary>
    internal const string MemberProperty = "EC2InstanceMetadataMember";

    /// <summary>{0}: the call, {1}: the metadata path, {2}: what to do instead.</summary>
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP006",
        "'{0}' reads instance metadata '{1}' with IMDSv1, without a session token; {2}",
        "IMDSv1 answers any GET from the instance, so a server-side request forgery or an open proxy can read the instance's "
        + "metadata and its role credentials. IMDSv2 requires a session token obtained with a PUT: use Amazon.Util.EC2InstanceMetadata "
        + "(which uses IMDSv2), or request the token and send it in the X-aws-ec2-metadata-token header.");

    public UseImdsV2Analyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var context = registration.Context;
        registration.RegisterOperationAction(
            context.Aws,
            static operation => operation switch
            {
                IInvocationOperation { TargetMethod: { ContainingType.Name: var type, Name: var name } } => IsGet(type, name),
                IObjectCreationOperation { Type.Name: "HttpRequestMessage", Arguments.Length: 2 } => true,
                _ => false,
            },
            (ctx, _) => Analyze(ctx, context),
            OperationKind.Invocation,
            OperationKind.ObjectCreation);
    }

    private static bool IsGet(string type, string method)
        => type switch
        {
            "HttpClient" => method is "GetAsync" or "GetStringAsync" or "GetStreamAsync" or "GetByteArrayAsync",
            "WebClient" => method is "DownloadString" or "DownloadStringTaskAsync" or "DownloadData" or "DownloadDataTaskAsync" or "OpenRead" or "OpenReadTaskAsync",
            "WebRequest" => method is "Create" or "CreateHttp",
            _ => false,
        };

    private static void Analyze(OperationAnalysisContext context, AwsContext aws)
    {
        var operation = context.Operation;
        var cancellationToken = context.CancellationToken;
        var arguments = operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation when IsHttpGet(creation.Arguments[0].Value, cancellationToken) => creation.Arguments,
            _ => default,
        };
        if (arguments.IsDefault
            || GetUrl(arguments) is not { } urlOperation
            || !ConstantValues.TryGetConstantUrl(urlOperation, cancellationToken, out var url)
            || InstanceMetadata.GetImdsPath(url!) is not { } path
            || path.StartsWith(InstanceMetadata.TokenPath, System.StringComparison.Ordinal)
            || TestCode.IsTestProject(aws)
            || HasToken(operation, operation is IObjectCreationOperation ? int.MaxValue : operation.Syntax.SpanStart, cancellationToken))
        {
            return;
        }

        // Named only for a report: no string is built for the many HTTP calls that are not metadata requests.
        var call = operation is IInvocationOperation { TargetMethod: var method } ? method.ContainingType.Name + "." + method.Name : "new HttpRequestMessage";
        var member = InstanceMetadata.GetSdkMember(path);
        var advice = InstanceMetadata.IsCredentialsPath(path)
            ? "do not read the role's credentials yourself: the SDK's default credential chain gets them from the instance profile with IMDSv2"
            : member is not null
                ? "use EC2InstanceMetadata." + member + ", which uses IMDSv2"
                : "request a token with a PUT to /latest/api/token and send it in the X-aws-ec2-metadata-token header";
        var properties = member is not null && IsFixable(operation)
            ? ImmutableDictionary<string, string?>.Empty.Add(MemberProperty, member)
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(Rule, operation.Syntax.GetLocation(), properties, call, path.Replace(ConstantValues.Hole, '…'), advice));
    }

    /// <summary>The request URI: the first argument of type <c>string</c> or <c>System.Uri</c>.</summary>
    private static IOperation? GetUrl(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Type is { } type && (type.SpecialType == SpecialType.System_String || type is { Name: "Uri", ContainingNamespace.Name: "System" }))
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary><c>HttpMethod.Get</c> or <c>new HttpMethod("GET")</c>.</summary>
    private static bool IsHttpGet(IOperation method, CancellationToken cancellationToken)
        => method.WalkDownConversions() switch
        {
            IPropertyReferenceOperation { Property: { Name: "Get", ContainingType.Name: "HttpMethod" } } => true,
            IObjectCreationOperation { Type.Name: "HttpMethod", Arguments.Length: 1 } creation
                => ConstantValues.TryGetConstantString(creation.Arguments[0].Value, cancellationToken, out var name) && string.Equals(name, "GET", System.StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    /// <summary>
    /// IMDSv2 in the same method before <paramref name="before"/>: a constant that names the token path or header (a token PUT,
    /// <c>request.Headers.Add("X-aws-ec2-metadata-token", …)</c>, <c>DefaultRequestHeaders</c>), or the SDK's token members.
    /// </summary>
    private static bool HasToken(IOperation operation, int before, CancellationToken cancellationToken)
    {
        foreach (var descendant in Infrastructure.OperationExtensions.DescendantsAndSelf(operation.GetRoot()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (descendant.Syntax.SpanStart >= before)
            {
                continue;
            }

            switch (descendant)
            {
                case { ConstantValue: { HasValue: true, Value: string text } } when InstanceMetadata.IsTokenEvidence(text):
                case IPropertyReferenceOperation { Property.Name: "EC2ApiTokenUrl" }:
                case IInvocationOperation { TargetMethod.Name: "FetchApiToken" or "FetchApiTokenAsync" }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The fix replaces a call whose result is the body as a string: <c>await http.GetStringAsync(url)</c>, <c>web.DownloadString(url)</c>.</summary>
    private static bool IsFixable(IOperation operation)
    {
        if (operation is not IInvocationOperation { TargetMethod.Name: var name } invocation)
        {
            return false;
        }

        if (name == "DownloadString")
        {
            return true;
        }

        if (name is not ("GetStringAsync" or "DownloadStringTaskAsync"))
        {
            return false;
        }

        var awaited = invocation.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure ? configure : (IOperation)invocation;
        return awaited.Parent is IAwaitOperation;
    }
}
