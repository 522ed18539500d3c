using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The AWS model of pagination, read from the SDK's symbols: an operation is paginated when the client's paginator factory
/// (<c>client.Paginators</c>, SDK 3.7.100+ and v4) has a method of the same name; its response says where the next page starts
/// (<see cref="ContinuationMembers"/>) and its request how large a page is (<see cref="PageSizeMembers"/>). No list of
/// operations: every service's paginators are found the same way.
/// </summary>
internal static class Paginators
{
    /// <summary>The paginator factory's method for the operation called (<c>Paginators.Scan(ScanRequest)</c>), or null.</summary>
    public static IMethodSymbol? Find(AwsOperation call)
    {
        if (call.ServiceInterface is not { } service || FactoryOf(service) is not { } factory)
        {
            return null;
        }

        var request = call.RequestArgument?.Parameter?.Type;
        foreach (var member in factory.GetMembers(call.Name))
        {
            if (member is IMethodSymbol { Parameters.Length: 1 } method
                && (request is null || SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, request)))
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// What a paginator enumerates: <c>Responses</c> (the pages) and, where the paginator has them, the items of every page
    /// (<c>S3Objects</c>, <c>Items</c>…): the properties of the paginator's type.
    /// </summary>
    public static ImmutableArray<IPropertySymbol> Enumerables(IMethodSymbol paginator)
    {
        var builder = ImmutableArray.CreateBuilder<IPropertySymbol>();
        foreach (var member in paginator.ReturnType.GetMembers())
        {
            if (member is IPropertySymbol { IsStatic: false } property)
            {
                builder.Add(property);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The response members that say where the next page starts: <c>LastEvaluatedKey</c> (DynamoDB), <c>IsTruncated</c> (S3), and
    /// every <c>Next…</c> token or marker (<c>NextToken</c>, <c>NextContinuationToken</c>, <c>NextMarker</c>, <c>NextPageToken</c>…).
    /// </summary>
    public static ImmutableArray<IPropertySymbol> ContinuationMembers(ITypeSymbol response)
        => Properties(response, static name => name is "LastEvaluatedKey" or "IsTruncated"
                                             || (name.StartsWith("Next", StringComparison.Ordinal) && name.Length > 4 && char.IsUpper(name[4])));

    /// <summary>
    /// The request members that take a page's continuation back: <c>ExclusiveStartKey</c> (DynamoDB), and every token or marker
    /// (<c>NextToken</c>, <c>ContinuationToken</c>, <c>StartAfter</c>, <c>Marker</c>, <c>KeyMarker</c>, <c>PageToken</c>…).
    /// </summary>
    public static ImmutableArray<IPropertySymbol> InputTokenMembers(ITypeSymbol request)
        => Properties(request, static name => name is "ExclusiveStartKey" or "StartAfter"
                                            || name.EndsWith("Token", StringComparison.Ordinal)
                                            || name.EndsWith("Marker", StringComparison.Ordinal));

    /// <summary>The request members that bound a page: <c>Limit</c>, <c>MaxKeys</c>, <c>MaxResults</c>, <c>MaxItems</c>, <c>MaxRecords</c>, <c>PageSize</c>.</summary>
    public static ImmutableArray<IPropertySymbol> PageSizeMembers(ITypeSymbol request)
        => Properties(request, static name => name is "Limit" or "MaxKeys" or "MaxResults" or "MaxItems" or "MaxRecords" or "PageSize" or "MaxBuckets");

    private static INamedTypeSymbol? FactoryOf(INamedTypeSymbol service)
    {
        foreach (var member in service.GetMembers("Paginators"))
        {
            if (member is IPropertySymbol { Type: INamedTypeSymbol factory })
            {
                return factory;
            }
        }

        return null;
    }

    internal static ImmutableArray<IPropertySymbol> Properties(ITypeSymbol type, Func<string, bool> select)
    {
        var builder = ImmutableArray.CreateBuilder<IPropertySymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property && select(property.Name))
                {
                    builder.Add(property);
                }
            }
        }

        return builder.ToImmutable();
    }
}

/// <summary>
/// The AWS model of batch operations, read from the response types: the members that list what the service did not do
/// (DynamoDB <c>UnprocessedItems</c>/<c>UnprocessedKeys</c>, SQS/SNS <c>Failed</c>, Kinesis <c>FailedRecordCount</c>, Firehose
/// <c>FailedPutCount</c>, EventBridge <c>FailedEntryCount</c>). A batch call succeeds as a whole even when some entries failed.
/// </summary>
internal static class BatchOperations
{
    public static ImmutableArray<IPropertySymbol> UnprocessedMembers(ITypeSymbol response)
        => Paginators.Properties(response, static name => name.StartsWith("Unprocessed", StringComparison.Ordinal)
                                                          || name == "Failed"
                                                          || (name.StartsWith("Failed", StringComparison.Ordinal) && name.EndsWith("Count", StringComparison.Ordinal)));
}
