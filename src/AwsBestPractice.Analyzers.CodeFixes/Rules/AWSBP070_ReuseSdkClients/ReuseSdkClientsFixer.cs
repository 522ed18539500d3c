using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.ReuseSdkClients;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.ReuseSdkClients;

/// <summary>
/// AWSBP070 fixes. The best fix of each diagnostic is registered first, under <see cref="EquivalenceKey"/>, so Fix All applies
/// each diagnostic's own:
/// <list type="bullet">
/// <item>in a loop: "Create the client once before the loop" (<see cref="LoopHoistPlan"/>);</item>
/// <item>in an ASP.NET Core controller action, where <c>AWSSDK.Extensions.NETCore.Setup</c> is referenced: "Register the client with
/// AddAWSService and inject it" (<see cref="InjectClientPlan"/>), with the static field offered second
/// (<see cref="StaticFieldEquivalenceKey"/>);</item>
/// <item>otherwise (a loop the declaration cannot leave, a request handler) when the arguments are static or constant: "Move client
/// to a static readonly field", the toolkit's <see cref="ClientHoistPlan"/> shared with AWSBP010 (in a controller only a static
/// field, since its instance lives one request; in a top-level minimal-API program a local before the route's statement);</item>
/// <item>an eager <c>ConcurrentDictionary.GetOrAdd(key, new …)</c>: the factory overload, <c>GetOrAdd(key, _ =&gt; new …)</c>.</item>
/// </list>
/// Not offered for <c>new SnsService()</c> (the service's own lifetime is the user's call), for <c>TryAdd</c>, or where the
/// arguments read per-call values. Fix All (<see cref="SequentialSolutionFixAll"/>) fixes the creations one at a time against the
/// solution the previous fixes produced: hoisted locals, fields and registrations see each other.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReuseSdkClientsFixer)), Shared]
public sealed class ReuseSdkClientsFixer : CodeFixProvider
{
    /// <summary>The best fix of each diagnostic (registered first): what Fix All applies by default.</summary>
    public const string EquivalenceKey = "AWSBP070_ReuseClient";

    /// <summary>The static field, offered besides the dependency-injection fix in a controller.</summary>
    public const string StaticFieldEquivalenceKey = "AWSBP070_StaticField";

    private const string LoopTitle = "Create the client once before the loop";
    private const string InjectTitle = "Register the client with AddAWSService and inject it";
    private const string StaticTitle = "Move client to a static readonly field";
    private const string InstanceTitle = "Move client to a readonly field assigned in the constructor";
    private const string TopLevelTitle = "Move client to a local created before the handler";
    private const string FactoryTitle = "Create the client only when the cache has none (factory overload)";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("AWSBP070");

    public override FixAllProvider GetFixAllProvider()
        => new SequentialSolutionFixAll(
            FindCreation,
            async (document, model, target, diagnostic, key, cancellationToken) =>
            {
                if (target is not BaseObjectCreationExpressionSyntax creation)
                {
                    return null;
                }

                foreach (var candidate in await PlanAsync(document, model, creation, diagnostic, cancellationToken).ConfigureAwait(false))
                {
                    if (key is null || candidate.Key == key)
                    {
                        return await candidate.Apply(cancellationToken).ConfigureAwait(false);
                    }
                }

                return null;
            });

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
            if (FindCreation(root, diagnostic) is not BaseObjectCreationExpressionSyntax creation)
            {
                continue;
            }

