using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.HardcodedCredentials;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.HardcodedCredentials;

/// <summary>
/// AWSBP001 "Use the default credential chain":
/// <list type="bullet">
/// <item>a client constructor taking keys loses its credential arguments (<c>new AmazonS3Client(k, s, region)</c> → <c>new AmazonS3Client(region)</c>);</item>
/// <item>a credentials object passed straight to a client constructor is dropped (<c>new AmazonS3Client(new BasicAWSCredentials(k, s), config)</c> → <c>new AmazonS3Client(config)</c>);</item>
/// <item>a credentials local used only as client constructor arguments is removed together with those arguments;</item>
/// <item>anywhere else the credentials object is replaced with the SDK's default resolver
/// (<c>DefaultAWSCredentialsIdentityResolver.GetCredentials()</c> in v4, <c>FallbackCredentialsFactory.GetCredentials()</c> in v3).</item>
/// </list>
/// Private <c>const</c>/<c>readonly</c> fields and locals that held the keys and become unused are removed.
/// Every diagnostic of one constructor call maps to the same edit; Fix All collects the edits of a document and applies them once.
/// No fix for <c>Environment.SetEnvironmentVariable</c>, <c>ImmutableCredentials</c>, other SDK types, key-shaped strings that are not
/// credential arguments, or calls where some credential argument is not a constant (a key read from configuration would be lost).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedCredentialsFixer)), Shared]
public sealed class HardcodedCredentialsFixer : CodeFixProvider
{
    public const string EquivalenceKey = "AWSBP001_UseDefaultCredentialChain";
    private const string Title = "Use the default credential chain";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.HardcodedCredentials);

    public override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || CreateContext(model) is not { } types)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (IsFixable(diagnostic) && Planner.TryCreatePlan(root, model, types, diagnostic, context.CancellationToken) is not null)
            {
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static bool IsFixable(Diagnostic diagnostic)
        => diagnostic.Id == RuleIdentifiers.HardcodedCredentials
           && diagnostic.Properties.TryGetValue(HardcodedCredentialsAnalyzer.FixableProperty, out var fixable)
           && fixable == "true";

    private static CredentialTypes? CreateContext(SemanticModel model)
        => AwsSymbols.TryCreate(model.Compilation) is { } symbols ? new CredentialTypes(symbols) : null;

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || CreateContext(model) is not { } types)
        {
            return document;
        }

        // Both diagnostics of `new BasicAWSCredentials(key, secret)` produce the same plan: keep one per target.
        var plans = new List<Plan>();
        var targets = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (IsFixable(diagnostic)
                && Planner.TryCreatePlan(root, model, types, diagnostic, cancellationToken) is { } plan
                && targets.Add(plan.Target))
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var gone = new List<SyntaxNode>();
        var edited = new HashSet<SyntaxNode>();
        var removals = new List<SyntaxNode>();
        var replacements = new List<Edit>();
        foreach (var plan in plans)
        {
            // Two plans never touch the same node in practice; if they did, the first one wins and the other is skipped.
            if (plan.Edits.Any(e => edited.Contains(e.Node)))
            {
                continue;
            }

            foreach (var edit in plan.Edits)
            {
                edited.Add(edit.Node);
                if (edit.Replacement is null)
                {
                    removals.Add(edit.Node);
                }
                else
                {
                    replacements.Add(edit);
                }
            }

            gone.AddRange(plan.Gone);
        }

        removals.AddRange(Cleanup.FindUnusedKeyHolders(root, model, gone, edited, cancellationToken));

        foreach (var edit in replacements)
        {
            editor.ReplaceNode(edit.Node, edit.Replacement!);
        }

        // Comments of removed statements and fields move to the next remaining token: a fix never loses a comment. When the
        // removed code opened a block or type, the blank line that separated it from what follows goes with it.
        var carried = new Dictionary<SyntaxToken, Carried>();
        foreach (var removal in removals.OrderBy(r => r.SpanStart))
        {
            var comments = Trivia.Comments(removal);
            var afterOpenBrace = Trivia.PreviousTokenOutside(removal, removals).IsKind(SyntaxKind.OpenBraceToken);
            var sink = Trivia.NextTokenOutside(removal, removals);
            var blankLineBefore = !afterOpenBrace && !sink.IsKind(SyntaxKind.CloseBraceToken) && Trivia.StartsWithBlankLine(removal.GetLeadingTrivia());
            if (sink.RawKind != 0 && (comments.Count > 0 || afterOpenBrace || blankLineBefore))
            {
                if (!carried.TryGetValue(sink, out var entry))
                {
                    carried[sink] = entry = new Carried();
                }

                entry.Comments.AddRange(comments);
                entry.TrimBlankLines |= afterOpenBrace;
                entry.KeepBlankLine |= blankLineBefore;
            }

            editor.RemoveNode(removal, SyntaxRemoveOptions.KeepUnbalancedDirectives);
        }

        var endOfLine = Trivia.EndOfLine(root);
        foreach (var pair in carried)
        {
            var (node, isFirstToken) = Trivia.NodeFor(pair.Key);
            var entry = pair.Value;
            editor.ReplaceNode(node, (current, _) =>
            {
                var token = isFirstToken ? current.GetFirstToken() : current.GetLastToken();
                var leading = token.LeadingTrivia;
                if (entry.TrimBlankLines)
                {
                    leading = Trivia.TrimLeadingBlankLines(leading);
                }
                else if (entry.KeepBlankLine && !Trivia.StartsWithBlankLine(leading))
                {
                    leading = leading.Insert(0, endOfLine);
                }

                return current.ReplaceToken(token, token.WithLeadingTrivia(Trivia.InsertCommentLines(leading, entry.Comments, endOfLine)));
            });
        }

        var changed = editor.GetChangedDocument();
        return await ImportAdder.AddImportsAsync(changed, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the removed code leaves to the next remaining token.</summary>
    private sealed class Carried
    {
        public List<SyntaxTrivia> Comments { get; } = new();

        /// <summary>The removed code opened a block or type: drop the blank line that separated it from the next member.</summary>
        public bool TrimBlankLines { get; set; }

        /// <summary>The removed code was preceded by a blank line: keep one before the next member.</summary>
        public bool KeepBlankLine { get; set; }
    }

    private sealed class Edit
    {
        public Edit(SyntaxNode node, SyntaxNode? replacement)
        {
            Node = node;
            Replacement = replacement;
        }

        public SyntaxNode Node { get; }

        /// <summary>Null: remove the node.</summary>
        public SyntaxNode? Replacement { get; }
    }

    private sealed class Plan
    {
        public Plan(SyntaxNode target)
        {
            Target = target;
        }

        /// <summary>The credentials/client creation the diagnostics point into (the de-duplication key).</summary>
        public SyntaxNode Target { get; }

        public List<Edit> Edits { get; } = new();

        /// <summary>Original nodes whose code disappears (their references no longer count as uses).</summary>
        public List<SyntaxNode> Gone { get; } = new();
    }

    private static class Planner
    {
        public static Plan? TryCreatePlan(SyntaxNode root, SemanticModel model, CredentialTypes types, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.Location.SourceTree != root.SyntaxTree || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<ArgumentSyntax>() is not { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creationSyntax } }
                || model.GetOperation(creationSyntax, cancellationToken) is not IObjectCreationOperation { Constructor: { } constructor } creation)
            {
                return null;
            }

            var target = types.GetTarget(constructor.ContainingType);
            return target switch
            {
                CredentialTarget.Client or CredentialTarget.OtherSdkType => TryCreateClientPlan(model, creationSyntax, creation, target, cancellationToken),
                CredentialTarget.BasicCredentials or CredentialTarget.SessionCredentials => TryCreateCredentialsPlan(model, types, creationSyntax, creation, cancellationToken),
                _ => null,
            };
        }

        /// <summary><c>new AmazonS3Client(key, secret, region)</c> → <c>new AmazonS3Client(region)</c>.</summary>
        private static Plan? TryCreateClientPlan(SemanticModel model, BaseObjectCreationExpressionSyntax creationSyntax, IObjectCreationOperation creation, CredentialTarget target, CancellationToken cancellationToken)
        {
            if (creationSyntax.ArgumentList is not { } argumentList || creation.Constructor is not { } constructor)
            {
                return null;
            }

            var remove = new HashSet<ArgumentSyntax>();
            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null
                    || CredentialTypes.GetKind(target, constructor, argument.Parameter) == CredentialKind.None)
                {
                    continue;
                }

                if (argument.Syntax is not ArgumentSyntax syntax)
                {
                    return null;
                }

                remove.Add(syntax);
            }

            if (remove.Count == 0)
            {
                return null;
            }

            var newList = Arguments.Remove(argumentList, remove);
            if (!Arguments.BindsToConstructor(model, creationSyntax, newList, constructor.ContainingType, cancellationToken))
            {
                return null;
            }

            var plan = new Plan(creationSyntax);
            plan.Edits.Add(new Edit(argumentList, newList));
            plan.Gone.AddRange(remove);
            return plan;
        }

        private static Plan? TryCreateCredentialsPlan(SemanticModel model, CredentialTypes types, BaseObjectCreationExpressionSyntax credentialsSyntax, IObjectCreationOperation credentials, CancellationToken cancellationToken)
        {
            var parent = credentials.WalkUpConversions();

            // new AmazonS3Client(new BasicAWSCredentials(k, s), config) → new AmazonS3Client(config)
            if (parent is IArgumentOperation argument && TryDropClientArgument(model, types, argument, out var clientEdit))
            {
                var plan = new Plan(credentialsSyntax);
                plan.Edits.Add(clientEdit!);
                plan.Gone.Add(argument.Syntax);
                return plan;
            }

            LocalDeclarationStatementSyntax? statement = null;
            ILocalSymbol? local = null;
            if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } declared } }
                && credentialsSyntax.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration } } }
                && declaration.UsingKeyword.IsKind(SyntaxKind.None))
            {
                statement = declaration;
                local = declared;
            }

            // var creds = new BasicAWSCredentials(k, s); … new AmazonS3Client(creds, region) → the local goes, the clients lose the argument.
            var references = local is null ? new List<ILocalReferenceOperation>() : FindReferences(credentials.GetRoot(), local, cancellationToken);
            if (statement is not null && references.Count > 0)
            {
                var plan = new Plan(credentialsSyntax);
                plan.Edits.Add(new Edit(Trivia.RemovableStatement(statement), null));
                plan.Gone.Add(statement);
                var allClients = true;
                foreach (var reference in references)
                {
                    if (reference.WalkUpConversions() is IArgumentOperation use && TryDropClientArgument(model, types, use, out var edit))
                    {
                        plan.Edits.Add(edit!);
                        plan.Gone.Add(use.Syntax);
                    }
                    else
                    {
                        allClients = false;
                        break;
                    }
                }

                if (allClients)
                {
                    return plan;
                }
            }

            return TryCreateResolverPlan(model, types, credentialsSyntax, statement, references, cancellationToken);
        }

        /// <summary>Replaces the credentials object with the SDK's default resolver.</summary>
        private static Plan? TryCreateResolverPlan(SemanticModel model, CredentialTypes types, BaseObjectCreationExpressionSyntax credentialsSyntax, LocalDeclarationStatementSyntax? statement, List<ILocalReferenceOperation> references, CancellationToken cancellationToken)
        {
            var symbols = types.Symbols;
            var resolver = symbols.IsSdkV4 ? symbols.DefaultAwsCredentialsIdentityResolver : symbols.FallbackCredentialsFactory;
            if (resolver is null || symbols.AwsCredentials is not { } awsCredentials)
            {
                return null;
            }

            var replacement = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        TypeSyntaxFor(resolver),
                        SyntaxFactory.IdentifierName("GetCredentials")))
                .WithTriviaFrom(credentialsSyntax);
            var innerComments = credentialsSyntax.DescendantTrivia()
                .Where(t => Trivia.IsComment(t) && !credentialsSyntax.GetLeadingTrivia().Contains(t) && !credentialsSyntax.GetTrailingTrivia().Contains(t))
                .ToList();
            if (innerComments.Count > 0)
            {
                replacement = replacement.WithLeadingTrivia(Trivia.InsertCommentLines(replacement.GetLeadingTrivia(), innerComments, Trivia.EndOfLine(credentialsSyntax)));
            }

            var bound = model.GetSpeculativeSymbolInfo(credentialsSyntax.SpanStart, replacement, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
            if (bound is not { IsStatic: true } || !symbols.Compilation.ClassifyConversion(bound.ReturnType, awsCredentials).IsIdentity)
            {
                return null;
            }

            var plan = new Plan(credentialsSyntax);
            plan.Edits.Add(new Edit(credentialsSyntax, replacement));
            plan.Gone.Add(credentialsSyntax);

            var convertedType = model.GetTypeInfo(credentialsSyntax, cancellationToken).ConvertedType;
            if (convertedType is not null && IsImplicit(symbols.Compilation, awsCredentials, convertedType))
            {
                return plan;
            }

            // `var creds = new BasicAWSCredentials(…)` / `BasicAWSCredentials creds = …`: the local becomes an AWSCredentials; every use must accept one.
            if (statement is null)
            {
                return null;
            }

            foreach (var reference in references)
            {
                if (!AcceptsAwsCredentials(model, symbols.Compilation, awsCredentials, reference, cancellationToken))
                {
                    return null;
                }
            }

            if (!statement.Declaration.Type.IsVar)
            {
                plan.Edits.Add(new Edit(statement.Declaration.Type, TypeSyntaxFor(awsCredentials).WithTriviaFrom(statement.Declaration.Type)));
            }

            return plan;
        }

        private static bool AcceptsAwsCredentials(SemanticModel model, Compilation compilation, INamedTypeSymbol awsCredentials, ILocalReferenceOperation reference, CancellationToken cancellationToken)
        {
            // creds.GetCredentials(): the member must exist on AWSCredentials (or a base type).
            if (reference.Parent is IMemberReferenceOperation member && member.Instance == reference
                || reference.Parent is IInvocationOperation invocation && invocation.Instance == reference)
            {
                var symbol = (reference.Parent as IMemberReferenceOperation)?.Member ?? ((IInvocationOperation)reference.Parent).TargetMethod;
                var declaring = symbol switch
                {
                    IMethodSymbol method => GetOriginalDefinition(method).ContainingType,
                    _ => symbol.ContainingType,
                };
                return awsCredentials.InheritsFrom(declaring) || awsCredentials.ImplementsOrIs(declaring);
            }

            if (reference.Syntax is not ExpressionSyntax expression)
            {
                return false;
            }

            var converted = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            return converted is not null && IsImplicit(compilation, awsCredentials, converted);
        }

        private static IMethodSymbol GetOriginalDefinition(IMethodSymbol method)
        {
            var current = method;
            while (current.OverriddenMethod is { } overridden)
            {
                current = overridden;
            }

            return current;
        }

        private static bool IsImplicit(Compilation compilation, ITypeSymbol source, ITypeSymbol destination)
        {
            var conversion = compilation.ClassifyConversion(source, destination);
            return conversion.IsIdentity || conversion.IsImplicit && conversion.IsReference;
        }

        /// <summary>An argument of type AWSCredentials given to a client constructor, dropped when an overload without it exists.</summary>
        private static bool TryDropClientArgument(SemanticModel model, CredentialTypes types, IArgumentOperation argument, out Edit? edit)
        {
            edit = null;
            if (argument.Parent is not IObjectCreationOperation { Constructor: { } constructor, Syntax: BaseObjectCreationExpressionSyntax { ArgumentList: { } argumentList } clientSyntax }
                || !types.Symbols.IsClientClass(constructor.ContainingType)
                || argument.Parameter is null
                || !argument.Parameter.Type.IsType(types.Symbols.AwsCredentials)
                || argument.Syntax is not ArgumentSyntax argumentSyntax)
            {
                return false;
            }

            var newList = Arguments.Remove(argumentList, new HashSet<ArgumentSyntax> { argumentSyntax });
            if (!Arguments.BindsToConstructor(model, clientSyntax, newList, constructor.ContainingType, CancellationToken.None))
            {
                return false;
            }

            edit = new Edit(argumentList, newList);
            return true;
        }

        private static List<ILocalReferenceOperation> FindReferences(IOperation root, ILocalSymbol local, CancellationToken cancellationToken)
        {
            var references = new List<ILocalReferenceOperation>();
            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(root))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    references.Add(reference);
                }
            }

            // Source order, so edits are planned deterministically.
            references.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            return references;
        }

        private static TypeSyntax TypeSyntaxFor(INamedTypeSymbol type)
            => SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
    }

    private static class Arguments
    {
        /// <summary>Removes arguments, keeping the list's layout: the first remaining argument takes the first argument's leading trivia.</summary>
        public static ArgumentListSyntax Remove(ArgumentListSyntax list, ISet<ArgumentSyntax> remove)
        {
            var original = list.Arguments;
            var kept = new List<ArgumentSyntax>();
            var separators = new List<SyntaxToken>();
            var comments = new List<SyntaxTrivia>();
            for (var i = 0; i < original.Count; i++)
            {
                if (remove.Contains(original[i]))
                {
                    // Comments written in or after a removed argument are kept in front of the next remaining argument.
                    comments.AddRange(Trivia.Comments(original[i]));
                    if (i < original.SeparatorCount)
                    {
                        comments.AddRange(original.GetSeparator(i).LeadingTrivia.Concat(original.GetSeparator(i).TrailingTrivia).Where(Trivia.IsComment));
                    }

                    continue;
                }

                if (kept.Count > 0)
                {
                    // The separator that followed the previous kept argument keeps its trivia (line breaks in multi-line lists).
                    separators.Add(SeparatorAfter(original, kept[kept.Count - 1]));
                }

                kept.Add(original[i]);
            }

            if (kept.Count == 0)
            {
                var closeLeading = comments.Count == 0
                    ? SyntaxFactory.TriviaList()
                    : Trivia.InsertCommentLines(list.CloseParenToken.LeadingTrivia, comments, Trivia.EndOfLine(list));
                return list.WithOpenParenToken(comments.Count == 0 ? list.OpenParenToken.WithTrailingTrivia() : list.OpenParenToken)
                    .WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>())
                    .WithCloseParenToken(list.CloseParenToken.WithLeadingTrivia(closeLeading));
            }

            if (!ReferenceEquals(kept[0], original[0]))
            {
                kept[0] = kept[0].WithLeadingTrivia(original[0].GetLeadingTrivia());
            }

            // Comments of removed arguments go in front of the first remaining argument that followed them.
            if (comments.Count > 0)
            {
                var firstAfter = kept.FindIndex(k => original.IndexOf(k) > original.IndexOf(original.First(remove.Contains)));
                var target = firstAfter < 0 ? kept.Count - 1 : firstAfter;
                kept[target] = kept[target].WithLeadingTrivia(Trivia.InsertCommentLines(kept[target].GetLeadingTrivia(), comments, Trivia.EndOfLine(list)));
            }

            return list.WithArguments(SyntaxFactory.SeparatedList(kept, separators));
        }

        private static SyntaxToken SeparatorAfter(SeparatedSyntaxList<ArgumentSyntax> list, ArgumentSyntax argument)
        {
            var index = list.IndexOf(argument);
            return index >= 0 && index < list.SeparatorCount ? list.GetSeparator(index) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        }

        /// <summary>True when the creation with <paramref name="arguments"/> binds to a constructor of <paramref name="type"/> (the overload exists).</summary>
        public static bool BindsToConstructor(SemanticModel model, BaseObjectCreationExpressionSyntax creation, ArgumentListSyntax arguments, INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var probe = SyntaxFactory.ObjectCreationExpression(SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
                .WithArgumentList(arguments);
            var info = model.GetSpeculativeSymbolInfo(creation.SpanStart, probe, SpeculativeBindingOption.BindAsExpression);
            return info.Symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                   && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, type);
        }
    }

    /// <summary>Removes private const/readonly fields and locals that held the keys once nothing uses them anymore.</summary>
    private static class Cleanup
    {
        public static List<SyntaxNode> FindUnusedKeyHolders(SyntaxNode root, SemanticModel model, List<SyntaxNode> gone, HashSet<SyntaxNode> edited, CancellationToken cancellationToken)
        {
            var removals = new List<SyntaxNode>();
            var candidates = new Dictionary<ISymbol, VariableDeclaratorSyntax>(SymbolEqualityComparer.Default);
            foreach (var node in gone)
            {
                foreach (var identifier in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
                {
                    var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                    if (symbol is not null && !candidates.ContainsKey(symbol) && TryGetKeyHolderDeclarator(symbol, root, model, cancellationToken) is { } declarator)
                    {
                        candidates.Add(symbol, declarator);
                    }
                }
            }

            var unused = new List<VariableDeclaratorSyntax>();
            foreach (var pair in candidates)
            {
                if (!IsStillUsed(pair.Key, root, model, gone, cancellationToken))
                {
                    unused.Add(pair.Value);
                }
            }

            foreach (var group in unused.GroupBy(d => d.Parent))
            {
                if (group.Key is not VariableDeclarationSyntax declaration)
                {
                    continue;
                }

                if (group.Count() == declaration.Variables.Count && declaration.Parent is FieldDeclarationSyntax or LocalDeclarationStatementSyntax)
                {
                    if (!IsInside(declaration.Parent!, edited))
                    {
                        removals.Add(Trivia.RemovableStatement(declaration.Parent!));
                    }
                }
                else
                {
                    foreach (var declarator in group)
                    {
                        if (!IsInside(declarator, edited))
                        {
                            removals.Add(declarator);
                        }
                    }
                }
            }

            return removals;
        }

        /// <summary>A private const/readonly string field, or a local, declared in this document with a constant initializer.</summary>
        private static VariableDeclaratorSyntax? TryGetKeyHolderDeclarator(ISymbol symbol, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (symbol)
            {
                case IFieldSymbol field when field.DeclaredAccessibility == Accessibility.Private
                                             && (field.IsConst || field.IsReadOnly)
                                             && field.Type.SpecialType == SpecialType.System_String
                                             && field.ContainingType is { } type
                                             && type.DeclaringSyntaxReferences.All(r => r.SyntaxTree == root.SyntaxTree):
                    break;
                case ILocalSymbol { IsRef: false } local when local.Type.SpecialType == SpecialType.System_String:
                    break;
                default:
                    return null;
            }

            if (symbol.DeclaringSyntaxReferences.Length != 1
                || symbol.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree
                || symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
            {
                return null;
            }

            return model.GetConstantValue(value, cancellationToken) is { HasValue: true, Value: string } ? declarator : null;
        }

        private static bool IsStillUsed(ISymbol symbol, SyntaxNode root, SemanticModel model, List<SyntaxNode> gone, CancellationToken cancellationToken)
        {
            foreach (var identifier in root.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != symbol.Name || gone.Any(g => g.Span.Contains(identifier.Span)))
                {
                    continue;
                }

                var referenced = model.GetSymbolInfo(identifier, cancellationToken);
                if (SymbolEqualityComparer.Default.Equals(referenced.Symbol, symbol)
                    || referenced.CandidateSymbols.Contains(symbol, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInside(SyntaxNode node, HashSet<SyntaxNode> edited)
        {
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                if (edited.Contains(ancestor))
                {
                    return true;
                }
            }

            foreach (var edit in edited)
            {
                if (node.Span.Contains(edit.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Keeps the comments of code the fix removes.</summary>
}
