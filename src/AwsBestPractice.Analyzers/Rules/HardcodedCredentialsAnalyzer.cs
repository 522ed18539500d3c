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

namespace AwsBestPractice.Analyzers.Rules;

/// <summary>
/// AWSBP001: AWS credentials written in the code. Reports
/// (1) a constant passed as access key ID, secret access key or session token to <c>BasicAWSCredentials</c>,
/// <c>SessionAWSCredentials</c>, <c>ImmutableCredentials</c>, an SDK client constructor (or any other <c>Amazon.*</c>
/// constructor taking <c>awsAccessKeyId</c>/<c>awsSecretAccessKey</c>), or to
/// <c>Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "AWS_SESSION_TOKEN", …)</c>;
/// (2) any string literal containing something shaped like a real access key ID (<c>AKIA…</c>, <c>ASIA…</c>…).
/// Placeholder values for local emulators and clients pointed at a local endpoint are not reported
/// (see <see cref="CredentialValues"/> and <see cref="LocalEndpoints"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialsAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: "true" when the fixer may rewrite the call (client or credentials constructor whose credentials are all constants).</summary>
    internal const string FixableProperty = "Fixable";

    /// <summary>Diagnostic property: AccessKeyId, SecretAccessKey or SessionToken (absent for the key-shape report).</summary>
    internal const string KindProperty = "CredentialKind";

    internal const string BasicAwsCredentialsName = "Amazon.Runtime.BasicAWSCredentials";
    internal const string SessionAwsCredentialsName = "Amazon.Runtime.SessionAWSCredentials";
    internal const string ImmutableCredentialsName = "Amazon.Runtime.ImmutableCredentials";

    private const string Title = "Do not hardcode AWS credentials";

    private const string Description =
        "AWS credentials must never be stored in code: anyone with the source or the binary can use them, and rotating them means "
        + "a redeployment. Let the SDK resolve credentials from the default credential provider chain (environment variables, "
        + "shared profile, container or instance role; an IAM role inside AWS).";

    /// <summary>
    /// {0}: the kind ("secret access key"), {1}: the masked value with a leading space, or empty for short values,
    /// {2}: where ("the call to 'BasicAWSCredentials'", "a string literal").
    /// </summary>
    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.HardcodedCredentials,
        Title,
        "AWS {0}{1} is hardcoded in {2}; use the default credential chain (environment, profile, IAM role) instead",
        RuleCategories.Security,
        DiagnosticSeverity.Warning,
        Description);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var types = DeferredSymbols<CredentialTypes>.Create(start.Compilation, static symbols => new CredentialTypes(symbols));
            if (types is null)
            {
                return;
            }

            // Parameter names first (no symbol needed): most constructors and calls take no credential-named string.
            types.RegisterOperationAction(
                start,
                static operation => operation is IObjectCreationOperation { Constructor: { } constructor } && CredentialTypes.MayTakeCredential(constructor),
                AnalyzeObjectCreation,
                OperationKind.ObjectCreation);
            types.RegisterOperationAction(
                start,
                static operation => operation is IInvocationOperation invocation && MayPassCredential(invocation.TargetMethod),
                AnalyzeInvocation,
                OperationKind.Invocation);

            // Key-shaped literals: one callback per file that searches the file's text for the four key prefixes and looks only at
            // the literals found there. A syntax-node action on every string literal cost 5× more in a build even with an empty
            // callback (docs/performance.md).
            start.RegisterSemanticModelAction(ctx => AnalyzeKeyShapedLiterals(ctx, types));
        });
    }

    /// <summary>A base-constructor call with a credential-named parameter, or <c>SetEnvironmentVariable</c>.</summary>
    private static bool MayPassCredential(IMethodSymbol method)
        => method.MethodKind == MethodKind.Constructor ? CredentialTypes.MayTakeCredential(method) : method.Name == "SetEnvironmentVariable";

    private static void AnalyzeObjectCreation(OperationAnalysisContext context, CredentialTypes types)
    {
        // The constructor takes a credential-named parameter (checked before the symbols were resolved).
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Constructor is not { } constructor
            || !CredentialTypes.HasCredentialParameter(types.GetTarget(constructor.ContainingType), constructor))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (TryCreateCredentialDiagnostic(argument, types, context.CancellationToken) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, CredentialTypes types)
    {
        // Environment.SetEnvironmentVariable(…), or `: base(key, secret, …)` in a class deriving from a client or credentials type.
        // MayPassCredential held (checked before the symbols were resolved).
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.Constructor
                ? !CredentialTypes.HasCredentialParameter(types.GetTarget(method.ContainingType), method)
                : types.Environment is null)
        {
            return;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (TryCreateCredentialDiagnostic(argument, types, context.CancellationToken) is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }

    private static void AnalyzeKeyShapedLiterals(SemanticModelAnalysisContext context, DeferredSymbols<CredentialTypes> deferred)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        if (!tree.TryGetText(out var sourceText))
        {
            sourceText = tree.GetText(cancellationToken);
        }

        if (sourceText.Length < CredentialValues.AccessKeyIdLength)
        {
            return;
        }

        // The source string itself for an ordinary file (a copy only for very large files); searched with vectorised IndexOf.
        var text = sourceText.ToString();
        SyntaxNode? root = null;
        List<int>? analysed = null;
        foreach (var prefix in CredentialValues.AccessKeyPrefixes)
        {
            for (var index = text.IndexOf(prefix, StringComparison.Ordinal); index >= 0; index = text.IndexOf(prefix, index + prefix.Length, StringComparison.Ordinal))
            {
                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(index);
                SyntaxNode? literal = token.Parent switch
                {
                    LiteralExpressionSyntax node when node.IsKind(SyntaxKind.StringLiteralExpression) => node,
                    InterpolatedStringTextSyntax node => node,
                    _ => null,
                };
                if (literal is null || analysed?.Contains(literal.SpanStart) == true)
                {
                    continue;
                }

                (analysed ??= new List<int>()).Add(literal.SpanStart);
                if (AnalyzeStringLiteral(literal, token.ValueText, context.SemanticModel, deferred, cancellationToken) is { } diagnostic)
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }
    }

    private static Diagnostic? AnalyzeStringLiteral(SyntaxNode literal, string text, SemanticModel semanticModel, DeferredSymbols<CredentialTypes> deferred, CancellationToken cancellationToken)
    {
        if (text is not { Length: >= CredentialValues.AccessKeyIdLength }
            || !CredentialValues.TryFindAccessKeyId(text, includeExamples: false, out var keyId)
            || deferred.Value is not { } types)
        {
            return null;
        }

        // The credential-argument report wins: do not report the same literal twice.
        if (semanticModel.GetOperation(literal, cancellationToken) is { } current)
        {
            while (current.Parent is IConversionOperation or IParenthesizedOperation or IBinaryOperation or IInterpolatedStringTextOperation
                   or IInterpolationOperation or IInterpolatedStringOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IArgumentOperation argument
                && TryCreateCredentialDiagnostic(argument, types, cancellationToken) is not null)
            {
                return null;
            }
        }

        return Diagnostic.Create(
            Rule,
            GetKeyLocation(literal, text, keyId),
            CredentialTypes.Describe(CredentialKind.AccessKeyId),
            " '" + CredentialValues.Mask(keyId) + "'",
            "a string literal");
    }

    /// <summary>The whole literal when it is just the key; otherwise the key inside a longer literal, when it is written verbatim.</summary>
    private static Location GetKeyLocation(SyntaxNode literal, string value, string keyId)
    {
        if (value.Length != keyId.Length)
        {
            var index = literal.ToString().IndexOf(keyId, StringComparison.Ordinal);
            if (index >= 0)
            {
                return Location.Create(literal.SyntaxTree, new Microsoft.CodeAnalysis.Text.TextSpan(literal.SpanStart + index, keyId.Length));
            }
        }

        return literal.GetLocation();
    }

    /// <summary>
    /// The credential-argument diagnostic for <paramref name="argument"/>, or null when it is not a credential parameter, its value
    /// is not a constant, is a placeholder, or goes to a client pointed at a local endpoint.
    /// </summary>
    internal static Diagnostic? TryCreateCredentialDiagnostic(IArgumentOperation argument, CredentialTypes types, CancellationToken cancellationToken)
    {
        if (argument.ArgumentKind == ArgumentKind.DefaultValue
            || argument.Parameter is not { Type.SpecialType: SpecialType.System_String } parameter
            || argument.Value is null
            || argument.Syntax is null)
        {
            return null;
        }

        CredentialKind kind;
        string callName;
        var fixable = false;
        switch (argument.Parent)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                var target = types.GetTarget(constructor.ContainingType);
                kind = CredentialTypes.GetKind(target, constructor, parameter);
                if (kind == CredentialKind.None)
                {
                    return null;
                }

                if (!CredentialValues.TryGetCredentialValue(argument.Value, cancellationToken, out var value)
                    || LocalEndpoints.IsCredentialsForLocalEndpoint(creation, target, types, cancellationToken))
                {
                    return null;
                }

                callName = constructor.ContainingType.Name;
                fixable = target is CredentialTarget.Client or CredentialTarget.OtherSdkType or CredentialTarget.BasicCredentials or CredentialTarget.SessionCredentials
                          && AllCredentialArgumentsAreConstant(creation, target, constructor, cancellationToken);
                return CreateDiagnostic(argument, kind, value, callName, fixable);

            case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.Constructor } baseConstructor } constructorCall:
                // A constructor initializer (`: base(…)`): reported, not fixed.
                var baseTarget = types.GetTarget(baseConstructor.ContainingType);
                kind = CredentialTypes.GetKind(baseTarget, baseConstructor, parameter);
                if (kind == CredentialKind.None
                    || !CredentialValues.TryGetCredentialValue(argument.Value, cancellationToken, out var baseValue)
                    || LocalEndpoints.HasLocalServiceUrl(constructorCall.Arguments, types, cancellationToken))
                {
                    return null;
                }

                return CreateDiagnostic(argument, kind, baseValue, baseConstructor.ContainingType.Name, fixable: false);

            case IInvocationOperation invocation when types.IsSetEnvironmentVariable(invocation.TargetMethod) && parameter.Ordinal == 1:
                if (invocation.Arguments.Length < 2
                    || !ConstantValues.TryGetConstantString(GetArgument(invocation.Arguments, 0)?.Value, cancellationToken, out var variable)
                    || (kind = CredentialTypes.GetEnvironmentVariableKind(variable)) == CredentialKind.None
                    || !CredentialValues.TryGetCredentialValue(argument.Value, cancellationToken, out var environmentValue))
                {
                    return null;
                }

                return CreateDiagnostic(argument, kind, environmentValue, "Environment.SetEnvironmentVariable", fixable: false);

            default:
                return null;
        }
    }

    private static Diagnostic CreateDiagnostic(IArgumentOperation argument, CredentialKind kind, string value, string callName, bool fixable)
    {
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(KindProperty, kind.ToString())
            .Add(FixableProperty, fixable ? "true" : "false");
        var masked = CredentialValues.Mask(value);
        return Diagnostic.Create(
            Rule,
            argument.Value.Syntax.GetLocation(),
            properties,
            CredentialTypes.Describe(kind),
            masked is null ? string.Empty : " '" + masked + "'",
            "the call to '" + callName + "'");
    }

    private static IArgumentOperation? GetArgument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>
    /// The fix replaces the whole credential set: it is offered only when none of the credential arguments carries a value from
    /// somewhere else (a key read from configuration would otherwise be silently dropped).
    /// </summary>
    private static bool AllCredentialArgumentsAreConstant(IObjectCreationOperation creation, CredentialTarget target, IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is null || argument.Value is null)
            {
                return false;
            }

            if (argument.ArgumentKind == ArgumentKind.DefaultValue
                || CredentialTypes.GetKind(target, constructor, argument.Parameter) == CredentialKind.None)
            {
                continue;
            }

            if (!ConstantValues.TryGetConstantString(argument.Value, cancellationToken, out _))
            {
                return false;
            }
        }

        return true;
    }
}

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

