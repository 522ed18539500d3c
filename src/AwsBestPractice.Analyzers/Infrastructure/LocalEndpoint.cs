using System;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Endpoints of local emulators and development containers (DynamoDB Local, LocalStack, MinIO on localhost or as a compose
/// service…). Code talking to them is test or development code: AWSBP001 does not report placeholder credentials given to such a
/// client, AWSBP030 does not report a test fixture that empties an emulator's table, and AWSBP004 does not report plain HTTP to an
/// emulator. One definition, so the rules agree on what "local" is.
/// </summary>
internal static class LocalEndpoint
{
    /// <summary>
    /// A URL, or a bare <c>host[:port]</c>, whose host is local (see <see cref="IsLocalHost"/>):
    /// <c>http://localhost:4566</c>, <c>localhost:8000</c>, <c>http://dynamodb-local:8000</c>.
    /// </summary>
    public static bool IsLocalUrl(string? url)
    {
        if (url is null || string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var text = url.Trim();
        if (text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            text = "http://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && IsLocalHost(uri.Host);
    }

    /// <summary>
    /// True when a piece of a URL's text names a local host: a whole URL, a bare <c>host[:port]</c>, or the literal part of an
    /// interpolated string that holds the scheme and host (<c>$"http://localhost:{port}"</c> has the part <c>http://localhost:</c>).
    /// A part that ends before its host (<c>$"http://{host}:8000"</c>) names none.
    /// </summary>
    public static bool MentionsLocalHost(string text)
    {
        var found = false;
        for (var index = text.IndexOf("://", StringComparison.Ordinal); index >= 0; index = text.IndexOf("://", index + 3, StringComparison.Ordinal))
        {
            found = true;
            if (IsLocalHost(GetHost(text, index + 3)))
            {
                return true;
            }
        }

        return !found && IsLocalUrl(text);
    }

    /// <summary>
    /// localhost and <c>*.localhost</c>, 127.0.0.0/8, <c>[::1]</c>, 0.0.0.0, host.docker.internal, <c>*.localhost.localstack.cloud</c>,
    /// and a host whose first label names a LocalStack, DynamoDB Local or MinIO container or server (<c>localstack</c>, the CLI's
    /// <c>localstack-main</c>, <c>my-localstack</c>, <c>localstack.dev.example.com</c>, <c>dynamodb-local</c>, <c>dynamodb_local</c>,
    /// the compose service <c>minio</c>):
    /// whatever the host, an emulator takes any keys and holds throw-away data. Not a host that merely starts with "localhost."
    /// (<c>localhost.attacker.example</c>).
    /// </summary>
    public static bool IsLocalHost(string host)
    {
        var name = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (name is "localhost" or "[::1]" or "::1" or "0.0.0.0" or "host.docker.internal" or "localhost.localstack.cloud"
            || name.EndsWith(".localhost", StringComparison.Ordinal)
            || name.EndsWith(".localhost.localstack.cloud", StringComparison.Ordinal)
            || IsLoopbackIPv4(name))
        {
            return true;
        }

        var dot = name.IndexOf('.');
        var firstLabel = dot < 0 ? name : name.Substring(0, dot);
        return firstLabel.IndexOf("localstack", StringComparison.Ordinal) >= 0
               || firstLabel.IndexOf("dynamodb-local", StringComparison.Ordinal) >= 0
               || firstLabel.IndexOf("dynamodb_local", StringComparison.Ordinal) >= 0
               || firstLabel.IndexOf("minio", StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// A URL that sends requests in plain text to a host that is not local: the <c>http</c> scheme (any case) and a host
    /// <see cref="IsLocalHost"/> rejects (<c>http://s3.eu-west-1.amazonaws.com</c>, not <c>http://localhost:4566</c>).
    /// </summary>
    public static bool IsRemotePlainHttp(string? url)
        => url is not null
           && url.TrimStart().StartsWith("http://", StringComparison.OrdinalIgnoreCase)
           && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
           && !IsLocalHost(uri.Host);

    /// <summary>The host of the authority that starts at <paramref name="start"/>, without user info and port.</summary>
    private static string GetHost(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not ('/' or '?' or '#' or '"' or '\'' or ' ' or '\t' or '\r' or '\n'))
        {
            end++;
        }

        var authority = text.Substring(start, end - start);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority.Substring(at + 1);
        }

        if (authority.StartsWith("[", StringComparison.Ordinal))
        {
            var close = authority.IndexOf(']');
            return close < 0 ? authority : authority.Substring(0, close + 1);
        }

        var colon = authority.IndexOf(':');
        return colon < 0 ? authority : authority.Substring(0, colon);
    }

    private static bool IsLoopbackIPv4(string name)
    {
        if (!name.StartsWith("127.", StringComparison.Ordinal))
        {
            return false;
        }

        var dots = 0;
        var digits = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }

                dots++;
                digits = 0;
            }
            else if (c is >= '0' and <= '9' && ++digits <= 3)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        return dots == 3 && digits > 0;
    }
}
