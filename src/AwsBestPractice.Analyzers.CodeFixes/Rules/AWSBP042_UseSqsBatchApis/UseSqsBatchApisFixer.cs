using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseSqsBatchApis;

/// <summary>
/// AWSBP042: "Send in batches of 10 with SendMessageBatch" (and DeleteMessageBatch, ChangeMessageVisibilityBatch). A foreach
/// whose body is only the per-message call becomes one batch request per 10 elements (<c>items.Chunk(10)</c>), each entry's
/// <c>Id</c> its index within the chunk and carrying every property the per-message request set (<c>MessageAttributes</c>,
/// <c>DelaySeconds</c>, <c>MessageGroupId</c>, <c>MessageDeduplicationId</c>…), throwing when <c>Failed</c> lists entries
/// (null-safe: v4 returns null when none failed, aws-sdk-net#4200). Reading <c>Failed</c> keeps AWSBP022 quiet.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSqsBatchApisFixer)), Shared]
public sealed class UseSqsBatchApisFixer : ChunkedBatchFixer
{
    private static readonly BatchApi SendMessage = Batch("SendMessage", "messages not sent");
    private static readonly BatchApi DeleteMessage = Batch("DeleteMessage", "messages not deleted");
    private static readonly BatchApi ChangeMessageVisibility = Batch("ChangeMessageVisibility", "visibility timeouts not changed");

    public UseSqsBatchApisFixer()
        : base("AWSBP042")
    {
    }

    private protected override BatchApi? Api(string operation)
        => operation switch
        {
            "SendMessage" => SendMessage,
            "DeleteMessage" => DeleteMessage,
            "ChangeMessageVisibility" => ChangeMessageVisibility,
            _ => null,
        };

    private protected override string Title(string operation, BatchApi api)
        => operation switch
        {
            "SendMessage" => "Send in batches of 10 with SendMessageBatch",
            "DeleteMessage" => "Delete in batches of 10 with DeleteMessageBatch",
            _ => "Change visibility in batches of 10 with ChangeMessageVisibilityBatch",
        };

    private static BatchApi Batch(string operation, string what)
        => new(
            operation + "Batch",
            "Amazon.SQS.Model." + operation + "BatchRequest",
            "Entries",
            "Amazon.SQS.Model." + operation + "BatchRequestEntry",
            "QueueUrl",
            10,
            "Id",
            "failed",
            """
            if ($response$.Failed is { Count: > 0 } $errors$) // null when none failed (SDK v4)
            {
                throw new global::System.InvalidOperationException($"OPERATION: {$errors$.Count} of {$chunk$.Length} WHAT, first {$errors$[0].Code}: {$errors$[0].Message}");
            }
            """.Replace("OPERATION", operation + "Batch").Replace("WHAT", what));
}
