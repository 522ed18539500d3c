using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.FollowPagination;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.FollowPagination;

/// <summary>
/// AWSBP032: "Use the paginator". <c>var response = await client.ScanAsync(request);</c> followed by a <c>foreach</c> over one of
/// the response's lists becomes <c>await foreach</c> over the paginator: its item enumerable where it has one
/// (<c>client.Paginators.ListObjectsV2(request).S3Objects</c>), otherwise its pages (<c>.Responses</c>) around the original loop.
/// Offered only in that shape, where moving the loop into the paginator cannot change what the code does: the loop directly
/// follows the call, nothing else reads the response, and the loop does not <c>break</c> out.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FollowPaginationFixer)), Shared]
public sealed class FollowPaginationFixer : PlannedFixer<FollowPaginationFixer.Plan>
{
    public FollowPaginationFixer()
        : base(FollowPaginationAnalyzer.Rule.Id, "Use the paginator", "AWSBP032_UsePaginator", (root, model, diagnostic, cancellationToken) => Plan.TryCreate(root, model!, diagnostic, cancellationToken), needsSemanticModel: true)
    {
    }

    private protected override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<Plan> plans, CancellationToken cancellationToken)
    {
        var done = new HashSet<SyntaxNode>();
        foreach (var plan in plans)
        {
            if (done.Add(plan.Declaration))
            {
                // The call's statement goes: its comments (before it, at its end, inside it outside the copied arguments) stay.
                var leading = Trivia.InsertCommentLines(plan.Declaration.GetLeadingTrivia(), plan.DroppedComments(), Trivia.EndOfLine(plan.Declaration));
                editor.RemoveNode(plan.Declaration, SyntaxRemoveOptions.KeepNoTrivia);
                editor.ReplaceNode(plan.Loop, plan.Rewrite().WithLeadingTrivia(leading).WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        return Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken);
    }

    /// <summary>The call's declaration that goes and the loop that becomes a loop over the paginator.</summary>
    public sealed class Plan
    {
        private Plan(LocalDeclarationStatementSyntax declaration, ForEachStatementSyntax loop, ExpressionSyntax paginator, string? itemsMember, string suffix, string local, SeparatedSyntaxList<ArgumentSyntax> arguments)
        {
            Arguments = arguments;
            Declaration = declaration;
            Loop = loop;
            Paginator = paginator;
            ItemsMember = itemsMember;
            Suffix = suffix;
            Local = local;
        }

        public LocalDeclarationStatementSyntax Declaration { get; }
        private SeparatedSyntaxList<ArgumentSyntax> Arguments { get; }
        public ForEachStatementSyntax Loop { get; }
        private ExpressionSyntax Paginator { get; }
        private string? ItemsMember { get; }
        private string Suffix { get; }
        private string Local { get; }

        /// <summary>Comments of the call's statement that the rewrite does not copy (the arguments' own comments are copied).</summary>
        public List<SyntaxTrivia> DroppedComments()
        {
            var copied = Arguments.Select(a => a.Span).ToList();
            return Trivia.Comments(Declaration)
                .Where(c => c.SpanStart >= Declaration.SpanStart && !copied.Any(span => span.Contains(c.Span)))
                .ToList();
        }

        public StatementSyntax Rewrite()
        {
            if (ItemsMember is not null)
            {
                var items = SyntaxFactory.ParseExpression(Paginator + "." + ItemsMember + Suffix);
                return Loop.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithExpression(items);
            }

            var pages = SyntaxFactory.ParseExpression(Paginator + ".Responses" + Suffix);
            return SyntaxFactory.ForEachStatement(SyntaxFactory.IdentifierName("var"), SyntaxFactory.Identifier(Local), pages, SyntaxFactory.Block(Loop.WithoutLeadingTrivia()))
                .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword));
        }

        public static Plan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(FollowPaginationAnalyzer.PaginatorKey, out var operation)
                || operation is null or "GetLogEvents" // returns the same token at the end of the stream: the paginator never ends
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var client } } invocation
                || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp8)
            {
                return null;
            }

            // var response = await client.XAsync(request[, cancellationToken])[.ConfigureAwait(false)];
            var awaited = invocation.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configure } ? (ExpressionSyntax)configure : invocation;
            if (awaited.Parent is not AwaitExpressionSyntax { Parent: EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } }
                || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Parent: BlockSyntax block } declaration }
                || invocation.ArgumentList.Arguments is not { Count: 1 or 2 } arguments
                || arguments.Any(a => a.NameColon is not null || a.RefKindKeyword.RawKind != 0))
            {
                return null;
            }

            // The loop over one of the response's lists directly follows, and nothing else reads the response.
            var local = declarator.Identifier.ValueText;
            var index = block.Statements.IndexOf(declaration);
            if (index + 1 >= block.Statements.Count
                || block.Statements[index + 1] is not ForEachStatementSyntax { AwaitKeyword.RawKind: 0 } loop
                || ListOf(loop.Expression, local) is not { } list
                || block.Statements.Skip(index + 2).Any(s => Mentions(s, local))
                || Mentions(loop.Statement, local)
                || BreaksOut(loop))
            {
                return null;
            }

            if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: > 0 } method
                || model.GetTypeInfo(client, cancellationToken).Type is not { } clientType
                || PaginatorMethod(clientType, operation, method.Parameters[0].Type) is not { } paginator
                || IsEarlyV4DynamoDb(paginator))
            {
                return null;
            }

            var items = paginator.ReturnType.GetMembers(list).OfType<IPropertySymbol>().FirstOrDefault(p => IsAsyncEnumerable(p.Type));
            var responses = paginator.ReturnType.GetMembers("Responses").OfType<IPropertySymbol>().FirstOrDefault(p => IsAsyncEnumerable(p.Type));
            if (items is null && responses is null)
            {
                return null;
            }

            var suffix = arguments.Count == 2 ? ".WithCancellation(" + arguments[1].Expression + ")" : string.Empty;
            if (!ReferenceEquals(awaited, invocation))
            {
                suffix += ".ConfigureAwait(false)";
            }

            var paginatorCall = SyntaxFactory.ParseExpression(client + ".Paginators." + operation + "(" + arguments[0].Expression + ")");
            return new Plan(declaration, loop, paginatorCall, items?.Name, suffix, local, arguments);
        }

        /// <summary><c>response.Items</c> or <c>response.Items ?? …</c>: the member's name.</summary>
        private static string? ListOf(ExpressionSyntax expression, string local)
        {
            if (expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression } coalesce)
            {
                expression = coalesce.Left;
            }

            return expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, Name: IdentifierNameSyntax member } && name == local
                ? member.Identifier.ValueText
                : null;
        }

        private static bool Mentions(SyntaxNode node, string local)
            => node.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == local);

        /// <summary>A <c>break</c> or <c>yield break</c> that leaves this loop (inside the paginator it would go on with the next page).</summary>
        private static bool BreaksOut(ForEachStatementSyntax loop)
            => loop.Statement.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                .Any(n => n is YieldStatementSyntax
                          || (n is BreakStatementSyntax && n.Ancestors().FirstOrDefault(a => a is ForEachStatementSyntax or ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or SwitchStatementSyntax) == loop));

        private static IMethodSymbol? PaginatorMethod(ITypeSymbol client, string operation, ITypeSymbol request)
        {
            var factory = client.GetMembers("Paginators").OfType<IPropertySymbol>().FirstOrDefault()?.Type
                          ?? client.AllInterfaces.SelectMany(i => i.GetMembers("Paginators")).OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            return factory?.GetMembers(operation).OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, request));
        }

        /// <summary>Enumerable with <c>await foreach</c>: the paginators of builds for .NET Core and .NET Standard 2.1+ are.</summary>
        private static bool IsAsyncEnumerable(ITypeSymbol type)
            => IsIAsyncEnumerable(type) || type.AllInterfaces.Any(IsIAsyncEnumerable);

        private static bool IsIAsyncEnumerable(ITypeSymbol type)
            => type is INamedTypeSymbol { Name: "IAsyncEnumerable", ContainingNamespace: { Name: "Generic", ContainingNamespace.Name: "Collections" } };

        /// <summary>
        /// The DynamoDB paginators of the AWS SDK v4 previews threw <c>NullReferenceException</c> after the last page (aws-sdk-net
        /// issue 3765, fixed by PR 3767 before 4.0.0): a preview build of AWSSDK.DynamoDBv2 gets no fix.
        /// </summary>
        private static bool IsEarlyV4DynamoDb(IMethodSymbol paginator)
        {
            var assembly = paginator.ContainingAssembly;
            if (assembly?.Name != "AWSSDK.DynamoDBv2" || assembly.Identity.Version.Major < 4)
            {
                return false;
            }

            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "AssemblyInformationalVersionAttribute"
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is string version)
                {
                    return version.IndexOf("preview", System.StringComparison.OrdinalIgnoreCase) >= 0;
                }
            }

            return false;
        }
    }
}
