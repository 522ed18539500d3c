using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The <c>…UntilProcessedAsync</c> helpers fixes add to a type so that a batch call resubmits what the service did not process
/// (DynamoDB <c>UnprocessedItems</c>, SQS <c>Failed</c>) with capped exponential backoff and full jitter, at most 8 attempts,
/// and throws when entries remain: written by AWSBP022's fix (around a discarded batch call) and by the per-item fixes that
/// produce batch calls (AWSBP031), so that their output is not an AWSBP022 report. One helper per operation and type.
/// </summary>
internal static class UntilProcessedHelpers
{
    public static string Name(string operation) => operation + "UntilProcessedAsync";

    /// <summary>The type already has the helper (a previous fix wrote it): it is reused.</summary>
    public static bool Exists(INamedTypeSymbol type, string operation) => !type.GetMembers(Name(operation)).IsEmpty;

    /// <summary>The helpers use <c>Random.Shared</c> (.NET 6+).</summary>
    public static bool IsAvailable(Compilation compilation) => compilation.GetTypeByMetadataName("System.Random")?.GetMembers("Shared").IsEmpty == false;

    /// <summary>Adds, to each type, the helpers of the operations listed for it (callers leave out those that exist).</summary>
    public static void AddTo(DocumentEditor editor, Dictionary<TypeDeclarationSyntax, SortedSet<string>> helpers, SyntaxTrivia endOfLine)
    {
        foreach (var pair in helpers)
        {
            foreach (var operation in pair.Value)
            {
                var helper = Create(operation, endOfLine);
                editor.ReplaceNode(pair.Key, (current, _) => ((TypeDeclarationSyntax)current).AddMembers(helper));
            }
        }
    }

    /// <summary>The helper of <paramref name="operation"/> (<c>BatchWriteItem</c>, an SQS batch operation), annotated for simplification and formatting.</summary>
    public static MemberDeclarationSyntax Create(string operation, SyntaxTrivia endOfLine)
    {
        var text = operation == "BatchWriteItem" ? DynamoDbTemplate : SqsTemplate.Replace("$Op$", operation);
        var member = SyntaxFactory.ParseMemberDeclaration(text.Replace("\r\n", "\n").Replace("\n", endOfLine.ToFullString()))!;
        return member.WithLeadingTrivia(member.GetLeadingTrivia().Insert(0, endOfLine))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation, Formatter.Annotation);
    }

    private const string Backoff = "await global::System.Threading.Tasks.Task.Delay(global::System.TimeSpan.FromMilliseconds(global::System.Random.Shared.Next((int)global::System.Math.Min(5000, 50 * global::System.Math.Pow(2, attempt)))), cancellationToken);";

    private const string DynamoDbTemplate = """
        /// <summary>
        /// BatchWriteItem, resubmitting the unprocessed entries with capped exponential backoff and full jitter; throws when
        /// entries remain after 8 attempts.
        /// </summary>
        private static async global::System.Threading.Tasks.Task BatchWriteItemUntilProcessedAsync(global::Amazon.DynamoDBv2.IAmazonDynamoDB client, global::Amazon.DynamoDBv2.Model.BatchWriteItemRequest request, global::System.Threading.CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await client.BatchWriteItemAsync(request, cancellationToken);
                if (response.UnprocessedItems is not { Count: > 0 } unprocessed)
                {
                    return;
                }

                if (attempt == 8)
                {
                    throw new global::System.InvalidOperationException($"BatchWriteItem left entries of {unprocessed.Count} table(s) unprocessed after {attempt} attempts.");
                }

                
        """ + Backoff + """

                request = new global::Amazon.DynamoDBv2.Model.BatchWriteItemRequest { RequestItems = unprocessed, ReturnConsumedCapacity = request.ReturnConsumedCapacity, ReturnItemCollectionMetrics = request.ReturnItemCollectionMetrics };
            }
        }
        """;

    private const string SqsTemplate = """
        /// <summary>
        /// $Op$, resubmitting the failed entries with capped exponential backoff and full jitter; throws for an entry
        /// the sender caused to fail, and when entries still fail after 8 attempts.
        /// </summary>
        private static async global::System.Threading.Tasks.Task $Op$UntilProcessedAsync(global::Amazon.SQS.IAmazonSQS client, global::Amazon.SQS.Model.$Op$Request request, global::System.Threading.CancellationToken cancellationToken = default)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await client.$Op$Async(request, cancellationToken);
                if (response.Failed is not { Count: > 0 } failed) // null when nothing failed (SDK v4)
                {
                    return;
                }

                if (attempt == 8 || failed.Exists(entry => entry.SenderFault == true))
                {
                    throw new global::System.InvalidOperationException($"$Op$ failed for {failed.Count} entries: {failed[0].Code} {failed[0].Message}");
                }

                
        """ + Backoff + """

                var retry = new global::System.Collections.Generic.HashSet<string>();
                foreach (var entry in failed)
                {
                    retry.Add(entry.Id);
                }

                request = new global::Amazon.SQS.Model.$Op$Request { QueueUrl = request.QueueUrl, Entries = request.Entries.FindAll(entry => retry.Contains(entry.Id)) };
            }
        }
        """;
}
