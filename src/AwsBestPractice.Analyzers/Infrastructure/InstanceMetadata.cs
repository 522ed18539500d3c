using System;
using System.Collections.Generic;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The EC2 instance metadata service (IMDS): its endpoints, the IMDSv2 session-token protocol, and the members of the SDK's
/// <c>Amazon.Util.EC2InstanceMetadata</c> (AWSSDK.Core, the same in SDK v3 3.7.x and v4) that read a path with IMDSv2.
/// </summary>
internal static class InstanceMetadata
{
    public const string SdkType = "Amazon.Util.EC2InstanceMetadata";

    /// <summary>The session-token request (<c>PUT</c>) and the header that carries the token on every IMDSv2 request.</summary>
    public const string TokenPath = "/latest/api/token";
    public const string TokenHeader = "X-aws-ec2-metadata-token";

    /// <summary>Where the instance role's credentials are served: the SDK's credential chain reads them, code should not.</summary>
    public const string CredentialsPath = "/latest/meta-data/iam/security-credentials";

    private const string MetaDataRoot = "/latest/meta-data/";

    /// <summary>Metadata path (under <c>/latest/meta-data/</c>) → the <c>EC2InstanceMetadata</c> expression that reads it.</summary>
    private static readonly Dictionary<string, string> Members = new(StringComparer.Ordinal)
    {
        ["ami-id"] = "AmiId",
        ["ami-launch-index"] = "AmiLaunchIndex",
        ["ami-manifest-path"] = "AmiManifestPath",
        ["hostname"] = "Hostname",
        ["instance-action"] = "InstanceAction",
        ["instance-id"] = "InstanceId",
        ["instance-type"] = "InstanceType",
        ["kernel-id"] = "KernelId",
        ["local-hostname"] = "LocalHostname",
        ["local-ipv4"] = "PrivateIpAddress",
        ["mac"] = "MacAddress",
        ["placement/availability-zone"] = "AvailabilityZone",
        ["placement/region"] = "Region?.SystemName", // Region is a RegionEndpoint (null off EC2)
        ["public-keys/0/openssh-key"] = "PublicKey",
        ["ramdisk-id"] = "RamdiskId",
        ["reservation-id"] = "ReservationId",
    };

    /// <summary>Other IMDS paths the SDK reads as properties.</summary>
    private static readonly Dictionary<string, string> OtherMembers = new(StringComparer.Ordinal)
    {
        ["/latest/user-data"] = "UserData",
        ["/latest/dynamic/instance-identity/document"] = "IdentityDocument",
        ["/latest/dynamic/instance-identity/signature"] = "IdentitySignature",
        ["/latest/dynamic/instance-identity/pkcs7"] = "IdentityPkcs7",
    };

    /// <summary>
    /// The path of <paramref name="url"/> (<c>/latest/meta-data/instance-id</c>) when its host is the IMDS endpoint,
    /// <c>169.254.169.254</c> or <c>[fd00:ec2::254]</c> (any scheme, any port); null otherwise (the ECS task metadata endpoint
    /// <c>169.254.170.2</c>, any other host, a host that is not a constant).
    /// </summary>
    public static string? GetImdsPath(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var hostStart = scheme < 0 ? 0 : scheme + 3;
        var pathStart = url.IndexOf('/', hostStart);
        var authority = pathStart < 0 ? url.Substring(hostStart) : url.Substring(hostStart, pathStart - hostStart);
        var host = authority.StartsWith("[", StringComparison.Ordinal)
            ? authority.Substring(0, authority.IndexOf(']') + 1)
            : authority.Split(':')[0];
        return host.Equals("169.254.169.254", StringComparison.Ordinal) || host.Equals("[fd00:ec2::254]", StringComparison.OrdinalIgnoreCase)
            ? (pathStart < 0 ? "/" : url.Substring(pathStart))
            : null;
    }

    /// <summary>True for the IMDSv2 evidence a string constant can carry: the token path or the token header.</summary>
    public static bool IsTokenEvidence(string text)
        => text.IndexOf(TokenPath, StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf(TokenHeader, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>
    /// The C# expression, after <c>EC2InstanceMetadata.</c>, that reads <paramref name="path"/> with IMDSv2 and returns the same
    /// string: a property (<c>InstanceId</c>), else <c>GetData("/public-ipv4")</c> for any other constant path under
    /// <c>/latest/meta-data/</c>. Null for the credentials path, a path with a part that is not a constant, a query, or a path
    /// the SDK does not read (another API version than <c>latest</c>).
    /// </summary>
    public static string? GetSdkMember(string path)
    {
        if (path.IndexOf(ConstantValues.Hole) >= 0 || path.IndexOfAny(new[] { '?', '#', '"', '\\' }) >= 0 || IsCredentialsPath(path))
        {
            return null;
        }

        var trimmed = path.TrimEnd('/');
        if (OtherMembers.TryGetValue(trimmed, out var other))
        {
            return other;
        }

        if (!trimmed.StartsWith(MetaDataRoot, StringComparison.Ordinal) || trimmed.Length == MetaDataRoot.Length)
        {
            return null;
        }

        var relative = trimmed.Substring(MetaDataRoot.Length);
        return Members.TryGetValue(relative, out var member) ? member : "GetData(\"/" + relative + "\")";
    }

    public static bool IsCredentialsPath(string path) => path.StartsWith(CredentialsPath, StringComparison.Ordinal);
}
