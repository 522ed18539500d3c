using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
public sealed class HandleUnprocessedBatchItemsFixer : CodeFixProvider
{
    private const string Title = "Resubmit unprocessed entries with backoff";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(HandleUnprocessedBatchItemsAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && model is not null && Site.TryCreate(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), "AWSBP022_Resubmit"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var helpers = new Dictionary<TypeDeclarationSyntax, SortedSet<string>>();
        var endOfLine = Trivia.EndOfLine(editor.OriginalRoot);
        foreach (var diagnostic in diagnostics)
        {
            if (Site.TryCreate(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } site)
            {
                continue;
            }

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

        UntilProcessedHelpers.AddTo(editor, helpers, endOfLine);
        return await Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A discarded batch call the helper can replace: <c>await client.BatchWriteItemAsync(request[, cancellationToken]);</c>.</summary>
    private sealed class Site
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
