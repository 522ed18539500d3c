using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.HardcodedCredentials;


/// <summary>
/// Credential-like values. A constant passed as a credential is reported only when it could be a real secret; the heuristic is
/// documented in docs/rules/AWSBP001.md ("What is not flagged").
/// </summary>
internal static class CredentialValues
{
    public const int AccessKeyIdLength = 20;

    /// <summary>Below this length no AWS access key ID (20), secret access key (40) or session token (hundreds) can exist.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The prefixes of long-term (AKIA), temporary (ASIA) and other (ABIA, ACCA) access key IDs.</summary>
    internal static readonly string[] AccessKeyPrefixes = { "AKIA", "ASIA", "ABIA", "ACCA" };

    /// <summary>
    /// Words placeholders are made of ("fakeSecretAccessKey", "MyTestKey12345678", "localstack-secret"…). A value that is mostly
    /// these words plus a counter is not a secret. Lower case; longer words first where one is a prefix of another.
    /// </summary>
    private static readonly string[] PlaceholderWords =
    {
        "accesskey", "access", "secretkey", "secret", "sessiontoken", "session", "token", "keyid", "keys", "key", "id",
        "aws", "amazon", "amazonaws", "iam", "credentials", "credential", "creds", "cred", "password", "passwd", "pass",
        "testing", "tests", "test", "fake", "dummy", "mock", "stub", "sample", "example", "demo", "placeholder",
        "localstack", "localhost", "local", "emulator", "docker", "minio", "dynamodb", "dynamo", "development", "dev",
        "admin", "root", "user", "changeme", "change", "replace", "insert", "your", "yours", "my", "here", "value", "default",
        "foo", "bar", "baz", "qux", "abc", "xyz", "xxx", "none", "null", "empty", "not", "real", "invalid", "unused", "ignored",
        "anything", "any", "some", "the", "for", "and", "only", "temp", "tmp", "todo", "fixme", "unit", "integration",
        "client", "server", "service", "account", "random", "string", "hello", "world", "super", "top",
    };

    /// <summary>
    /// The constant <paramref name="operation"/> evaluates to, when it is a constant that could be a real credential
    /// (see <see cref="LooksLikeRealCredential"/>).
    /// </summary>
    public static bool TryGetCredentialValue(IOperation operation, CancellationToken cancellationToken, out string value)
    {
        value = string.Empty;
        if (!ConstantValues.TryGetConstantString(operation, cancellationToken, out var constant) || constant is null || !LooksLikeRealCredential(constant))
        {
            return false;
        }

        value = constant;
        return true;
    }

