using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.ReuseSdkClients;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.ReuseSdkClients;

/// <summary>
/// "Create the client once before the loop": the local declaration that holds the client (<c>var s3 = new AmazonS3Client();</c>,
/// also <c>using var</c>; a <c>using (…) { … }</c> statement becomes a <c>using var</c> declaration and its body stays in the
/// loop) moves, with its comments, before the outermost loop whose iterations all create the same client; a creation used
/// directly becomes a new local declared there. Nothing else is removed. Not planned when the loop is not a statement of a block
/// (or a top-level statement), when the client is disposed, reassigned or modified in the loop (a shared instance would break),
/// or when the arguments read the iteration's values (then the rule does not report it at all).
/// </summary>
internal sealed class LoopHoistPlan
{
    private LoopHoistPlan(BaseObjectCreationExpressionSyntax creation, StatementSyntax loop, string name)
    {
        Creation = creation;
        Loop = loop;
        Name = name;
    }

    public BaseObjectCreationExpressionSyntax Creation { get; }

    /// <summary>The loop statement the declaration goes before.</summary>
    public StatementSyntax Loop { get; }

    /// <summary>The hoisted local's name (the moved local's own name unless it would clash).</summary>
    public string Name { get; }

    /// <summary>The statement that declares the local initialised with the creation (moved), or null (a new local is declared).</summary>
    private SyntaxNode? Declaration { get; set; }

    /// <summary>The references to the moved local, renamed when <see cref="Name"/> differs from its name.</summary>
    private IReadOnlyList<IdentifierNameSyntax> References { get; set; } = [];

    private string? OriginalName { get; set; }

    private TypeSyntax? NewLocalType { get; set; }

