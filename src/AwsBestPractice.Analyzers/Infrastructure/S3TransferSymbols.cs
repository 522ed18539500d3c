using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The S3 <c>TransferUtility</c> as the high-level counterpart of <c>PutObject</c>: its types, and which property of
/// <c>TransferUtilityUploadRequest</c> takes the value of a <c>PutObjectRequest</c> property in the referenced SDK. The two
/// request types share most names, but not all, and not in every version: v4 calls the SSE-KMS encryption context
/// <c>SSEKMSEncryptionContext</c> and v3 (3.7) has none; v3's upload request has no <c>ExpectedBucketOwner</c>,
/// <c>BucketKeyEnabled</c>, <c>Grants</c> or <c>WebsiteRedirectLocation</c>; neither has <c>ContentBody</c>, <c>MD5Digest</c>,
/// <c>UseChunkEncoding</c>, <c>WriteOffsetBytes</c> or <c>StreamTransferProgress</c> (the upload request has an event instead).
/// Resolved once per compilation through <see cref="AwsContext.Symbols{T}"/>.
/// </summary>
internal sealed class S3TransferSymbols
{
    /// <summary>PutObjectRequest properties whose upload-request counterpart has another name.</summary>
    private static readonly Dictionary<string, string> Renamed = new(System.StringComparer.Ordinal)
    {
        ["ServerSideEncryptionKeyManagementServiceEncryptionContext"] = "SSEKMSEncryptionContext",
    };

    private S3TransferSymbols(INamedTypeSymbol putObjectRequest, INamedTypeSymbol transferUtility, INamedTypeSymbol uploadRequest)
    {
        PutObjectRequest = putObjectRequest;
        TransferUtility = transferUtility;
        UploadRequest = uploadRequest;
    }

    public INamedTypeSymbol PutObjectRequest { get; }

    public INamedTypeSymbol TransferUtility { get; }

    /// <summary><c>Amazon.S3.Transfer.TransferUtilityUploadRequest</c>.</summary>
    public INamedTypeSymbol UploadRequest { get; }

    public static S3TransferSymbols? TryCreate(AwsSymbols aws)
        => aws.GetType("Amazon.S3.Model.PutObjectRequest") is { } put
           && aws.GetType("Amazon.S3.Transfer.TransferUtility") is { } utility
           && aws.GetType("Amazon.S3.Transfer.TransferUtilityUploadRequest") is { } upload
            ? new S3TransferSymbols(put, utility, upload)
            : null;

    /// <summary>
    /// The upload request's property that takes the value of <paramref name="putObjectProperty"/>: the same name (or its new
    /// name), the same type, and a public setter when the code assigns it (<paramref name="assigned"/>); null when the referenced
    /// SDK has none, so an upload through <c>TransferUtility</c> would lose it.
    /// </summary>
    public IPropertySymbol? UploadCounterpart(IPropertySymbol putObjectProperty, bool assigned)
    {
        var name = Renamed.TryGetValue(putObjectProperty.Name, out var renamed) ? renamed : putObjectProperty.Name;
        for (INamedTypeSymbol? type = UploadRequest; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property
                    && SymbolEqualityComparer.Default.Equals(property.Type, putObjectProperty.Type))
                {
                    return !assigned || property.SetMethod is { DeclaredAccessibility: Accessibility.Public } ? property : null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when <c>TransferUtility</c> has <paramref name="name"/> (<c>UploadAsync</c>, <c>Upload</c>) taking an upload request,
    /// with a <c>CancellationToken</c> when <paramref name="withCancellation"/>.
    /// </summary>
    public bool HasUploadMethod(string name, bool withCancellation)
    {
        foreach (var member in TransferUtility.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, Parameters: var parameters }
                && parameters.Length >= 1
                && SymbolEqualityComparer.Default.Equals(parameters[0].Type, UploadRequest)
                && (!withCancellation || (parameters.Length == 2 && parameters[1].Type.Name == "CancellationToken")))
            {
                return true;
            }
        }

        return false;
    }
}
