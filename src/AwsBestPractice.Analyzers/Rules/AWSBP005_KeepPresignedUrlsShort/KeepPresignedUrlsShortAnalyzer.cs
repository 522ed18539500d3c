using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.KeepPresignedUrlsShort;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP005: a presigned S3 URL whose lifetime is known at compile time (<c>Expires = DateTime.UtcNow.AddDays(8)</c>, through
/// <c>Add(TimeSpan.FromHours(…))</c>, <c>+</c>, constants, locals and <c>readonly</c> members) and longer than 7 days (invalid for
/// SigV4, always reported) or than the configured maximum (<c>dotnet_diagnostic.AWSBP005.max_lifetime</c>, seconds, default 3600).
/// </summary>
public sealed class KeepPresignedUrlsShortAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: the new method name of <c>AddDays(8)</c> (<c>AddHours</c>); additional location 0 is the name.</summary>
    internal const string NameKey = "Name";

    /// <summary>Diagnostic property: the replacement of the last additional location (the argument, or the whole <c>TimeSpan</c>).</summary>
    internal const string ValueKey = "Value";

    internal const int DefaultMaximum = 3600;
    internal const int SigV4Maximum = 7 * 24 * 3600;

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP005",
        "The presigned URL is valid for {0}, {1}; set Expires to at most {2} from now",
        "Anyone holding a presigned URL can use it until it expires: keep the lifetime short (1 hour by default, configurable with "
        + "dotnet_diagnostic.AWSBP005.max_lifetime in seconds). SigV4 presigned URLs cannot be valid for more than 7 days.");

    private static readonly (string Unit, int Seconds)[] Units = { ("Days", 86400), ("Hours", 3600), ("Minutes", 60), ("Seconds", 1) };

    public KeepPresignedUrlsShortAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.S3");

    internal override void Register(RuleRegistration registration)
    {
        var maximum = registration.TreeOption(Rule.Id, "max_lifetime", ParseMaximum);
        registration.RegisterOperationAction(
            registration.Symbols(PresignSymbols.TryCreate),
            static operation => operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Expires" } },
            (ctx, symbols) =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (!SymbolEqualityComparer.Default.Equals(((IPropertyReferenceOperation)assignment.Target).Property.ContainingType, symbols.Request)
                    || !symbols.Time.TryGetOffsetFromNow(assignment.Value, ctx.CancellationToken, out var lifetime))
                {
                    return;
                }

                var configured = maximum.Get(assignment.Syntax.SyntaxTree);
                var limit = Math.Min(configured, SigV4Maximum);
                if (lifetime <= limit)
                {
                    return;
                }

                foreach (var call in PresignedUrls.CallsFor(assignment, ctx.CancellationToken))
                {
                    if (PresignedUrls.IsOnFake(call, symbols.Aws))
                    {
                        return;
                    }
                }

                var why = lifetime > SigV4Maximum
                    ? "more than the 7 days SigV4 allows (the SDK rejects it)"
                    : "more than the maximum of " + Format(configured) + " (dotnet_diagnostic.AWSBP005.max_lifetime)";
                var (locations, properties) = FixData(assignment.Value, symbols, limit);
                ctx.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Value.WalkDownConversions().Syntax.GetLocation(), locations, properties, Format(lifetime), why, Format(limit)));
            },
            OperationKind.SimpleAssignment);
    }

    /// <summary>Seconds, a positive integer; anything else (missing, empty, <c>1h</c>, <c>-5</c>) is the default of one hour.</summary>
    private static int ParseMaximum(string? text)
        => int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : DefaultMaximum;

    /// <summary>
    /// What the fix replaces when the value is one step from now: <c>DateTime.UtcNow.AddDays(8)</c> (the name and the argument,
    /// in the largest unit that divides the limit, the same unit when it does) or <c>DateTime.UtcNow.Add(span)</c>/<c>+ span</c>
    /// (the span, as <c>TimeSpan.FromX(n)</c>). Nothing for longer chains.
    /// </summary>
    private static (ImmutableArray<Location> Locations, ImmutableDictionary<string, string?> Properties) FixData(IOperation value, PresignSymbols symbols, int limit)
    {
        var none = (ImmutableArray<Location>.Empty, ImmutableDictionary<string, string?>.Empty);
        var unwrapped = value.WalkDownConversions();
        switch (unwrapped)
        {
            case IInvocationOperation { Instance: { } instance, TargetMethod.Name: var name, Arguments: { Length: 1 } arguments, Syntax: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } }
                when symbols.Time.IsNow(instance):
                if (name is "Add" or "Subtract")
                {
                    return name == "Add" ? SpanFix(arguments[0].Value.Syntax, limit) : none;
                }

                var (unit, count) = Express(limit, name.Substring(3));
                var properties = ImmutableDictionary<string, string?>.Empty.Add(NameKey, "Add" + unit).Add(ValueKey, count.ToString(CultureInfo.InvariantCulture));
                return (ImmutableArray.Create(access.Name.GetLocation(), arguments[0].Value.Syntax.GetLocation()), properties);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when symbols.Time.IsNow(binary.LeftOperand):
                return SpanFix(binary.RightOperand.Syntax, limit);
            default:
                return none;
        }
    }

    private static (ImmutableArray<Location>, ImmutableDictionary<string, string?>) SpanFix(SyntaxNode span, int limit)
    {
        var unit = span is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var from } } && from.StartsWith("From", StringComparison.Ordinal)
            ? from.Substring(4)
            : "Days";
        var (chosen, count) = Express(limit, unit);
        var text = "global::System.TimeSpan.From" + chosen + "(" + count.ToString(CultureInfo.InvariantCulture) + ")";
        return (ImmutableArray.Create(span.GetLocation()), ImmutableDictionary<string, string?>.Empty.Add(ValueKey, text));
    }

    /// <summary><paramref name="seconds"/> in <paramref name="preferred"/> when it divides evenly, else in the largest unit that does.</summary>
    private static (string Unit, int Count) Express(int seconds, string preferred)
    {
        foreach (var (unit, size) in Units)
        {
            if (unit == preferred && seconds % size == 0)
            {
                return (unit, seconds / size);
            }
        }

        foreach (var (unit, size) in Units)
        {
            if (seconds % size == 0)
            {
                return (unit, seconds / size);
            }
        }

        return ("Seconds", seconds);
    }

    private static string Format(double seconds)
    {
        var whole = (long)Math.Round(seconds);
        foreach (var (unit, size) in Units)
        {
            if (whole % size == 0)
            {
                var count = whole / size;
                var name = unit.ToLowerInvariant();
                return count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? name.Substring(0, name.Length - 1) : name);
            }
        }

        return whole.ToString(CultureInfo.InvariantCulture) + " seconds";
    }

    /// <summary>The types the rule reads; null in a test project or without AWSSDK.S3.</summary>
    private sealed class PresignSymbols
    {
        private PresignSymbols(AwsSymbols aws, INamedTypeSymbol request)
        {
            Aws = aws;
            Request = request;
            Time = TimeOffsets.Create(aws);
        }

        public AwsSymbols Aws { get; }

        public INamedTypeSymbol Request { get; }

        public TimeOffsets Time { get; }

        public static PresignSymbols? TryCreate(AwsSymbols aws)
            => !TestCode.IsTestProject(aws.Compilation) && aws.GetType("Amazon.S3.Model.GetPreSignedUrlRequest") is { } request ? new PresignSymbols(aws, request) : null;
    }
}