    public static LoopHoistPlan? TryCreate(SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Type: INamedTypeSymbol createdType } operation
            || PerIterationCreations.FindRepeatingLoop(operation) is not ILoopOperation repeating)
        {
            return null;
        }

        var loop = PerIterationCreations.OutermostRepeatingLoop(operation, repeating);
        if (loop.Syntax is not StatementSyntax loopStatement
            || loopStatement.Parent is not (BlockSyntax or GlobalStatementSyntax { Parent: CompilationUnitSyntax }))
        {
            return null;
        }

        // Names visible where the local goes: every name declared in the member (or the top-level statements), and the type's members.
        var avoid = new HashSet<string>(System.StringComparer.Ordinal);
        SyntaxNode scope = loopStatement.Parent is GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }
            ? unit
            : (SyntaxNode?)loopStatement.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax) ?? loopStatement.Parent!;
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } typeSyntax && model.GetDeclaredSymbol(typeSyntax, cancellationToken) is { } containingType)
        {
            foreach (var memberName in ClientHoistPlan.GetMemberNames(containingType))
            {
                avoid.Add(memberName);
            }
        }

        var parent = operation.WalkUpConversions();
        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return TryPlanMove(model, creation, operation, declarator, loopStatement, scope, avoid, createdType, cancellationToken);
        }

        if (parent is IUsingOperation or IUsingDeclarationOperation || !ClientHoistPlan.IsSafeUse(operation))
        {
            return null;
        }

        ClientHoistPlan.AddDeclaredNames(scope, avoid, null);
        var name = Names.Unique(ClientHoistPlan.BaseName(createdType), avoid.Contains);
        return new LoopHoistPlan(creation, loopStatement, name)
        {
            NewLocalType = creation is ImplicitObjectCreationExpressionSyntax ? ClientHoistPlan.TypeSyntaxFor(createdType) : SyntaxFactory.IdentifierName("var"),
        };
    }

    private static LoopHoistPlan? TryPlanMove(
        SemanticModel model,
        BaseObjectCreationExpressionSyntax creation,
        IObjectCreationOperation operation,
        IVariableDeclaratorOperation declarator,
        StatementSyntax loopStatement,
        SyntaxNode scope,
        HashSet<string> avoid,
        INamedTypeSymbol createdType,
        CancellationToken cancellationToken)
    {
        if (declarator.Syntax is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration })
        {
            return null;
        }

        SyntaxNode statement;
        switch (declaration.Parent)
        {
            case LocalDeclarationStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } localDeclaration when !localDeclaration.Modifiers.Any(SyntaxKind.ConstKeyword):
                statement = localDeclaration;
                break;
            case UsingStatementSyntax { Statement: BlockSyntax body, Parent: BlockSyntax } usingStatement
                when ((CSharpParseOptions)creation.SyntaxTree.Options).LanguageVersion >= LanguageVersion.CSharp8
                     && !body.OpenBraceToken.TrailingTrivia.Any(Trivia.IsComment)
                     && !body.CloseBraceToken.LeadingTrivia.Any(Trivia.IsComment)
                     && !usingStatement.CloseParenToken.TrailingTrivia.Any(Trivia.IsComment):
                statement = usingStatement;
                break;
            default:
                return null;
        }

        var local = declarator.Symbol;
        var references = new List<IdentifierNameSyntax>();
        foreach (var reference in ClientHoistPlan.EnumerateLocalReferences(operation, local))
        {
            if (!ClientHoistPlan.IsSafeUse(reference) || reference.Syntax is not IdentifierNameSyntax identifier)
            {
                return null;
            }

            references.Add(identifier);
        }

        ClientHoistPlan.AddDeclaredNames(scope, avoid, local);
        var name = avoid.Contains(local.Name)
            ? Names.Unique(ClientHoistPlan.BaseName(createdType), avoid.Contains)
            : local.Name;
        return new LoopHoistPlan(creation, loopStatement, name)
        {
            Declaration = statement,
            References = references,
            OriginalName = local.Name,
        };
    }

    public SyntaxNode Apply(SyntaxNode root)
    {
        var tracked = new List<SyntaxNode> { Creation, Loop };
        tracked.AddRange(References);
        if (Declaration is not null)
        {
            tracked.Add(Declaration);
        }

        root = root.TrackNodes(tracked);
        StatementSyntax hoisted;
        if (Declaration is null)
        {
            // A new local: var s3Client = new AmazonS3Client(); the creation reads it.
            var creation = SequentialFixAll.Strip(Creation);
            hoisted = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(NewLocalType!).AddVariables(
                    SyntaxFactory.VariableDeclarator(Name).WithInitializer(SyntaxFactory.EqualsValueClause(creation.WithoutTrivia()))));
            var current = root.GetCurrentNode(Creation)!;
            root = root.ReplaceNode(current, SyntaxFactory.IdentifierName(Name).WithTriviaFrom(current));
        }
        else
        {
            if (Name != OriginalName)
            {
                var references = References.Select(r => root.GetCurrentNode(r)).OfType<IdentifierNameSyntax>().ToList();
                root = root.ReplaceNodes(references, (_, current) => SyntaxFactory.IdentifierName(Name).WithTriviaFrom(current));
            }

            var declaration = root.GetCurrentNode(Declaration)!;
            hoisted = SequentialFixAll.Strip(ToDeclaration(declaration));
            if (Name != OriginalName)
            {
                var declarator = hoisted.DescendantNodes().OfType<VariableDeclaratorSyntax>().First();
                hoisted = hoisted.ReplaceToken(declarator.Identifier, SyntaxFactory.Identifier(Name).WithTriviaFrom(declarator.Identifier));
            }

            root = declaration is UsingStatementSyntax usingStatement
                ? ReplaceWithBody(root, usingStatement)
                : root.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        // Before the loop, taking over the blank line that separated the loop from what precedes it; comments above the loop stay with it.
        var loop = root.GetCurrentNode(Loop)!;
        var loopLeading = loop.GetLeadingTrivia();
        var blankLine = Trivia.StartsWithBlankLine(loopLeading);
        var leading = Trivia.TrimLeadingBlankLines(hoisted.GetLeadingTrivia());
        var endOfLine = Trivia.EndOfLine(root);
        if (blankLine)
        {
            leading = leading.Insert(0, endOfLine);
        }

        hoisted = hoisted
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(hoisted.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? hoisted.GetTrailingTrivia() : hoisted.GetTrailingTrivia().Add(endOfLine))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var newLoop = loop.WithLeadingTrivia(blankLine ? Trivia.TrimLeadingBlankLines(loopLeading) : loopLeading);
        if (loop.Parent is GlobalStatementSyntax global)
        {
            root = root.ReplaceNode(global, new SyntaxNode[] { SyntaxFactory.GlobalStatement(hoisted), global.WithStatement(newLoop) });
        }
        else
        {
            root = root.ReplaceNode(loop, new SyntaxNode[] { hoisted, newLoop });
        }

        return root;
    }

    /// <summary>The moved declaration: a local declaration as it is; <c>using (var x = …) { … }</c> as <c>using var x = …;</c>.</summary>
    private static StatementSyntax ToDeclaration(SyntaxNode declaration)
    {
        if (declaration is not UsingStatementSyntax usingStatement)
        {
            return (StatementSyntax)declaration;
        }

        return SyntaxFactory.LocalDeclarationStatement(usingStatement.Declaration!.WithoutTrailingTrivia())
            .WithAwaitKeyword(usingStatement.AwaitKeyword)
            .WithUsingKeyword(usingStatement.UsingKeyword)
            .WithLeadingTrivia(usingStatement.GetLeadingTrivia());
    }

    /// <summary>A <c>using</c> statement whose declaration moved: its block's statements take its place (planned only when its braces carry no comment).</summary>
    private static SyntaxNode ReplaceWithBody(SyntaxNode root, UsingStatementSyntax usingStatement)
    {
        var block = (BlockSyntax)usingStatement.Statement;
        var parentBlock = (BlockSyntax)usingStatement.Parent!;
        var statements = block.Statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)).ToList();
        var index = parentBlock.Statements.IndexOf(usingStatement);
        var newStatements = parentBlock.Statements.RemoveAt(index).InsertRange(index, statements);
        return root.ReplaceNode(parentBlock, parentBlock.WithStatements(newStatements));
    }
}
