using System;
using System.Collections.Generic;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.WildcardIamPolicy;

/// <summary>
/// AWSBP002: an IAM policy statement written in code that allows every action (<c>"Action": "*"</c>), every action of a service
/// (<c>"s3:*"</c>), or a write or administrative action on every resource (<c>"Resource": "*"</c>). Policies are read by
/// <see cref="IamPolicies"/> from JSON text, objects serialised to JSON and the SDK's <c>Amazon.Auth.AccessControlPolicy</c>
/// builder. Not reported: Deny statements, <c>NotAction</c>, read actions on every resource (<see cref="IsReadAction"/>), the
/// account root with <c>kms:*</c> in a KMS key policy (AWS's default key policy), test projects.
/// </summary>
/// <remarks>
/// Cost: string literals are everywhere, so the rule does not look at each one. One callback per file searches the file's text
/// for <c>Effect</c> (every policy statement has one, in each of the three shapes: a JSON member, an object member or dictionary
/// key, <c>StatementEffect</c>), and only the code around a match is read.
/// </remarks>
public sealed class WildcardIamPolicyAnalyzer : AwsRule
{
    private const string Marker = "Effect";

    /// <summary>{0}: the statement (<c>'Sid'</c>, <c>Statement[1]</c>), {1}: what it allows.</summary>
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP002",
        "IAM policy statement {0} allows {1}; grant only the actions and resources the code needs",
        "A policy that allows every action, every action of a service, or write actions on every resource gives the principal "
        + "far more than it needs: least privilege means naming the actions and the resources (ARNs) the workload uses.");

    public WildcardIamPolicyAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var context = registration.Context;
        registration.RegisterSemanticModelAction(ctx => Analyze(ctx, context));
    }

    private static void Analyze(SemanticModelAnalysisContext context, AwsContext aws)
    {
        var tree = context.SemanticModel.SyntaxTree;
        var cancellationToken = context.CancellationToken;
        if (!tree.TryGetText(out var sourceText))
        {
            sourceText = tree.GetText(cancellationToken);
        }

        // The file's own string, or chunks of a large file: its text is not copied into one string.
        var matches = SourceTexts.IndexesOfOrdinal(sourceText, Marker);
        if (matches.Count == 0 || aws.Aws.Value is null || TestCode.IsTestProject(aws))
        {
            return;
        }

        var root = tree.GetRoot(cancellationToken);
        var analysed = new HashSet<int>();
        foreach (var index in matches)
        {
            var token = root.FindToken(index);
            if (!token.Span.Contains(index) || token.Parent is not { } parent)
            {
                continue; // a comment
            }

            foreach (var statement in ReadStatements(token, parent, context.SemanticModel, analysed, cancellationToken))
            {
                Judge(context, statement);
            }
        }
    }

    /// <summary>The statements of the policy the <c>Effect</c> at <paramref name="token"/> belongs to (each policy read once).</summary>
    private static IEnumerable<PolicyStatement> ReadStatements(SyntaxToken token, SyntaxNode parent, SemanticModel model, HashSet<int> analysed, System.Threading.CancellationToken cancellationToken)
    {
        if (token.IsKind(SyntaxKind.IdentifierToken))
        {
            if (token.ValueText == Marker && IamPolicies.GetObjectOfMember(parent) is { } members && analysed.Add(members.SpanStart))
            {
                return Single(IamPolicies.FromObject(members, model, cancellationToken));
            }

            if (token.ValueText == "StatementEffect"
                && parent.FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() is { } creation
                && analysed.Add(creation.SpanStart)
                && model.GetOperation(creation, cancellationToken) is IObjectCreationOperation operation)
            {
                return Single(IamPolicies.FromBuilder(operation, cancellationToken));
            }

            return Array.Empty<PolicyStatement>();
        }

        if (token.ValueText == Marker)
        {
            // A dictionary key: { ["Effect"] = "Allow" }, { { "Effect", "Allow" } }.
            return IamPolicies.GetObjectOfMember(parent) is { } members && analysed.Add(members.SpanStart)
                ? Single(IamPolicies.FromObject(members, model, cancellationToken))
                : Array.Empty<PolicyStatement>();
        }

        return StringSyntaxText.GetOutermost(parent) is { } expression
               && analysed.Add(expression.SpanStart)
               && StringSyntaxText.TryRead(expression) is { } policyText
            ? IamPolicies.FromJson(policyText)
            : Array.Empty<PolicyStatement>();
    }

    private static IEnumerable<PolicyStatement> Single(PolicyStatement? statement)
        => statement is null ? Array.Empty<PolicyStatement>() : new[] { statement };

    private static void Judge(SemanticModelAnalysisContext context, PolicyStatement statement)
    {
        if (statement.Effect != "Allow" || statement.HasNotAction)
        {
            return;
        }

        var rootPrincipal = statement.Principals.Exists(IsAccountRoot);
        var reported = false;
        foreach (var action in statement.Actions)
        {
            if (action.Value == "*")
            {
                Report(context, action, statement, "every action ('*')");
                reported = true;
            }
            else if (ServiceWildcard(action.Value) is { } service && !(service == "kms" && rootPrincipal))
            {
                Report(context, action, statement, "every " + service + " action ('" + action.Value + "')");
                reported = true;
            }
        }

        if (reported || !statement.Resources.Exists(r => r.Value == "*"))
        {
            return;
        }

        // In a key policy (a statement with a Principal), "Resource": "*" is the key itself.
        if (statement.Principals.Count > 0 && statement.Actions.TrueForAll(a => a.Value.StartsWith("kms:", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        foreach (var action in statement.Actions)
        {
            if (IsWriteAction(action.Value))
            {
                Report(context, statement.Resources.Find(r => r.Value == "*"), statement, "'" + action.Value + "' on every resource ('*')");
                return;
            }
        }
    }

    private static void Report(SemanticModelAnalysisContext context, PolicyValue value, PolicyStatement statement, string what)
        => context.ReportDiagnostic(Diagnostic.Create(Rule, value.Location, statement.Label, what));

    /// <summary>The service of <c>service:*</c>; null for anything else (or a service name that is not a constant).</summary>
    private static string? ServiceWildcard(string action)
    {
        var colon = action.IndexOf(':');
        return colon > 0 && colon == action.Length - 2 && action[colon + 1] == '*' && IsName(action, 0, colon)
            ? action.Substring(0, colon).ToLowerInvariant()
            : null;
    }

    /// <summary>
    /// A write or administrative action: <c>service:Verb…</c> whose verb does not start with a read prefix
    /// (<see cref="IsReadAction"/>), or starts with a wildcard (<c>s3:*Object</c> may be <c>PutObject</c>). An action that is not
    /// a constant <c>service:name</c> is not judged.
    /// </summary>
    private static bool IsWriteAction(string action)
    {
        var colon = action.IndexOf(':');
        return colon > 0 && colon < action.Length - 1 && IsName(action, 0, colon) && action.IndexOf(StringSyntaxText.Hole) < 0 && !IsReadAction(action.Substring(colon + 1));
    }

    /// <summary>The read prefixes of IAM action names: Get, List, Describe, Head, BatchGet, Query, Scan, Search, Lookup.</summary>
    internal static bool IsReadAction(string verb)
    {
        foreach (var prefix in ReadPrefixes)
        {
            if (verb.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ReadPrefixes = { "Get", "List", "Describe", "Head", "BatchGet", "Query", "Scan", "Search", "Lookup" };

    private static bool IsName(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (!(char.IsLetterOrDigit(text[i]) || text[i] == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>arn:aws:iam::111122223333:root</c> (any partition) or a bare 12-digit account ID, as IAM writes the account root.</summary>
    private static bool IsAccountRoot(string principal)
        => (principal.StartsWith("arn:aws", StringComparison.Ordinal) && principal.EndsWith(":root", StringComparison.Ordinal))
           || (principal.Length == 12 && IsDigits(principal));

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
