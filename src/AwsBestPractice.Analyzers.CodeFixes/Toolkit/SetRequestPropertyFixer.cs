using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The fix of a rule that wants one property of an AWS request set to a value (<c>WaitTimeSeconds = 20</c>), reported through
/// <see cref="RequestProperty.FixData"/>: adds it to the request's initializer, replaces the constant the code sets, or turns a
/// convenience overload's first argument into a request (<c>ReceiveMessageAsync(queueUrl)</c> →
/// <c>ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 })</c>). A rule's fixer is its
/// ID, property, value and title.
/// </summary>
public abstract class SetRequestPropertyFixer : CodeFixProvider
{
    private readonly string _id;
    private readonly string _property;
    private readonly int _value;

    private protected SetRequestPropertyFixer(string id, string property, int value)
    {
        _id = id;
        _property = property;
        _value = value;
        FixableDiagnosticIds = ImmutableArray.Create(id);
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    private string Title => string.Format(CultureInfo.InvariantCulture, "Set {0} to {1}", _property, _value);

    public sealed override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var target = root is null ? null : Target(root, diagnostic);
            if (target is not null && diagnostic.Properties[RequestProperty.FixKey] == RequestProperty.WrapArgument)
            {
                // Offered only when the operation has a request overload with a property for the argument.
                var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
                target = model is not null && RequestFor(model, (ExpressionSyntax)target, context.CancellationToken) is not null ? target : null;
            }

            if (target is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), _id + "_Set" + _property),
                    diagnostic);
            }
        }
    }

    /// <summary>The node the fix edits, or null when the diagnostic offers no fix (then none is registered).</summary>
    private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(RequestProperty.FixKey, out var kind) || diagnostic.AdditionalLocations.Count != 1)
        {
            return null;
        }

        var node = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        return kind switch
        {
            RequestProperty.AddToInitializer => node.AncestorsAndSelf().OfType<BaseObjectCreationExpressionSyntax>().FirstOrDefault(),
            RequestProperty.ReplaceValue => node as ExpressionSyntax,
            // A named argument (queueUrl: url) names a parameter the request overload does not have.
            RequestProperty.WrapArgument when node.Parent is ArgumentSyntax { NameColon: null } => node as ExpressionSyntax,
            _ => null,
        };
    }

    private async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var value = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(_value));
        var edited = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics)
        {
            // One request received by two calls gets two diagnostics and one edit.
            var target = Target(editor.OriginalRoot, diagnostic);
            if (target is null || !edited.Add(target))
            {
                continue;
            }

            switch (target)
            {
                case BaseObjectCreationExpressionSyntax creation:
                    editor.ReplaceNode(creation, (current, _) => ObjectInitializers.SetProperty((BaseObjectCreationExpressionSyntax)current, _property, value));
                    break;
                case ExpressionSyntax expression when diagnostic.Properties[RequestProperty.FixKey] == RequestProperty.ReplaceValue:
                    editor.ReplaceNode(expression, value.WithTriviaFrom(expression));
                    break;
                case ExpressionSyntax argument when RequestFor(editor.SemanticModel, argument, cancellationToken) is { } request:
                    var queueProperty = char.ToUpperInvariant(request.Parameter.Name[0]) + request.Parameter.Name.Substring(1);
                    var type = SyntaxFactory.ParseTypeName(request.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                        .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
                    ExpressionSyntax created = SyntaxFactory.ObjectCreationExpression(type.WithTrailingTrivia(SyntaxFactory.Space), null, null);
                    created = ObjectInitializers.SetProperty((BaseObjectCreationExpressionSyntax)created, queueProperty, argument);
                    created = ObjectInitializers.SetProperty((BaseObjectCreationExpressionSyntax)created, _property, value);
                    editor.ReplaceNode(argument, created.WithTriviaFrom(argument).WithAdditionalAnnotations(Formatter.Annotation));
                    break;
            }
        }

        return await Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For the first argument of a convenience overload (<c>ReceiveMessageAsync(string queueUrl, …)</c>), the request type of the
    /// same operation's request overload and the property the argument becomes (<c>QueueUrl</c>); null when the request has none.
    /// </summary>
    private static (ITypeSymbol Type, IParameterSymbol Parameter)? RequestFor(SemanticModel model, ExpressionSyntax argument, CancellationToken cancellationToken)
    {
        if (argument.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: > 0 } method)
        {
            return null;
        }

        var parameter = method.Parameters[0];
        foreach (var overload in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
        {
            if (overload.Parameters.Length > 0
                && overload.Parameters[0].Type is { } requestType
                && requestType.Name.EndsWith("Request", System.StringComparison.Ordinal)
                && requestType.GetMembers(char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1)).Any(m => m is IPropertySymbol { SetMethod: not null }))
            {
                return (requestType, parameter);
            }
        }

        return null;
    }
}
