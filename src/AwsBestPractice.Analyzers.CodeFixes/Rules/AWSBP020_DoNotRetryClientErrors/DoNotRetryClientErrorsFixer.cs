using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.DoNotRetryClientErrors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotRetryClientErrors;

/// <summary>
/// AWSBP020 fix "Retry only server errors and throttling": adds (or narrows with <c>&amp;&amp;</c>) the exception filter
/// <c>when ((int)ex.StatusCode &gt;= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true)</c>,
/// or the same predicate to a Polly <c>Handle&lt;T&gt;()</c>/<c>Or&lt;T&gt;()</c>. Not offered for 4xx-only exception types
/// and client-error filters: there the right fix is to stop retrying, which needs a human.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotRetryClientErrorsFixer)), Shared]
public sealed class DoNotRetryClientErrorsFixer : CodeFixProvider
{
    public const string EquivalenceKey = "AWSBP020_FilterServerErrors";
    private const string Title = "Retry only server errors and throttling";
    private const string AmbiguousReferenceId = "CS0104";
    private const string GlobalHttpStatusCode = "global::System.Net.HttpStatusCode";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.DoNotRetryClientErrors);

    // Fixes in one document are applied together (one `using System.Net;`, nested catches edited through SyntaxEditor's
    // tracking), so Fix All is document based rather than BatchFixer's text merge.
    public override FixAllProvider GetFixAllProvider()
        => DocumentFixAll.Create(FixDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindTarget(root, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>The catch clause or Polly invocation to edit, validated against the fix kind; null when the fix does not apply.</summary>
    private static SyntaxNode? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(DoNotRetryClientErrorsAnalyzer.FixProperty, out var kind) || kind is null
            || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        switch (kind)
        {
            case DoNotRetryClientErrorsAnalyzer.FixAddFilter:
            case DoNotRetryClientErrorsAnalyzer.FixNarrowFilter:
                var catchClause = node.FirstAncestorOrSelf<CatchClauseSyntax>();
                if (catchClause?.Declaration is null || catchClause.Declaration.Type.IsMissing || catchClause.Declaration.CloseParenToken.IsMissing)
                {
                    return null;
                }

                var hasFilter = catchClause.Filter is { FilterExpression.IsMissing: false };
                return hasFilter == (kind == DoNotRetryClientErrorsAnalyzer.FixNarrowFilter) && (catchClause.Filter is null || hasFilter) ? catchClause : null;

            case DoNotRetryClientErrorsAnalyzer.FixPollyPredicate:
                var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                return invocation is { ArgumentList: { Arguments.Count: 0, CloseParenToken.IsMissing: false } }
                       && invocation.Expression is GenericNameSyntax or MemberAccessExpressionSyntax { Name: GenericNameSyntax }
                    ? invocation
                    : null;

            default:
                return null;
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var withUsing = await FixDocumentAsync(document, diagnostics, preferUsing: true, cancellationToken).ConfigureAwait(false);
        if (withUsing.AddedUsing)
        {
            // `using System.Net;` can make another simple name in the file ambiguous (CS0104): qualify instead.
            var before = await CountAmbiguitiesAsync(document, cancellationToken).ConfigureAwait(false);
            var after = await CountAmbiguitiesAsync(withUsing.Document, cancellationToken).ConfigureAwait(false);
            if (after > before)
            {
                return (await FixDocumentAsync(document, diagnostics, preferUsing: false, cancellationToken).ConfigureAwait(false)).Document;
            }
        }

        return withUsing.Document;
    }

    private static async Task<int> CountAmbiguitiesAsync(Document document, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model?.GetDiagnostics(cancellationToken: cancellationToken).Count(d => d.Id == AmbiguousReferenceId) ?? 0;
    }

    private static async Task<(Document Document, bool AddedUsing)> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, bool preferUsing, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax compilationUnit || model is null)
        {
            return (document, false);
        }

        var compilation = model.Compilation;
        var httpStatusCode = compilation.GetTypeByMetadataName("System.Net.HttpStatusCode");
        var hasTooManyRequests = httpStatusCode?.GetMembers("TooManyRequests").Any(m => m is IFieldSymbol) == true;
        var serviceException = compilation.GetTypeByMetadataName("Amazon.Runtime.AmazonServiceException");
        var hasRetryable = serviceException?.GetMembers("Retryable").Any(m => m is IPropertySymbol) == true;

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var needsUsing = false;
        var edited = new List<SyntaxNode>();
        var introduced = new List<(SyntaxNode Node, string Name)>();

        // Outer constructs first, so names are chosen the same way as when the fixes are applied one at a time.
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = FindTarget(root, diagnostic);
            if (target is null || edited.Contains(target))
            {
                continue;
            }

            edited.Add(target);
            var statusCodeType = hasTooManyRequests
                ? ResolveHttpStatusCode(model, target.SpanStart, httpStatusCode!, preferUsing, ref needsUsing)
                : null;

            if (target is CatchClauseSyntax catchClause)
            {
                var declaration = catchClause.Declaration!;
                var name = declaration.Identifier.IsKind(SyntaxKind.IdentifierToken) && !declaration.Identifier.IsMissing
                    ? declaration.Identifier.ValueText
                    : ChooseName(model, catchClause, catchClause, introduced);
                introduced.Add((catchClause, name));
                var condition = BuildCondition(name, statusCodeType, hasRetryable);
                editor.ReplaceNode(catchClause, (current, _) => RewriteCatch((CatchClauseSyntax)current, name, condition));
            }
            else if (target is InvocationExpressionSyntax invocation)
            {
                // A lambda parameter's scope is the lambda: only what is visible at the call can clash.
                var name = ChooseName(model, invocation, invocation.ArgumentList, new List<(SyntaxNode Node, string Name)>());
                var condition = BuildCondition(name, statusCodeType, hasRetryable);
                editor.ReplaceNode(invocation, (current, _) => RewritePolly((InvocationExpressionSyntax)current, name, condition));
            }
        }

        var newRoot = (CompilationUnitSyntax)editor.GetChangedRoot();
        var addedUsing = false;
        if (needsUsing && preferUsing)
        {
            newRoot = Imports.AddUsingDirective(newRoot, "System.Net");
            addedUsing = true;
        }

        return (document.WithSyntaxRoot(newRoot), addedUsing);
    }

    /// <summary>
    /// How to write <c>HttpStatusCode</c> at <paramref name="position"/>: as is when it already binds to
    /// <c>System.Net.HttpStatusCode</c> (or will, once <c>using System.Net;</c> is added), qualified otherwise.
    /// </summary>
    private static string ResolveHttpStatusCode(SemanticModel model, int position, INamedTypeSymbol httpStatusCode, bool preferUsing, ref bool needsUsing)
    {
        var info = model.GetSpeculativeSymbolInfo(position, IdentifierName("HttpStatusCode"), SpeculativeBindingOption.BindAsTypeOrNamespace);
        if (SymbolEqualityComparer.Default.Equals(info.Symbol, httpStatusCode))
        {
            return "HttpStatusCode";
        }

        if (preferUsing && info.Symbol is null && info.CandidateSymbols.IsEmpty)
        {
            needsUsing = true;
            return "HttpStatusCode";
        }

        return GlobalHttpStatusCode;
    }

    /// <summary><c>(int)ex.StatusCode &gt;= 500 || ex.StatusCode == HttpStatusCode.TooManyRequests || ex.Retryable?.Throttling == true</c>.</summary>
    /// <param name="httpStatusCode">How to write the enum type (<c>HttpStatusCode</c> or <c>global::System.Net.HttpStatusCode</c>), or null to compare with 429.</param>
    private static ExpressionSyntax BuildCondition(string name, string? httpStatusCode, bool hasRetryable)
    {
        var text = $"(int){name}.StatusCode >= 500 || "
                   + (httpStatusCode is null ? $"(int){name}.StatusCode == 429" : $"{name}.StatusCode == {httpStatusCode}.TooManyRequests")
                   + (hasRetryable ? $" || {name}.Retryable?.Throttling == true" : string.Empty);
        var expression = ParseExpression(text);
        if (httpStatusCode is not null && httpStatusCode.StartsWith(GlobalHttpStatusCode, System.StringComparison.Ordinal))
        {
            // Let the simplifier shorten global::System.Net.HttpStatusCode as far as the names in scope allow.
            var qualified = expression.DescendantNodes().OfType<MemberAccessExpressionSyntax>().FirstOrDefault(n => n.ToString() == GlobalHttpStatusCode);
            if (qualified is not null)
            {
                expression = expression.ReplaceNode(qualified, qualified.WithAdditionalAnnotations(Simplifier.Annotation));
            }
        }

        return expression;
    }

    private static CatchClauseSyntax RewriteCatch(CatchClauseSyntax catchClause, string name, ExpressionSyntax condition)
    {
        var declaration = catchClause.Declaration!;
        if (declaration.Identifier.IsKind(SyntaxKind.None) || declaration.Identifier.IsMissing)
        {
            // catch (AmazonServiceException /* note */) → catch (AmazonServiceException ex /* note */)
            declaration = declaration
                .WithType(declaration.Type.WithoutTrailingTrivia())
                .WithIdentifier(Identifier(TriviaList(Space), name, declaration.Type.GetTrailingTrivia()));
        }

        if (catchClause.Filter is null)
        {
            var trailing = declaration.CloseParenToken.TrailingTrivia;
            declaration = declaration.WithCloseParenToken(declaration.CloseParenToken.WithTrailingTrivia(Space));
            var filter = CatchFilterClause(
                Token(TriviaList(), SyntaxKind.WhenKeyword, TriviaList(Space)),
                Token(SyntaxKind.OpenParenToken),
                condition,
                Token(TriviaList(), SyntaxKind.CloseParenToken, trailing));
            return catchClause.WithDeclaration(declaration).WithFilter(filter);
        }

        // when (attempt < 3) → when (attempt < 3 && (server error or throttling))
        var existing = catchClause.Filter.FilterExpression;
        var left = NeedsParentheses(existing)
            ? ParenthesizedExpression(existing.WithoutTrivia()).WithLeadingTrivia(existing.GetLeadingTrivia())
            : existing.WithoutTrailingTrivia();
        var combined = BinaryExpression(
                SyntaxKind.LogicalAndExpression,
                left,
                Token(TriviaList(Space), SyntaxKind.AmpersandAmpersandToken, TriviaList(Space)),
                ParenthesizedExpression(condition))
            .WithTrailingTrivia(existing.GetTrailingTrivia());
        return catchClause.WithDeclaration(declaration).WithFilter(catchClause.Filter.WithFilterExpression(combined));
    }

    private static bool NeedsParentheses(ExpressionSyntax expression)
        => expression is ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax
           || expression.IsKind(SyntaxKind.LogicalOrExpression)
           || expression.IsKind(SyntaxKind.CoalesceExpression);

    private static InvocationExpressionSyntax RewritePolly(InvocationExpressionSyntax invocation, string name, ExpressionSyntax condition)
    {
        var lambda = SimpleLambdaExpression(Parameter(Identifier(name)), condition)
            .WithArrowToken(Token(TriviaList(Space), SyntaxKind.EqualsGreaterThanToken, TriviaList(Space)));
        var arguments = invocation.ArgumentList;
        return invocation.WithArgumentList(arguments.WithArguments(SingletonSeparatedList(Argument(lambda))));
    }

    /// <summary>
    /// <c>ex</c>, or the next free name: not visible at the node (locals of the enclosing blocks, including ones declared
    /// later, parameters, enclosing catch variables, fields — a new catch variable must not shadow what the code reads), not
    /// used inside the node (a nested declaration would clash), and not introduced by this batch for an enclosing or a
    /// nested catch clause.
    /// </summary>
    private static string ChooseName(SemanticModel model, SyntaxNode node, SyntaxNode scope, List<(SyntaxNode Node, string Name)> introduced)
    {
        var used = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
        foreach (var (other, name) in introduced)
        {
            if (other.Span.Contains(node.Span) || node.Span.Contains(other.Span))
            {
                used.Add(name);
            }
        }

        return Names.Unique("ex", candidate => used.Contains(candidate) || !model.LookupSymbols(node.SpanStart, name: candidate).IsEmpty, "ex", "exception");
    }
}