            foreach (var candidate in await PlanAsync(context.Document, model, creation, diagnostic, context.CancellationToken).ConfigureAwait(false))
            {
                context.RegisterCodeFix(CodeAction.Create(candidate.Title, candidate.Apply, candidate.Key), diagnostic);
            }
        }
    }

    private static SyntaxNode? FindCreation(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation && creation.Span == diagnostic.Location.SourceSpan
            ? creation
            : null;
    }

    /// <summary>The fixes of one diagnostic, best first; the first has <see cref="EquivalenceKey"/>.</summary>
    private static async Task<IReadOnlyList<Candidate>> PlanAsync(Document document, SemanticModel model, BaseObjectCreationExpressionSyntax creation, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = creation.SyntaxTree.GetRoot(cancellationToken);
        diagnostic.Properties.TryGetValue(ReuseSdkClientsAnalyzer.ContextProperty, out var kind);
        var hoistable = diagnostic.Properties.ContainsKey(ReuseSdkClientsAnalyzer.HoistableProperty);
        var candidates = new List<Candidate>();
        switch (kind)
        {
            case ReuseSdkClientsAnalyzer.LoopContext:
                if (LoopHoistPlan.TryCreate(model, creation, cancellationToken) is { } loopPlan)
                {
                    candidates.Add(Candidate.InDocument(LoopTitle, EquivalenceKey, document, root, loopPlan.Apply));
                }
                else if (hoistable && FieldPlan(document, root, model, creation, ClientHoistOptions.LambdaHandler, EquivalenceKey, cancellationToken) is { } loopField)
                {
                    candidates.Add(loopField);
                }

                break;
            case ReuseSdkClientsAnalyzer.RequestContext:
                var inject = await InjectClientPlan.TryCreateAsync(document, model, creation, cancellationToken).ConfigureAwait(false);
                if (inject is not null)
                {
                    candidates.Add(new Candidate(InjectTitle, EquivalenceKey, inject.ApplyAsync));
                }

                if (hoistable && FieldPlan(document, root, model, creation, ClientHoistOptions.PerInstance, inject is null ? EquivalenceKey : StaticFieldEquivalenceKey, cancellationToken) is { } requestField)
                {
                    candidates.Add(requestField);
                }

                break;
            case ReuseSdkClientsAnalyzer.CacheValueContext:
                if (FactoryPlan(model, creation, cancellationToken) is { } factory)
                {
                    candidates.Add(Candidate.InDocument(FactoryTitle, EquivalenceKey, document, root, factory));
                }

                break;
        }

        return candidates;
    }

    private static Candidate? FieldPlan(Document document, SyntaxNode root, SemanticModel model, BaseObjectCreationExpressionSyntax creation, ClientHoistOptions options, string key, CancellationToken cancellationToken)
    {
        if (ClientHoistPlan.TryCreate(model, creation, options, cancellationToken) is not { } plan)
        {
            return null;
        }

        var title = plan.Target switch
        {
            HoistTarget.InstanceField => InstanceTitle,
            HoistTarget.TopLevelLocal => TopLevelTitle,
            _ => StaticTitle,
        };
        return Candidate.InDocument(title, key, document, root, plan.Apply);
    }

    /// <summary>
    /// <c>cache.GetOrAdd(key, new AmazonS3Client(…))</c> → <c>cache.GetOrAdd(key, _ =&gt; new AmazonS3Client(…))</c>, on a
    /// <c>ConcurrentDictionary</c> (which has the factory overload), with a positional value argument.
    /// </summary>
    private static System.Func<SyntaxNode, SyntaxNode>? FactoryPlan(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (creation.Parent is not ArgumentSyntax { NameColon: null } argument
            || model.GetOperation(creation, cancellationToken)?.WalkUpConversions() is not IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "GetOrAdd" } invocation }
            || !IsConcurrentDictionary(invocation.Instance?.Type))
        {
            return null;
        }

        // A parameter name the creation does not read and the member does not declare.
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var identifier in creation.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            taken.Add(identifier.Identifier.ValueText);
        }

        if (creation.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax) is { } member)
        {
            ClientHoistPlan.AddDeclaredNames(member, taken, null);
        }

        var parameter = Names.Unique("key", taken.Contains, "_");
        return root =>
        {
            // Planned on this root (the fix, or the document Fix All has reached).
            var current = argument;
            var lambda = SyntaxFactory.SimpleLambdaExpression(
                    SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameter)),
                    SequentialFixAll.Strip(creation).WithoutTrivia())
                .WithTriviaFrom(current.Expression);
            return root.ReplaceNode(current, current.WithExpression(lambda));
        };
    }

    private static bool IsConcurrentDictionary(ITypeSymbol? type)
    {
        for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition is { Name: "ConcurrentDictionary", Arity: 2 } definition
                && definition.ContainingNamespace?.ToDisplayString() == "System.Collections.Concurrent")
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Candidate
    {
        public Candidate(string title, string key, System.Func<CancellationToken, Task<Solution>> apply)
        {
            Title = title;
            Key = key;
            Apply = apply;
        }

        public string Title { get; }

        public string Key { get; }

        public System.Func<CancellationToken, Task<Solution>> Apply { get; }

        /// <summary>A fix that edits the diagnostic's document only, planned on <paramref name="root"/>.</summary>
        public static Candidate InDocument(string title, string key, Document document, SyntaxNode root, System.Func<SyntaxNode, SyntaxNode> apply)
            => new(title, key, _ => Task.FromResult(document.WithSyntaxRoot(apply(root)).Project.Solution));
    }
}
