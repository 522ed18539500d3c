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


internal enum CredentialKind
{
    None,
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
}

internal enum CredentialTarget
{
    None,
    BasicCredentials,
    SessionCredentials,
    ImmutableCredentials,

    /// <summary>A class deriving from <c>AmazonServiceClient</c>.</summary>
    Client,

    /// <summary>Another SDK type (<c>Amazon.*</c> namespace) with a constructor taking <c>awsAccessKeyId</c>/<c>awsSecretAccessKey</c> (e.g. <c>TransferUtility</c>).</summary>
    OtherSdkType,
}

/// <summary>The credential-taking SDK types, resolved once per compilation.</summary>
internal sealed class CredentialTypes
{
    public CredentialTypes(AwsSymbols symbols)
    {
        Symbols = symbols;
        BasicAwsCredentials = symbols.GetType(HardcodedCredentialsAnalyzer.BasicAwsCredentialsName);
        SessionAwsCredentials = symbols.GetType(HardcodedCredentialsAnalyzer.SessionAwsCredentialsName);
        ImmutableCredentials = symbols.GetType(HardcodedCredentialsAnalyzer.ImmutableCredentialsName);
        Environment = symbols.GetType("System.Environment");
    }

    public AwsSymbols Symbols { get; }
    public INamedTypeSymbol? BasicAwsCredentials { get; }
    public INamedTypeSymbol? SessionAwsCredentials { get; }
    public INamedTypeSymbol? ImmutableCredentials { get; }
    public INamedTypeSymbol? Environment { get; }

    public CredentialTarget GetTarget(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return CredentialTarget.None;
        }

        if (type.IsType(BasicAwsCredentials))
        {
            return CredentialTarget.BasicCredentials;
        }

        if (type.IsType(SessionAwsCredentials))
        {
            return CredentialTarget.SessionCredentials;
        }

        if (type.IsType(ImmutableCredentials))
        {
            return CredentialTarget.ImmutableCredentials;
        }

        if (Symbols.IsClientClass(type))
        {
            return CredentialTarget.Client;
        }

        return IsAmazonNamespace(type.ContainingNamespace) ? CredentialTarget.OtherSdkType : CredentialTarget.None;
    }

    public bool IsSetEnvironmentVariable(IMethodSymbol method)
        => method.Name == "SetEnvironmentVariable" && method.ContainingType.IsType(Environment);

    /// <summary>True when some parameter of <paramref name="constructor"/> takes a credential (the cheap test before any argument is read).</summary>
    public static bool HasCredentialParameter(CredentialTarget target, IMethodSymbol constructor)
    {
        if (target == CredentialTarget.None)
        {
            return false;
        }

        foreach (var parameter in constructor.Parameters)
        {
            if (GetKind(target, constructor, parameter) != CredentialKind.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The first test for every object creation: some string parameter is named like a credential (the names <see cref="GetKind"/>
    /// accepts for any target). Most constructors have none, and this costs no symbol comparison.
    /// </summary>
    public static bool MayTakeCredential(IMethodSymbol constructor)
    {
        foreach (var parameter in constructor.Parameters)
        {
            if (GetNamedKind(parameter, allowBareToken: true) != CredentialKind.None)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a constructor parameter receives, matched by name (never by position).</summary>
    public static CredentialKind GetKind(CredentialTarget target, IMethodSymbol constructor, IParameterSymbol parameter)
    {
        if (target == CredentialTarget.None)
        {
            return CredentialKind.None;
        }

        var kind = GetNamedKind(parameter, allowBareToken: target is CredentialTarget.SessionCredentials or CredentialTarget.ImmutableCredentials);
        if (kind == CredentialKind.None || target is not CredentialTarget.OtherSdkType)
        {
            return kind;
        }

        // An arbitrary SDK type: only a constructor that takes both a key ID and a secret is a credentials constructor.
        var hasKeyId = false;
        var hasSecret = false;
        foreach (var candidate in constructor.Parameters)
        {
            var candidateKind = GetNamedKind(candidate, allowBareToken: false);
            hasKeyId |= candidateKind == CredentialKind.AccessKeyId;
            hasSecret |= candidateKind == CredentialKind.SecretAccessKey;
        }

        return hasKeyId && hasSecret ? kind : CredentialKind.None;
    }

    /// <summary>The credential a string parameter receives by its name; none for a parameter of another type.</summary>
    private static CredentialKind GetNamedKind(IParameterSymbol parameter, bool allowBareToken)
        => parameter.Type.SpecialType == SpecialType.System_String ? GetKindFromName(parameter.Name, allowBareToken) : CredentialKind.None;

    /// <summary>The credential a parameter name stands for: (aws)AccessKeyId, (aws)SecretAccessKey, (aws)SessionToken, any casing. Runs for
    /// every string argument of an SDK constructor, so it allocates nothing.</summary>
    private static CredentialKind GetKindFromName(string name, bool allowBareToken)
    {
        var offset = name.Length > 3 && string.Compare(name, 0, "aws", 0, 3, StringComparison.OrdinalIgnoreCase) == 0 ? 3 : 0;
        if (NameIs(name, offset, "accesskeyid") || NameIs(name, offset, "accesskey"))
        {
            return CredentialKind.AccessKeyId;
        }

        if (NameIs(name, offset, "secretaccesskey") || NameIs(name, offset, "secretkey"))
        {
            return CredentialKind.SecretAccessKey;
        }

        return NameIs(name, offset, "sessiontoken") || (allowBareToken && NameIs(name, offset, "token"))
            ? CredentialKind.SessionToken
            : CredentialKind.None;
    }

    private static bool NameIs(string name, int offset, string expected)
        => name.Length - offset == expected.Length
           && string.Compare(name, offset, expected, 0, expected.Length, StringComparison.OrdinalIgnoreCase) == 0;

    public static CredentialKind GetEnvironmentVariableKind(string? name)
    {
        if (string.Equals(name, "AWS_ACCESS_KEY_ID", StringComparison.OrdinalIgnoreCase))
        {
            return CredentialKind.AccessKeyId;
        }

        if (string.Equals(name, "AWS_SECRET_ACCESS_KEY", StringComparison.OrdinalIgnoreCase))
        {
            return CredentialKind.SecretAccessKey;
        }

        return string.Equals(name, "AWS_SESSION_TOKEN", StringComparison.OrdinalIgnoreCase) ? CredentialKind.SessionToken : CredentialKind.None;
    }

    public static string Describe(CredentialKind kind) => kind switch
    {
        CredentialKind.AccessKeyId => "access key ID",
        CredentialKind.SecretAccessKey => "secret access key",
        _ => "session token",
    };

    private static bool IsAmazonNamespace(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
        {
            ns = parent;
        }

        return ns.Name == "Amazon";
    }
}