    /// <summary>
    /// True for a value with the shape of an access key ID (including AWS's documented EXAMPLE keys), or a value with key entropy:
    /// at least 16 characters, only characters that occur in AWS keys and tokens (letters, digits, <c>+ / =</c>), and, once the
    /// placeholder words are removed, at least 8 characters left that mix two character classes, are not a run of consecutive
    /// characters and have at least 6 distinct characters.
    /// </summary>
    public static bool LooksLikeRealCredential(string value)
    {
        if (value.Length < MinimumSecretLength)
        {
            return false;
        }

        if (TryFindAccessKeyId(value, includeExamples: true, out _))
        {
            return true;
        }

        foreach (var c in value)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not ('+' or '/' or '='))
            {
                return false;
            }
        }

        var residual = RemovePlaceholderWords(value);
        return residual.Length >= 8 && CountClasses(residual) >= 2 && CountDistinct(residual) >= 6 && !IsMostlySequential(residual);
    }

    /// <summary>
    /// Finds an access key ID as a whole token (not preceded or followed by a letter or digit): <c>(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}</c>.
    /// Obvious fakes (fewer than 5 distinct characters after the prefix, or an alphabet run like <c>AKIAABCDEFGHIJKLMNOP</c>) are
    /// skipped; AWS's documented keys ending in <c>EXAMPLE</c> and upper-case words (<see cref="ReadsLikeWords"/>) only when
    /// <paramref name="includeExamples"/> is false (the key-shaped-string report).
    /// </summary>
    public static bool TryFindAccessKeyId(string text, bool includeExamples, out string keyId)
    {
        keyId = string.Empty;
        for (var i = 0; i + AccessKeyIdLength <= text.Length; i++)
        {
            if (text[i] != 'A' || (i > 0 && IsAsciiLetterOrDigit(text[i - 1])))
            {
                continue;
            }

            if (i + AccessKeyIdLength < text.Length && IsAsciiLetterOrDigit(text[i + AccessKeyIdLength]))
            {
                continue;
            }

            if (!HasAccessKeyPrefix(text, i) || !IsBase32Body(text, i + 4))
            {
                continue;
            }

            var candidate = text.Substring(i, AccessKeyIdLength);
            var body = candidate.Substring(4);
            if (CountDistinct(body) < 5 || IsMostlySequential(body))
            {
                continue;
            }

            if (!includeExamples && (candidate.EndsWith("EXAMPLE", StringComparison.Ordinal) || ReadsLikeWords(body)))
            {
                continue;
            }

            keyId = candidate;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Upper-case words glued together (<c>"ASIAPACIFICSOUTHEAST"</c>, <c>"ACCAUNTSTATUSCHANGED"</c>): no digit and at least 5 vowels
    /// in the 16-character body. A random key body (alphabet A-Z2-7) has no digit about 4% of the time and then averages 3 vowels,
    /// so this costs well under 1% of real keys in the key-shaped-string report (keys passed as credentials are unaffected).
    /// </summary>
    private static bool ReadsLikeWords(string body)
    {
        var vowels = 0;
        foreach (var c in body)
        {
            if (c is >= '2' and <= '7')
            {
                return false;
            }

            if (c is 'A' or 'E' or 'I' or 'O' or 'U')
            {
                vowels++;
            }
        }

        return vowels >= 5;
    }

    /// <summary>At most the first 4 and last 4 characters (<c>AKIA…MPLE</c>); null for values too short to show any part of.</summary>
    public static string? Mask(string value)
        => value.Length < MinimumSecretLength ? null : value.Substring(0, 4) + "\u2026" + value.Substring(value.Length - 4);

    private static bool HasAccessKeyPrefix(string text, int index)
    {
        foreach (var prefix in AccessKeyPrefixes)
        {
            if (string.CompareOrdinal(text, index, prefix, 0, prefix.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBase32Body(string text, int start)
    {
        for (var j = start; j < start + AccessKeyIdLength - 4; j++)
        {
            var c = text[j];
            if (!(c is >= 'A' and <= 'Z' || c is >= '2' and <= '7'))
            {
                return false;
            }
        }

        return true;
    }

    private static string RemovePlaceholderWords(string value)
    {
        var lower = value.ToLowerInvariant();
        var builder = new System.Text.StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            var matched = 0;
            foreach (var word in PlaceholderWords)
            {
                if (word.Length > matched && i + word.Length <= lower.Length && string.CompareOrdinal(lower, i, word, 0, word.Length) == 0)
                {
                    matched = word.Length;
                }
            }

            if (matched > 0)
            {
                i += matched;
            }
            else
            {
                builder.Append(value[i]);
                i++;
            }
        }

        return builder.ToString();
    }

    private static int CountClasses(string value)
    {
        bool upper = false, lower = false, digit = false;
        foreach (var c in value)
        {
            upper |= c is >= 'A' and <= 'Z';
            lower |= c is >= 'a' and <= 'z';
            digit |= c is >= '0' and <= '9';
        }

        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
    }

    private static int CountDistinct(string value)
    {
        var seen = new HashSet<char>();
        foreach (var c in value)
        {
            seen.Add(c);
        }

        return seen.Count;
    }

    /// <summary>"ABCDEFGH…", "0123456789…", "abcabc…": at least half of the neighbours are consecutive characters.</summary>
    private static bool IsMostlySequential(string value)
    {
        if (value.Length < 2)
        {
            return true;
        }

        var consecutive = 0;
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == value[i - 1] + 1)
            {
                consecutive++;
            }
        }

        return consecutive * 2 >= value.Length - 1;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';
}
