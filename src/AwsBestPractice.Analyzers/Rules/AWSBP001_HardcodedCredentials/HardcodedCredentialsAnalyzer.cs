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
/// AWSBP001: AWS credentials written in the code. Reports
/// (1) a constant passed as access key ID, secret access key or session token to <c>BasicAWSCredentials</c>,
/// <c>SessionAWSCredentials</c>, <c>ImmutableCredentials</c>, an SDK client constructor (or any other <c>Amazon.*</c>
/// constructor taking <c>awsAccessKeyId</c>/<c>awsSecretAccessKey</c>), or to
/// <c>Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY" | "AWS_SESSION_TOKEN", …)</c>;
/// (2) any string literal containing something shaped like a real access key ID (<c>AKIA…</c>, <c>ASIA…</c>…).
/// Placeholder values for local emulators and clients pointed at a local endpoint are not reported
/// (see <see cref="CredentialValues"/> and <see cref="LocalEndpoints"/>).
/// </summary>
public sealed class HardcodedCredentialsAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: "true" when the fixer may rewrite the call (client or credentials constructor whose credentials are all constants).</summary>
    internal const string FixableProperty = "Fixable";

    /// <summary>Diagnostic property: AccessKeyId, SecretAccessKey or SessionToken (absent for the key-shape report).</summary>
    internal const string KindProperty = "CredentialKind";

    internal const string BasicAwsCredentialsName = "Amazon.Runtime.BasicAWSCredentials";
    internal const string SessionAwsCredentialsName = "Amazon.Runtime.SessionAWSCredentials";
    internal const string ImmutableCredentialsName = "Amazon.Runtime.ImmutableCredentials";


    private const string Description =
        "AWS credentials must never be stored in code: anyone with the source or the binary can use them, and rotating them means "
        + "a redeployment. Let the SDK resolve credentials from the default credential provider chain (environment variables, "
        + "shared profile, container or instance role; an IAM role inside AWS).";

    /// <summary>
    /// {0}: the kind ("secret access key"), {1}: the masked value with a leading space, or empty for short values,
    /// {2}: where ("the call to 'BasicAWSCredentials'", "a string literal").
    /// </summary>
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        RuleIdentifiers.HardcodedCredentials,
        "AWS {0}{1} is hardcoded in {2}; use the default credential chain (environment, profile, IAM role) instead",
        Description);

    public HardcodedCredentialsAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var types = registration.Symbols(static symbols => new CredentialTypes(symbols));

        // Parameter names first (no symbol needed): most constructors and calls take no credential-named string.
        registration.RegisterOperationAction(
            types,
            static operation => operation is IObjectCreationOperation { Constructor: { } constructor } && CredentialTypes.MayTakeCredential(constructor),
            AnalyzeObjectCreation,
            OperationKind.ObjectCreation);
        registration.RegisterOperationAction(
            types,
            static operation => operation is IInvocationOperation invocation && MayPassCredential(invocation.TargetMethod),
            AnalyzeInvocation,
            OperationKind.Invocation);

        // Key-shaped literals: one callback per file that searches the file's text for the four key prefixes and looks only at
        // the literals found there. A syntax-node action on every string literal cost 5× more in a build even with an empty
        // callback (docs/performance.md).
        registration.RegisterSemanticModelAction(ctx => AnalyzeKeyShapedLiterals(ctx, types));
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