/// <summary>Clients pointed at a local emulator (<see cref="LocalEndpoint"/>) through a constant <c>ServiceURL</c>.</summary>
internal static class LocalEndpoints
{
    /// <summary>
    /// True when the credentials given to <paramref name="creation"/> only ever reach clients whose config sets <c>ServiceURL</c>
    /// to a constant local URL: the client constructor itself, a credentials object passed directly to such a client, or a local
    /// holding the credentials object whose every use is such a client.
    /// </summary>
    public static bool IsCredentialsForLocalEndpoint(IObjectCreationOperation creation, CredentialTarget target, CredentialTypes types, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case CredentialTarget.Client:
            case CredentialTarget.OtherSdkType:
                return HasLocalServiceUrl(creation.Arguments, types, cancellationToken);
            case CredentialTarget.BasicCredentials:
            case CredentialTarget.SessionCredentials:
                return IsOnlyUsedByLocalClients(creation, types, cancellationToken);
            default:
                return false;
        }
    }

    private static bool IsOnlyUsedByLocalClients(IObjectCreationOperation credentials, CredentialTypes types, CancellationToken cancellationToken)
    {
        var parent = credentials.WalkUpConversions();
        if (parent is IArgumentOperation { Parent: IObjectCreationOperation client })
        {
            return types.Symbols.IsClientClass(client.Type) && HasLocalServiceUrl(client.Arguments, types, cancellationToken);
        }

        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } })
        {
            return false;
        }

        var used = false;
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(credentials.GetRoot()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (reference.WalkUpConversions() is IArgumentOperation { Parent: IObjectCreationOperation user }
                && types.Symbols.IsClientClass(user.Type)
                && HasLocalServiceUrl(user.Arguments, types, cancellationToken))
            {
                used = true;
                continue;
            }

            return false;
        }

        return used;
    }

    /// <summary>One of the arguments is a client config whose <c>ServiceURL</c> is set to a constant local URL.</summary>
    public static bool HasLocalServiceUrl(ImmutableArray<IArgumentOperation> arguments, CredentialTypes types, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value is null || !argument.Value.WalkDownConversions().Type.InheritsFrom(types.Symbols.ClientConfig))
            {
                continue;
            }

            if (!RequestObjects.TryGetAssignments(argument.Value, cancellationToken, out var assignments))
            {
                continue;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Property.Name == "ServiceURL"
                    && ConstantValues.TryGetConstantString(assignment.Value, cancellationToken, out var url)
                    && LocalEndpoint.IsLocalUrl(url))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
