using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// A fix that awaits a task where the code blocks on it or drops it (AWSBP011, AWSBP012): the reported expression becomes
/// <c>await task</c>, and the function around it becomes async when it is not. A method becomes async only where that is safe:
/// its name and parameters stay (a Lambda function's handler string still matches); <c>void</c> becomes <c>Task</c> and
/// <c>T</c> becomes <c>Task&lt;T&gt;</c>; nothing in the solution references it (a caller would stop compiling); it overrides or
/// implements nothing, has no <c>ref</c>/<c>out</c>/<c>in</c> parameter, is not an iterator, partial or unsafe. A lambda or local
/// function that is not async already is not changed, and a place where C# forbids <c>await</c> (a <c>lock</c>, a catch filter, a
/// query clause) gets no fix. Fix All awaits every reported task of a document and makes each method async once.
/// </summary>
public abstract class AwaitFixer : CodeFixProvider
{
    private readonly string _title;
    private readonly string _equivalenceKey;

    private protected AwaitFixer(string diagnosticId, string title)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
        _equivalenceKey = diagnosticId + ".Await";
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public sealed override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    /// <summary>The reported node that <c>await task</c> replaces, from the diagnostic (marked awaitable by the analyzer); null where the rule offers no fix.</summary>
    private protected abstract SyntaxNode? GetTarget(SyntaxNode root, Diagnostic diagnostic);

    /// <summary>The task expression inside <paramref name="target"/> (read again from the edited node when a Fix All nests edits).</summary>
    private protected abstract ExpressionSyntax? GetTask(SyntaxNode target);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        var functions = new Dictionary<SyntaxNode, bool?>();
        foreach (var diagnostic in context.Diagnostics)
        {
            if (await TryPlanAsync(context.Document, root, model, diagnostic, functions, context.CancellationToken).ConfigureAwait(false) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(_title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), _equivalenceKey),
                    diagnostic);
            }
        }
    }

    private async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var functions = new Dictionary<SyntaxNode, bool?>();
        var plans = new List<(SyntaxNode Target, SyntaxNode Function)>();
        foreach (var diagnostic in diagnostics)
        {
            if (await TryPlanAsync(document, editor.OriginalRoot, editor.SemanticModel, diagnostic, functions, cancellationToken).ConfigureAwait(false) is { } plan
                && !plans.Any(p => p.Target == plan.Target))
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        // Inner targets first, so an outer replacement is built from the already-awaited inner expression.
        foreach (var (target, _) in plans.OrderBy(p => p.Target.Span.Length))
        {
            editor.ReplaceNode(target, (current, _) => GetTask(current) is { } task ? Await(task, current) : current);
        }

        foreach (var function in plans.Select(p => p.Function).Distinct())
        {
            if (functions[function] == true && function is MethodDeclarationSyntax method)
            {
                editor.ReplaceNode(method, (current, _) => MakeAsync((MethodDeclarationSyntax)current, editor.SemanticModel.GetDeclaredSymbol(method, cancellationToken)!));
            }
        }

        return await Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The target and its function when the fix is offered; <paramref name="functions"/> caches, per function, whether it must
    /// become async (null: it cannot await).
    /// </summary>
    private async Task<(SyntaxNode Target, SyntaxNode Function)?> TryPlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, Dictionary<SyntaxNode, bool?> functions, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.ContainsKey(AsyncAwsCalls.AwaitableProperty)
            || GetTarget(root, diagnostic) is not { } target
            || GetTask(target) is null
            || GetFunction(target) is not { } function)
        {
            return null;
        }

        if (!functions.TryGetValue(function, out var makeAsync))
        {
            makeAsync = IsAsync(function) ? false
                : function is MethodDeclarationSyntax method && await CanMakeAsyncAsync(document, model, method, cancellationToken).ConfigureAwait(false) ? true
                : null;
            functions[function] = makeAsync;
        }

        if (makeAsync is null)
        {
            return null;
        }

        return (target, function);
    }

    /// <summary>
    /// The function whose body holds <paramref name="node"/> where C# allows <c>await</c> there: null inside a <c>lock</c>, a catch
    /// filter, a query clause or an unsafe block, or outside any method, local function or lambda.
    /// </summary>
    private static SyntaxNode? GetFunction(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case LockStatementSyntax or CatchFilterClauseSyntax or QueryExpressionSyntax or UnsafeStatementSyntax:
                    return null;
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax:
                    return current;
                case MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool IsAsync(SyntaxNode function)
        => function switch
        {
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };

    private static async Task<bool> CanMakeAsyncAsync(Document document, SemanticModel model, MethodDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        if (declaration.Body is null && declaration.ExpressionBody is null
            || declaration.Modifiers.Any(m => m.IsKind(SyntaxKind.UnsafeKeyword) || m.IsKind(SyntaxKind.PartialKeyword) || m.IsKind(SyntaxKind.ExternKeyword))
            || declaration.ReturnType is RefTypeSyntax
            || declaration.DescendantNodes().Any(n => n is YieldStatementSyntax)
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not { } method
            || method.IsOverride || method.IsVirtual || method.IsAbstract
            || !method.ExplicitInterfaceImplementations.IsEmpty
            || method.Parameters.Any(p => p.RefKind != RefKind.None)
            || IsTaskLike(method.ReturnType)
            || ImplementsInterfaceMember(method))
        {
            return false;
        }

        // A caller (or a method group passed to LambdaBootstrapBuilder.Create) would see another return type.
        var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
        return references.All(r => !r.Locations.Any());
    }

    private static bool IsTaskLike(ITypeSymbol type)
        => type.Name is "Task" or "ValueTask" or "IAsyncEnumerable" or "IAsyncEnumerator"
           && type.ContainingNamespace?.ToDisplayString() is "System.Threading.Tasks" or "System.Collections.Generic";

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary><c>void</c> → <c>async Task</c>, <c>T</c> → <c>async Task&lt;T&gt;</c>, with the return type's trivia kept.</summary>
    private static MethodDeclarationSyntax MakeAsync(MethodDeclarationSyntax method, IMethodSymbol symbol)
    {
        var returnType = method.ReturnType;
        var task = SyntaxFactory.ParseName("System.Threading.Tasks.Task");
        TypeSyntax newReturnType = symbol.ReturnsVoid
            ? task
            : SyntaxFactory.QualifiedName(
                SyntaxFactory.ParseName("System.Threading.Tasks"),
                SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia()))));
        newReturnType = newReturnType.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (method.Modifiers.Count == 0)
        {
            return method
                .WithModifiers(SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())))
                .WithReturnType(newReturnType.WithTrailingTrivia(returnType.GetTrailingTrivia()));
        }

        return method
            .WithModifiers(method.Modifiers.Add(asyncKeyword))
            .WithReturnType(newReturnType.WithTriviaFrom(returnType));
    }

    /// <summary><c>await task</c> in place of <paramref name="replaced"/>, parenthesised where a member is read from it.</summary>
    private static ExpressionSyntax Await(ExpressionSyntax task, SyntaxNode replaced)
    {
        ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(
            SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space),
            task.WithoutLeadingTrivia().WithoutTrailingTrivia());
        if (replaced.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            awaited = SyntaxFactory.ParenthesizedExpression(awaited);
        }

        return awaited.WithTriviaFrom(replaced);
    }
}
