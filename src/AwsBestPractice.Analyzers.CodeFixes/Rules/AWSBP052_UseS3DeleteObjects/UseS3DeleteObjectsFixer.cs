using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseS3DeleteObjects;

/// <summary>
/// AWSBP052: "Delete in batches with DeleteObjects". <c>foreach (var key in keys) await s3.DeleteObjectAsync(bucket, key);</c>
/// becomes one <c>DeleteObjects</c> request per 1,000 keys (<c>keys.Chunk(1000)</c>), each key (and version) a
/// <c>KeyVersion</c>, throwing when <c>DeleteErrors</c> lists keys that were not deleted (null-safe: v4 returns null when none
/// failed). Offered for a foreach whose body is only the delete; see <see cref="ChunkedBatchFixer"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseS3DeleteObjectsFixer)), Shared]
public sealed class UseS3DeleteObjectsFixer : ChunkedBatchFixer
{
    private static readonly BatchApi DeleteObjects = new(
        "DeleteObjects",
        "Amazon.S3.Model.DeleteObjectsRequest",
        "Objects",
        "Amazon.S3.Model.KeyVersion",
        "BucketName",
        1000,
        idProperty: null,
        "errors",
        """
        if ($response$.DeleteErrors is { Count: > 0 } $errors$) // null when none failed (SDK v4)
        {
            throw new global::System.InvalidOperationException($"DeleteObjects failed for {$errors$.Count} of {$chunk$.Length} objects, first {$errors$[0].Key}: {$errors$[0].Code} {$errors$[0].Message}");
        }
        """);

    public UseS3DeleteObjectsFixer()
        : base("AWSBP052")
    {
    }

    private protected override BatchApi? Api(string operation) => operation == "DeleteObject" ? DeleteObjects : null;

    private protected override string Title(string operation, BatchApi api) => "Delete in batches with DeleteObjects";
}
