using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.CreateClientOutsideHandler;

/// <summary>
/// AWSBP010 fix "Move client to a static readonly field": hoists the creation into a <c>private static readonly</c> field
/// (of the service interface type when every use allows it), or into a <c>private readonly</c> field assigned in the existing
/// constructors when the class takes constructor dependencies, or — in top-level programs — into a local declared before the
/// handler. A local initialised with the creation is removed (its uses read the field) together with its <c>using</c>
/// disposal; an existing field initialised with the same creation is reused (the plan is the toolkit's <see cref="ClientHoistPlan"/>,
/// shared with AWSBP070). A call to a client factory that reads nothing of the invocation (<c>CreateS3Client()</c>, a delegate field
/// <c>S3Factory()</c>) moves the same way, where the call compiles (see <see cref="ClientHoistPlan"/>). Fix All processes one
/// creation at a time per document (<see cref="SequentialFixAll"/>), so several creations (or calls of one factory) in one class
/// share one field.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CreateClientOutsideHandlerFixer)), Shared]
public sealed class CreateClientOutsideHandlerFixer : CodeFixProvider
{
    public const string EquivalenceKey = "AWSBP010_HoistClient";
    private const string StaticTitle = "Move client to a static readonly field";
    private const string InstanceTitle = "Move client to a readonly field assigned in the constructor";
    private const string TopLevelTitle = "Move client to a local created before the handler";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.CreateClientOutsideHandler);

    public override FixAllProvider GetFixAllProvider()
        => SequentialFixAll.Create(
            (root, diagnostic) => IsFixable(diagnostic) ? FindCreation(root, diagnostic) : null,
            (model, root, target, _, cancellationToken) => target is ExpressionSyntax value
                                                            && ClientHoistPlan.TryCreate(model, value, ClientHoistOptions.LambdaHandler, cancellationToken) is { } plan
                ? plan.Apply(root)
                : null);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!IsFixable(diagnostic))
            {
                continue;
            }

            var creation = FindCreation(root, diagnostic);
            if (creation is null)
            {
                continue;
            }

            var plan = ClientHoistPlan.TryCreate(model, creation, ClientHoistOptions.LambdaHandler, context.CancellationToken);
            if (plan is null)
            {
                continue;
            }

            var title = plan.Target switch
            {
                HoistTarget.InstanceField => InstanceTitle,
                HoistTarget.TopLevelLocal => TopLevelTitle,
                _ => StaticTitle,
            };

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(document.WithSyntaxRoot(plan.Apply(root))), EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsFixable(Diagnostic diagnostic)
        => diagnostic.Properties.ContainsKey(CreateClientOutsideHandlerAnalyzer.HoistableProperty)
           && diagnostic.Properties.TryGetValue(CreateClientOutsideHandlerAnalyzer.KindProperty, out var kind)
           && kind != CreateClientOutsideHandlerAnalyzer.DbConnectionKind;

    /// <summary>The creation, or the factory call, the diagnostic is reported on.</summary>
    private static ExpressionSyntax? FindCreation(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionSyntax>(e => e is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax) is { } value
               && value.Span == diagnostic.Location.SourceSpan
            ? value
            : null;
    }
}
