using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseBatchWriteItem;

/// <summary>
/// AWSBP031: "Write in batches of 25 with BatchWriteItem". <c>foreach (var item in items) await dynamo.PutItemAsync(table, item);</c>
/// becomes one <c>BatchWriteItem</c> per 25 elements (<c>items.Chunk(25)</c>), <c>RequestItems</c> a new dictionary (v4 leaves
/// collections null) keyed by the table, each element a <c>WriteRequest</c> with its <c>PutRequest.Item</c> (or
/// <c>DeleteRequest.Key</c>), sent through AWSBP022's <c>BatchWriteItemUntilProcessedAsync</c> helper so that unprocessed items are
/// resubmitted. Not offered when the request sets what a batch cannot carry (ReturnValues…); see <see cref="ChunkedBatchFixer"/>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseBatchWriteItemFixer)), Shared]
public sealed class UseBatchWriteItemFixer : ChunkedBatchFixer
{
    private static readonly BatchApi Put = Write("Put");
    private static readonly BatchApi Delete = Write("Delete");

    public UseBatchWriteItemFixer()
        : base("AWSBP031")
    {
    }

    private protected override BatchApi? Api(string operation)
        => operation switch
        {
            "PutItem" => Put,
            "DeleteItem" => Delete,
            _ => null,
        };

    private protected override string Title(string operation, BatchApi api) => "Write in batches of 25 with BatchWriteItem";

    private static BatchApi Write(string kind)
        => new(
            "BatchWriteItem",
            "Amazon.DynamoDBv2.Model.BatchWriteItemRequest",
            "RequestItems",
            "Amazon.DynamoDBv2.Model." + kind + "Request",
            "TableName",
            25,
            idProperty: null,
            "unprocessed",
            string.Empty,
            entryTemplate: "new global::Amazon.DynamoDBv2.Model.WriteRequest { " + kind + "Request = $entry$ }",
            entriesTemplate: "new global::System.Collections.Generic.Dictionary<string, global::System.Collections.Generic.List<global::Amazon.DynamoDBv2.Model.WriteRequest>>\n{\n[$group$] = $entries$,\n}",
            resubmitHelper: "BatchWriteItem");
}
