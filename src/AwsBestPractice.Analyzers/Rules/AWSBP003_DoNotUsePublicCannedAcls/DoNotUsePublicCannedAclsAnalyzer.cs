using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.DoNotUsePublicCannedAcls;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP003: an S3 request that grants public access with a canned ACL (<c>public-read</c>, <c>public-read-write</c>,
/// <c>authenticated-read</c>): PutObject, CopyObject, PutBucket, PutACL and InitiateMultipartUpload requests, and the
/// <c>TransferUtility</c> upload requests, whether the ACL is set in the initializer or assigned after the request is created
/// (<see cref="RequestObjects"/>). Not in test projects, not on fakes or in test-double set-ups.
/// </summary>
public sealed class DoNotUsePublicCannedAclsAnalyzer : AwsRule
{
    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP003",
        "{0} sets the canned ACL {1}, which lets {2} the {3}; remove it to keep the {3} private and share through presigned URLs or CloudFront",
        "A public canned ACL exposes S3 data to anyone on the internet (or any AWS account). Keep objects and buckets private, leave S3 "
        + "Block Public Access on, and share through presigned URLs or a CloudFront distribution with origin access control.");

    private static readonly string[] Operations = { "PutObject", "CopyObject", "PutBucket", "PutACL", "InitiateMultipartUpload" };

    public DoNotUsePublicCannedAclsAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.S3");

    internal override void Register(RuleRegistration registration)
    {
        var symbols = registration.Symbols(AclSymbols.TryCreate);
        registration.RegisterServiceCall("S3", Operations, (ctx, call) =>
        {
            if (symbols.Value is { } acl && call.TryGetRequest(ctx.CancellationToken, out _, out var assignments))
            {
                var target = call.Name == "PutBucket" || (call.Name == "PutACL" && !RequestObjects.SetsAny(assignments, "Key")) ? "bucket" : "object";
                Check(ctx, acl, call.Invocation, call.Name, target, assignments);
            }
        });

        // TransferUtility.UploadAsync(new TransferUtilityUploadRequest { … }) and UploadDirectory: not service operations.
        registration.RegisterOperationAction(
            symbols,
            static operation => operation is IInvocationOperation { TargetMethod.Name: "Upload" or "UploadAsync" or "UploadDirectory" or "UploadDirectoryAsync", Arguments.Length: > 0 },
            static (ctx, acl) =>
            {
                var call = (IInvocationOperation)ctx.Operation;
                if (acl.IsTransferUtility(call.TargetMethod.ContainingType)
                    && !TestDoubles.IsSetUp(call)
                    && RequestObjects.TryGetAssignments(call.Arguments[0].Value, ctx.CancellationToken, out var assignments))
                {
                    var directory = call.TargetMethod.Name.StartsWith("UploadDirectory", StringComparison.Ordinal);
                    Check(ctx, acl, call, "TransferUtility." + call.TargetMethod.Name.Replace("Async", string.Empty), directory ? "objects" : "object", assignments);
                }
            },
            OperationKind.Invocation);
    }

    private static void Check(OperationAnalysisContext context, AclSymbols symbols, IInvocationOperation call, string operation, string target, List<RequestMemberAssignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            if (assignment.Property.Name != "CannedACL"
                || !symbols.IsCannedAcl(assignment.Property.Type)
                || PublicAcl(assignment.Value, symbols, context.CancellationToken, depth: 0) is not { } acl)
            {
                continue;
            }

            // On the ACL where it is part of the call (an inline request), else on the call: a diagnostic stays inside its operation.
            var value = assignment.Value.Syntax;
            var location = call.Syntax.Span.Contains(value.Span) ? value.GetLocation() : call.Syntax.GetLocation();
            var who = acl switch
            {
                "public-read" => "anyone read",
                "public-read-write" => "anyone read and write",
                _ => "any AWS account read",
            };
            context.ReportDiagnostic(Diagnostic.Create(Rule, location, ImmutableArray.Create(assignment.Assignment.Syntax.GetLocation()), null, operation, acl, who, target));
        }
    }

    /// <summary>
    /// The public canned ACL a value certainly is (<c>public-read</c>…), or null: <c>S3CannedACL.PublicRead</c>, a constant string
    /// (the implicit conversion, <c>S3CannedACL.FindValue("public-read")</c>, <c>new S3CannedACL("public-read")</c>), or a local or
    /// <c>readonly</c> member whose only value is one. A value read from configuration is not known, and not reported.
    /// </summary>
    private static string? PublicAcl(IOperation value, AclSymbols symbols, CancellationToken cancellationToken, int depth)
    {
        var unwrapped = value.WalkDownConversions();
        string? text = null;
        switch (unwrapped)
        {
            case IFieldReferenceOperation { Field: { IsStatic: true } field } when symbols.IsCannedAcl(field.ContainingType):
                text = field.Name switch
                {
                    "PublicRead" => "public-read",
                    "PublicReadWrite" => "public-read-write",
                    "AuthenticatedRead" => "authenticated-read",
                    _ => null,
                };
                break;
            case IInvocationOperation { TargetMethod: { Name: "FindValue", IsStatic: true } method, Arguments.Length: 1 } find when symbols.IsCannedAcl(method.ContainingType):
                ConstantValues.TryGetConstantString(find.Arguments[0].Value, cancellationToken, out text);
                break;
            case IObjectCreationOperation { Arguments.Length: 1 } creation when symbols.IsCannedAcl(creation.Type):
                ConstantValues.TryGetConstantString(creation.Arguments[0].Value, cancellationToken, out text);
                break;
            case ILocalReferenceOperation local when depth < 4
                                                   && ClientConfiguration.SingleLocalValue(local.Local, unwrapped.GetRoot(), cancellationToken) is { } single:
                return PublicAcl(single, symbols, cancellationToken, depth + 1);
            case IFieldReferenceOperation or IPropertyReferenceOperation when depth < 4
                                                                              && ((IMemberReferenceOperation)unwrapped).Member is var member
                                                                              && !member.IsImplicitlyDeclared
                                                                              && ClientConfiguration.SingleMemberValue(member, unwrapped.SemanticModel, cancellationToken) is { } memberValue:
                return PublicAcl(memberValue, symbols, cancellationToken, depth + 1);
            default:
                if (unwrapped.Type?.SpecialType == SpecialType.System_String)
                {
                    ConstantValues.TryGetConstantString(unwrapped, cancellationToken, out text);
                }

                break;
        }

        return text?.Trim().ToLowerInvariant() is "public-read" or "public-read-write" or "authenticated-read" ? text.Trim().ToLowerInvariant() : null;
    }

    /// <summary>The S3 types the rule reads; null in a compilation without them.</summary>
    private sealed class AclSymbols
    {
        private readonly INamedTypeSymbol _cannedAcl;
        private readonly INamedTypeSymbol? _transferUtility;
        private readonly INamedTypeSymbol? _transferUtilityInterface;

        private AclSymbols(INamedTypeSymbol cannedAcl, INamedTypeSymbol? transferUtility, INamedTypeSymbol? transferUtilityInterface)
        {
            _cannedAcl = cannedAcl;
            _transferUtility = transferUtility;
            _transferUtilityInterface = transferUtilityInterface;
        }

        /// <summary>Null in a test project (its uploads go to fakes, emulators or throw-away buckets).</summary>
        public static AclSymbols? TryCreate(AwsSymbols aws)
            => !TestCode.IsTestProject(aws.Compilation) && aws.GetType("Amazon.S3.S3CannedACL") is { } acl
                ? new AclSymbols(acl, aws.GetType("Amazon.S3.Transfer.TransferUtility"), aws.GetType("Amazon.S3.Transfer.ITransferUtility"))
                : null;

        public bool IsCannedAcl(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, _cannedAcl);

        public bool IsTransferUtility(INamedTypeSymbol? type)
            => type is not null && (SymbolEqualityComparer.Default.Equals(type, _transferUtility) || SymbolEqualityComparer.Default.Equals(type, _transferUtilityInterface));
    }
}
