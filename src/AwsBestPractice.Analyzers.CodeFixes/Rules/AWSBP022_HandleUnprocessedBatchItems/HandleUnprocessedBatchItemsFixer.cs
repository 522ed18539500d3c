using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.HandleUnprocessedBatchItems;

/// <summary>
/// AWSBP022: "Resubmit unprocessed entries". A discarded DynamoDB <c>BatchWriteItem</c> or SQS <c>SendMessageBatch</c>,
/// <c>DeleteMessageBatch</c>, <c>ChangeMessageVisibilityBatch</c> call becomes a call to a helper added to the type, which
/// resubmits what the service did not process with capped exponential backoff and full jitter, at most 8 attempts, and throws
/// when entries remain (or, for SQS, when an entry failed through the sender's fault). Handles v4's null <c>Failed</c> and
/// <c>UnprocessedItems</c>. Not offered for a response the code keeps (a <c>BatchGetItem</c>'s items must be merged by hand).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HandleUnprocessedBatchItemsFixer)), Shared]
public sealed class HandleUnprocessedBatchItemsFixer : PlannedFixer<HandleUnprocessedBatchItemsFixer.Site>
{
    public HandleUnprocessedBatchItemsFixer()
        : base(HandleUnprocessedBatchItemsAnalyzer.Rule.Id, "Resubmit unprocessed entries with backoff", "AWSBP022_Resubmit", (root, model, diagnostic, cancellationToken) => Site.TryCreate(root, model!, diagnostic, cancellationToken), needsSemanticModel: true)
    {
    }

    private protected override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<Site> plans, CancellationToken cancellationToken)
    {
        var helpers = new Dictionary<TypeDeclarationSyntax, SortedSet<string>>();
        foreach (var site in plans)
        {
            var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(
                new[] { SyntaxFactory.Argument(site.Client.WithoutTrivia()) }.Concat(site.Invocation.ArgumentList.Arguments)));
            editor.ReplaceNode(site.Invocation, SyntaxFactory.InvocationExpression(SyntaxFactory.IdentifierName(site.HelperName), arguments).WithTriviaFrom(site.Invocation));
            if (!helpers.TryGetValue(site.Type, out var names))
            {
                helpers[site.Type] = names = new SortedSet<string>(System.StringComparer.Ordinal);
            }

            if (!site.HelperExists)
            {
                names.Add(site.Operation);
            }
        }

        UntilProcessedHelpers.AddTo(editor, helpers, Trivia.EndOfLine(editor.OriginalRoot));
        return Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken);
    }

    /// <summary>A discarded batch call the helper can replace: <c>await client.BatchWriteItemAsync(request[, cancellationToken]);</c>.</summary>
    public sealed class Site
    {
        private Site(InvocationExpressionSyntax invocation, ExpressionSyntax client, TypeDeclarationSyntax type, string operation, bool helperExists)
        {
            Invocation = invocation;
            Client = client;
            Type = type;
            Operation = operation;
            HelperExists = helperExists;
        }

        public InvocationExpressionSyntax Invocation { get; }
        public ExpressionSyntax Client { get; }
        public TypeDeclarationSyntax Type { get; }
        public string Operation { get; }
        public bool HelperExists { get; }
        public string HelperName => UntilProcessedHelpers.Name(Operation);

        public static Site? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.ContainsKey(HandleUnprocessedBatchItemsAnalyzer.DiscardedKey)
                || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var client, Name.Identifier.ValueText: var name } } invocation
                || !name.EndsWith("Async", System.StringComparison.Ordinal)
                || invocation.ArgumentList.Arguments is not { Count: 1 or 2 } arguments
                || arguments.Any(a => a.NameColon is not null || a.RefKindKeyword.RawKind != 0)
                || invocation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
                || !UntilProcessedHelpers.IsAvailable(model.Compilation))
            {
                return null;
            }

            var operation = name.Substring(0, name.Length - "Async".Length);
            if (operation is not ("BatchWriteItem" or "SendMessageBatch" or "DeleteMessageBatch" or "ChangeMessageVisibilityBatch")
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: > 0 } method
                || method.Parameters[0].Type.Name != operation + "Request"
                || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
            {
                return null;
            }

            var helperExists = UntilProcessedHelpers.Exists(typeSymbol, operation);
            return new Site(invocation, client, type, operation, helperExists);
        }
    }
}
