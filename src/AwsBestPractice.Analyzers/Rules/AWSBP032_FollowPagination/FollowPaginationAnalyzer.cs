using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.FollowPagination;

using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

/// <summary>
/// AWSBP032: a call to a paginated operation (the client's paginator factory has a method of its name) whose response's
/// continuation member (<c>LastEvaluatedKey</c>, <c>NextToken</c>, <c>NextContinuationToken</c>, <c>IsTruncated</c>…) is never
/// read, or only tested and never fed back: the code reads the first page as if it were the whole result.
/// </summary>
public sealed class FollowPaginationAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: present when the fix may rewrite the call to the paginator.</summary>
    internal const string PaginatorKey = "Paginator";

    private const string NeverRead = "never reads {1}";
    private const string OnlyTested = "tests {1} but never passes it to the next request, so it reads the first page again";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP032",
        "{0} returns one page of results and the code {1}; follow it to the last page or use client.Paginators.{2}",
        "AWS list, scan and query operations return one page at a time (DynamoDB stops at 1 MB, S3 at 1,000 keys); the response "
        + "says where the next page starts. Code that reads only the first page silently misses data once the result grows.");

    public FollowPaginationAnalyzer()
        : base(Rule)
    {
    }

    internal override void Register(RuleRegistration registration)
    {
        var dynamo = registration.Context.MayReferenceSdkAssembly(DynamoDbSymbols.AssemblyName) ? registration.Symbols(DynamoDbSymbols.TryCreate) : null;
        var aws = registration.Context;
        registration.RegisterAnyServiceCall((context, call) => Analyze(context, call, aws, dynamo));
    }

    private static void Analyze(OperationAnalysisContext context, AwsOperation call, AwsContext aws, DeferredSymbols<DynamoDbSymbols>? dynamo)
    {
        var cancellationToken = context.CancellationToken;

        // ListBuckets returns every bucket or fails (MaxBuckets pages on request); a batch response is AWSBP022's business.
        if (call.Name == "ListBuckets"
            || aws.Model("paginator", call.Invocation.TargetMethod.OriginalDefinition, _ => Paginators.Find(call)) is not { } paginator
            || !aws.Model("unprocessed", call.ResponseType, static type => BatchOperations.UnprocessedMembers((ITypeSymbol)type)).IsEmpty
            || aws.Model("continuation", call.ResponseType, static type => Paginators.ContinuationMembers((ITypeSymbol)type)) is not { IsEmpty: false } continuation
            || IsOnePageOnPurpose(call, aws, cancellationToken))
        {
            return;
        }

        var reads = ResponseValues.GetMemberReads(call.Invocation, ResponseValues.NamesOf(continuation), cancellationToken, out var escapes);
        if (escapes)
        {
            return; // the response goes to the caller: it may follow the token
        }

        string reason;
        if (reads.Count == 0)
        {
            reason = NeverRead;
        }
        else if (reads.TrueForAll(read => ResponseValues.IsOnlyTested(read)))
        {
            reason = OnlyTested;
        }
        else
        {
            return;
        }

        // One call gets one report: an unfiltered scan whose items are all deleted is AWSBP030's.
        if (call.Name == "Scan" && dynamo?.Value is { } dynamoSymbols && ScanAndDeleteTableCleanupAnalyzer.IsTableCleanup(call.Invocation, dynamoSymbols, cancellationToken))
        {
            return;
        }

        var members = string.Join(" or ", ResponseValues.NamesOf(continuation));
        var properties = ImmutableDictionary<string, string?>.Empty.Add(PaginatorKey, paginator.Name);
        context.ReportDiagnostic(Diagnostic.Create(Rule, call.Invocation.Syntax.GetLocation(), properties, call.Name, string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, call.Name, members), call.Name));
    }

    /// <summary>
    /// A deliberate single page: a page size set (and, for DynamoDB, no filter, which is applied after the limit and can leave
    /// the first page empty), a token set from elsewhere (the caller pages), explicit targets (<c>InstanceIds</c>, <c>StackName</c>),
    /// or a request that cannot be followed (a parameter, a factory's result).
    /// </summary>
    private static bool IsOnePageOnPurpose(AwsOperation call, AwsContext aws, CancellationToken cancellationToken)
    {
        if (call.RequestArgument is not { } argument)
        {
            return false; // a convenience overload: nothing set
        }

        if (!call.TryGetRequest(cancellationToken, out _, out var assignments))
        {
            return true;
        }

        var request = argument.Value.WalkDownConversions().Type ?? argument.Parameter!.Type;
        var filtered = call.IsService("DynamoDBv2") && RequestObjects.SetsAny(assignments, "FilterExpression", "ScanFilter", "QueryFilter");
        return (!filtered && RequestObjects.SetsAny(assignments, aws.Model("page size", request, static type => ResponseValues.NamesOf(Paginators.PageSizeMembers((ITypeSymbol)type)))))
               || RequestObjects.SetsAny(assignments, aws.Model("input token", request, static type => ResponseValues.NamesOf(Paginators.InputTokenMembers((ITypeSymbol)type))))
               || RequestObjects.SetsAny(assignments, "StackName")
               || NamesTargets(assignments);
    }

    /// <summary>A non-empty <c>…Ids</c>, <c>…Names</c> or <c>…Arns</c> list: the request names what it describes.</summary>
    private static bool NamesTargets(List<RequestMemberAssignment> assignments)
    {
        foreach (var assignment in assignments)
        {
            var name = assignment.Property.Name;
            if (name.IndexOf("Attribute", System.StringComparison.Ordinal) < 0 // ExpressionAttributeNames, MessageAttributeNames: not targets
                && (name.EndsWith("Ids", System.StringComparison.Ordinal) || name.EndsWith("Names", System.StringComparison.Ordinal) || name.EndsWith("Arns", System.StringComparison.Ordinal))
                && !IsEmptyCollection(assignment.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsEmptyCollection(IOperation value)
        => value.WalkDownConversions() switch
        {
            { ConstantValue: { HasValue: true, Value: null } } => true,
            IObjectCreationOperation { Initializer: null or { Initializers.Length: 0 }, Arguments.Length: 0 } => true,
            _ => false,
        };
}
