using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>Where <see cref="ClientHoistPlan"/> puts the client.</summary>
internal enum HoistTarget
{
    StaticField,
    InstanceField,
    TopLevelLocal,
}

/// <summary>Where the code that creates the client runs, and so which members outlive it.</summary>
internal sealed class ClientHoistOptions
{
    private ClientHoistOptions(bool allowInstanceField) => AllowInstanceField = allowInstanceField;

    /// <summary>A Lambda handler or a loop: an instance field of the class, assigned in its constructors, outlives the code.</summary>
    public static ClientHoistOptions LambdaHandler { get; } = new(allowInstanceField: true);

    /// <summary>Code that runs once per instance of its class (an ASP.NET Core controller, created per request): only a static field outlives it.</summary>
    public static ClientHoistOptions PerInstance { get; } = new(allowInstanceField: false);

    public bool AllowInstanceField { get; }
}

/// <summary>
/// "Move client to a static readonly field" (AWSBP010, and AWSBP070 where the client cannot simply be created before a loop):
/// everything the fix does, decided (and validated) before any edit, then applied to the root (<see cref="Apply"/>). The creation
/// moves to a <c>private static readonly</c> field (of the service interface type when every use allows it), to a
/// <c>private readonly</c> field assigned in the constructors when the class takes constructor dependencies and
/// <see cref="ClientHoistOptions.AllowInstanceField"/>, or, in top-level programs, to a local declared before the statement that
/// holds the handler. A local initialised with the creation is removed together with its <c>using</c> disposal; an existing
/// field initialised with the same creation is reused.
/// </summary>
internal sealed class ClientHoistPlan
{
    private ClientHoistPlan(BaseObjectCreationExpressionSyntax creation, HoistTarget target, string name)
    {
        Creation = creation;
        Target = target;
        Name = name;
    }

    public BaseObjectCreationExpressionSyntax Creation { get; }
    public HoistTarget Target { get; }

    /// <summary>The field (or top-level local) the handler reads instead.</summary>
    public string Name { get; }

    /// <summary>True when an existing field or local is reused: nothing is declared.</summary>
    public bool Reuse { get; private set; }

    /// <summary>The local initialised with the creation (removed) and its identifiers to replace.</summary>
    public SyntaxNode? LocalStatement { get; private set; }
    public IReadOnlyList<IdentifierNameSyntax> LocalReferences { get; private set; } = [];

    public ITypeSymbol? MemberType { get; private set; }
    public INamedTypeSymbol? CreatedType { get; private set; }
    public TypeDeclarationSyntax? Type { get; private set; }
    public IReadOnlyList<ConstructorDeclarationSyntax> Constructors { get; private set; } = [];
    public bool UseInitializer { get; private set; } = true;
    public GlobalStatementSyntax? InsertBefore { get; private set; }

    public static ClientHoistPlan? TryCreate(SemanticModel model, BaseObjectCreationExpressionSyntax creation, ClientHoistOptions options, CancellationToken cancellationToken)
        => TryCreate(model, creation, options, existing: null, cancellationToken);

    /// <summary>
    /// The edits that make the code read a member another fix provides (<paramref name="name"/>, of <paramref name="type"/>) instead
    /// of the creation: the local and its <c>using</c> removed, its uses (or the creation) replaced by the member; null when a use
    /// would break (disposed, reassigned, not reachable through <paramref name="type"/>).
    /// </summary>
    public static ClientHoistPlan? TryCreateReplacement(SemanticModel model, BaseObjectCreationExpressionSyntax creation, string name, ITypeSymbol type, CancellationToken cancellationToken)
        => TryCreate(model, creation, ClientHoistOptions.PerInstance, (name, type), cancellationToken);

    private static ClientHoistPlan? TryCreate(SemanticModel model, BaseObjectCreationExpressionSyntax creation, ClientHoistOptions options, (string Name, ITypeSymbol Type)? existing, CancellationToken cancellationToken)
    {
        if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation operation
            || operation.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } createdType
            || !ClientCreations.AreArgumentsHoistable(operation))
        {
            return null;
        }

        var symbols = AwsSymbols.TryCreate(model.Compilation);

        // The expressions whose value the field replaces: the local's references, or the creation itself.
        var usages = new List<IOperation>();
        ILocalSymbol? local = null;
        SyntaxNode? localStatement = null;
        var localReferences = new List<IdentifierNameSyntax>();
        var parent = operation.WalkUpConversions();
        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            local = declarator.Symbol;
            localStatement = GetRemovableStatement(declarator);
            if (localStatement is null)
            {
                return null;
            }

            foreach (var reference in EnumerateLocalReferences(operation, local))
            {
                if (!IsSafeUse(reference) || reference.Syntax is not IdentifierNameSyntax identifier)
                {
                    return null;
                }

                usages.Add(reference);
                localReferences.Add(identifier);
            }
        }
        else
        {
            if (parent is ISimpleAssignmentOperation { Target: var target } && target.GetReferencedLocalOrParameter() is not null
                || parent is IUsingOperation or IUsingDeclarationOperation
                || !IsSafeUse(operation))
            {
                return null;
            }

            usages.Add(operation);
        }

        if (existing is not null)
        {
            // Another fix provides the member (an injected field): only the uses change.
            return AreUsagesCompatible(usages, existing.Value.Type, createdType)
                ? new ClientHoistPlan(creation, HoistTarget.InstanceField, existing.Value.Name)
                {
                    Reuse = true,
                    LocalStatement = localStatement,
                    LocalReferences = localReferences,
                    CreatedType = createdType,
                    MemberType = existing.Value.Type,
                }
                : null;
        }

        var typeDeclaration = creation.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        var avoid = new HashSet<string>(System.StringComparer.Ordinal);
        ClientHoistPlan? plan;
        if (typeDeclaration is null)
        {
            plan = TryPlanTopLevel(model, creation, operation, createdType, usages, local, avoid, symbols, cancellationToken);
        }
        else
        {
            plan = TryPlanField(model, creation, typeDeclaration, operation, createdType, usages, local, avoid, symbols, options, cancellationToken);
        }

        if (plan is null)
        {
            return null;
        }

        plan.LocalStatement = localStatement;
        plan.LocalReferences = localReferences;
        plan.CreatedType = createdType;
        return plan;
    }

    private static ClientHoistPlan? TryPlanField(
        SemanticModel model,
        BaseObjectCreationExpressionSyntax creation,
        TypeDeclarationSyntax typeDeclaration,
        IObjectCreationOperation operation,
        INamedTypeSymbol createdType,
        List<IOperation> usages,
        ILocalSymbol? local,
        HashSet<string> avoid,
        AwsSymbols? symbols,
        ClientHoistOptions options,
        CancellationToken cancellationToken)
    {
        if (typeDeclaration is InterfaceDeclarationSyntax
            || model.GetDeclaredSymbol(typeDeclaration, cancellationToken) is not { } containingType)
        {
            return null;
        }

        // The member of the type that contains the handler code.
        var member = creation.Ancestors().FirstOrDefault(a => a.Parent == typeDeclaration);
        if (member is not MemberDeclarationSyntax)
        {
            return null;
        }

        var isStaticContext = IsStaticContext(model, creation, member, containingType, cancellationToken);
        AddDeclaredNames(member, avoid, local);

        // Existing field initialised with the same creation (or assigned it in a constructor): reuse it. Not the field the
        // creation is assigned to, and an instance field only where instances outlive the code.
        var assignedField = (operation.WalkUpConversions() as IAssignmentOperation)?.Target.WalkDownConversions() is IFieldReferenceOperation assigned ? assigned.Field : null;
        foreach (var field in containingType.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsConst || field.IsImplicitlyDeclared || (!field.IsStatic && (isStaticContext || !options.AllowInstanceField)) || avoid.Contains(field.Name)
                || SymbolEqualityComparer.Default.Equals(field, assignedField)
                || !AreUsagesCompatible(usages, field.Type, createdType))
            {
                continue;
            }

            if (FindFieldCreations(field, typeDeclaration, cancellationToken).Any(candidate => IsEquivalentCreation(model, candidate, creation, createdType, cancellationToken)))
            {
                return new ClientHoistPlan(creation, field.IsStatic ? HoistTarget.StaticField : HoistTarget.InstanceField, field.Name) { Reuse = true };
            }
        }

        // Instance field assigned in the constructors when the class takes constructor dependencies.
        var target = HoistTarget.StaticField;
        var constructors = new List<ConstructorDeclarationSyntax>();
        var useInitializer = true;
        if (options.AllowInstanceField && !isStaticContext && !containingType.IsStatic
            && containingType.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length > 0)
            && TryGetConstructorsToAssign(containingType, typeDeclaration, constructors, out useInitializer, cancellationToken))
        {
            target = HoistTarget.InstanceField;
            foreach (var constructor in constructors)
            {
                AddDeclaredNames(constructor, avoid, null);
            }
        }

        foreach (var name in GetMemberNames(containingType))
        {
            avoid.Add(name);
        }

        var memberType = ChooseMemberType(createdType, usages, symbols);
        var prefix = containingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => !f.IsImplicitlyDeclared && !f.IsConst && f.Name.StartsWith("_", System.StringComparison.Ordinal)) ? "_" : string.Empty;
        var fieldName = UniqueName(prefix + BaseName(createdType), avoid);
        return new ClientHoistPlan(creation, target, fieldName)
        {
            MemberType = memberType,
            Type = typeDeclaration,
            Constructors = constructors,
            UseInitializer = target == HoistTarget.StaticField || useInitializer,
        };
    }

    private static ClientHoistPlan? TryPlanTopLevel(
        SemanticModel model,
        BaseObjectCreationExpressionSyntax creation,
        IObjectCreationOperation operation,
        INamedTypeSymbol createdType,
        List<IOperation> usages,
        ILocalSymbol? local,
        HashSet<string> avoid,
        AwsSymbols? symbols,
        CancellationToken cancellationToken)
    {
        if (creation.FirstAncestorOrSelf<GlobalStatementSyntax>() is not { Parent: CompilationUnitSyntax unit } statement)
        {
            return null;
        }

        // The handler: the outermost lambda or local function of the statement.
        var function = creation.Ancestors().LastOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        if (function is null)
        {
            return null;
        }

        // A static lambda or local function cannot capture the hoisted local.
        foreach (var ancestor in creation.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax anonymous && anonymous.Modifiers.Any(SyntaxKind.StaticKeyword)
                || ancestor is LocalFunctionStatementSyntax localFunctionSyntax && localFunctionSyntax.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return null;
            }
        }

        var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
        var insertIndex = globals.IndexOf(statement);
        if (function is LocalFunctionStatementSyntax localFunction)
        {
            // The hoisted local must be declared before the local function and before anything that uses it.
            var functionSymbol = model.GetDeclaredSymbol(localFunction, cancellationToken);
            for (var i = 0; i < insertIndex; i++)
            {
                if (globals[i].DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == localFunction.Identifier.ValueText
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, functionSymbol)))
                {
                    insertIndex = i;
                    break;
                }
            }
        }

        if (insertIndex < 0)
        {
            return null;
        }

        foreach (var global in globals)
        {
            AddDeclaredNames(global, avoid, local);
        }

        // An earlier top-level local initialised with the same creation, never written nor disposed: reuse it.
        for (var i = 0; i < insertIndex; i++)
        {
            if (globals[i].Statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Declaration.Variables: { Count: 1 } variables }
                && variables[0] is { Initializer.Value: BaseObjectCreationExpressionSyntax candidate } variable
                && IsEquivalentCreation(model, candidate, creation, createdType, cancellationToken)
                && model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol existing
                && AreUsagesCompatible(usages, existing.Type, createdType)
                && model.GetOperation(candidate, cancellationToken) is IObjectCreationOperation candidateOperation
                && EnumerateLocalReferences(candidateOperation, existing).All(r => IsSafeUse(r)))
            {
                return new ClientHoistPlan(creation, HoistTarget.TopLevelLocal, existing.Name) { Reuse = true };
            }
        }

        var name = UniqueName(BaseName(createdType), avoid);
        return new ClientHoistPlan(creation, HoistTarget.TopLevelLocal, name)
        {
            MemberType = ChooseMemberType(createdType, usages, symbols),
            InsertBefore = globals[insertIndex],
        };
    }

    public SyntaxNode Apply(SyntaxNode root)
    {
        var tracked = new List<SyntaxNode> { Creation };
        tracked.AddRange(LocalReferences);
        if (LocalStatement is not null)
        {
            tracked.Add(LocalStatement);
        }

        if (Type is not null)
        {
            tracked.Add(Type);
        }

        tracked.AddRange(Constructors);
        if (InsertBefore is not null)
        {
            tracked.Add(InsertBefore);
        }

        root = root.TrackNodes(tracked);
        var moved = SequentialFixAll.Strip(Creation);

        // 1. The handler reads the field instead of the local or the creation.
        if (LocalStatement is null)
        {
            var current = root.GetCurrentNode(Creation)!;
            root = root.ReplaceNode(current, SyntaxFactory.IdentifierName(Name).WithTriviaFrom(current));
        }
        else
        {
            var references = LocalReferences.Select(r => root.GetCurrentNode(r)).Where(r => r is not null).Cast<IdentifierNameSyntax>().ToList();
            root = root.ReplaceNodes(references, (_, current) => SyntaxFactory.IdentifierName(Name).WithTriviaFrom(current));
            root = RemoveLocalStatement(root, root.GetCurrentNode(LocalStatement)!);
        }

        if (Reuse)
        {
            return root;
        }

        var initializer = ToExplicitCreation(moved);
        var typeSyntax = TypeSyntaxFor(MemberType!);

        if (Target == HoistTarget.TopLevelLocal)
        {
            var before = root.GetCurrentNode(InsertBefore!)!;
            var endOfLine = Trivia.EndOfLine(root);
            var statement = SyntaxFactory.GlobalStatement(SyntaxFactory.LocalDeclarationStatement(
                    SyntaxFactory.VariableDeclaration(typeSyntax).AddVariables(
                        SyntaxFactory.VariableDeclarator(Name).WithInitializer(SyntaxFactory.EqualsValueClause(initializer))))
                    .WithAdditionalAnnotations(Formatter.Annotation))
                .WithTrailingTrivia(endOfLine);
            return root.InsertNodesBefore(before, new[] { statement });
        }

        // 2. Assign the instance field in the constructors.
        if (!UseInitializer)
        {
            var constructors = Constructors.Select(c => root.GetCurrentNode(c)).Where(c => c is not null).Cast<ConstructorDeclarationSyntax>().ToList();
            root = root.ReplaceNodes(constructors, (_, current) => AddAssignment(current, Name, initializer));
        }

        // 3. Declare the field after the type's last field.
        var modifiers = Target == HoistTarget.StaticField
            ? SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.StaticKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword))
            : SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword));
        var declarator = SyntaxFactory.VariableDeclarator(Name);
        if (UseInitializer)
        {
            declarator = declarator.WithInitializer(SyntaxFactory.EqualsValueClause(initializer));
        }

        var field = SyntaxFactory.FieldDeclaration(SyntaxFactory.VariableDeclaration(typeSyntax).AddVariables(declarator))
            .WithModifiers(modifiers)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var type = root.GetCurrentNode(Type!)!;
        var lastField = type.Members.LastOrDefault(m => m is FieldDeclarationSyntax);
        TypeDeclarationSyntax newType;
        if (lastField is not null)
        {
            newType = type.InsertNodesAfter(lastField, new[] { field });
        }
        else if (type.Members.Count > 0)
        {
            // First member: keep a blank line between the new field and what follows.
            var first = type.Members[0];
            newType = type.ReplaceNode(first, first.WithLeadingTrivia(first.GetLeadingTrivia().Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed)));
            newType = newType.WithMembers(newType.Members.Insert(0, field));
        }
        else
        {
            newType = type.AddMembers(field);
        }

        return root.ReplaceNode(type, newType);
    }

    private static SyntaxNode RemoveLocalStatement(SyntaxNode root, SyntaxNode statement)
    {
        if (statement is UsingStatementSyntax usingStatement)
        {
            // using (var client = new …()) { body }  →  body
            var body = usingStatement.Statement;
            if (body is BlockSyntax block && usingStatement.Parent is BlockSyntax parentBlock)
            {
                var statements = block.Statements
                    .Select(s => s.WithAdditionalAnnotations(Formatter.Annotation))
                    .ToList();
                if (statements.Count > 0)
                {
                    statements[0] = statements[0].WithLeadingTrivia(usingStatement.GetLeadingTrivia().AddRange(statements[0].GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia))));
                }

                var index = parentBlock.Statements.IndexOf(usingStatement);
                var newStatements = parentBlock.Statements.RemoveAt(index).InsertRange(index, statements);
                return root.ReplaceNode(parentBlock, parentBlock.WithStatements(newStatements));
            }

            return root.ReplaceNode(usingStatement, body.WithTriviaFrom(usingStatement).WithAdditionalAnnotations(Formatter.Annotation));
        }

        var leading = statement.GetLeadingTrivia();
        var trailingComments = statement.GetTrailingTrivia().Where(IsComment).ToList();
        if (trailingComments.Count > 0)
        {
            // A comment at the end of the removed line (`var s3 = new …(); // why`) moves above the next statement.
            var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            foreach (var comment in trailingComments)
            {
                leading = leading.Add(comment).Add(SyntaxFactory.ElasticCarriageReturnLineFeed);
                if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    leading = leading.Add(indentation);
                }
            }
        }

        var keepComments = leading.Any(IsComment);
        if (keepComments && statement.Parent is BlockSyntax containingBlock && statement is StatementSyntax removed)
        {
            // The comments above the removed declaration move to the statement that follows it.
            var index = containingBlock.Statements.IndexOf(removed);
            if (index >= 0 && index + 1 < containingBlock.Statements.Count)
            {
                var next = containingBlock.Statements[index + 1];
                var nextLeading = next.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
                var statements = containingBlock.Statements
                    .Replace(next, next.WithLeadingTrivia(leading.AddRange(nextLeading)))
                    .RemoveAt(index);
                return root.ReplaceNode(containingBlock, containingBlock.WithStatements(statements));
            }
        }

        var options = keepComments ? SyntaxRemoveOptions.KeepLeadingTrivia : SyntaxRemoveOptions.KeepNoTrivia;
        if (trailingComments.Count > 0)
        {
            options |= SyntaxRemoveOptions.KeepTrailingTrivia;
        }

        return root.RemoveNode(statement, options)!;
    }

    private static bool IsComment(SyntaxTrivia trivia)
        => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);

    private static ConstructorDeclarationSyntax AddAssignment(ConstructorDeclarationSyntax constructor, string name, ExpressionSyntax value)
    {
        var assignment = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(name), value))
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (constructor.Body is { } body)
        {
            return constructor.WithBody(body.AddStatements(assignment));
        }

        var expression = constructor.ExpressionBody!.Expression;
        return constructor
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(expression), assignment).WithAdditionalAnnotations(Formatter.Annotation));
    }

    /// <summary><c>new()</c> becomes <c>new AmazonS3Client()</c>: the field's type may be the interface.</summary>
    private ExpressionSyntax ToExplicitCreation(BaseObjectCreationExpressionSyntax creation)
    {
        if (creation is ImplicitObjectCreationExpressionSyntax implicitCreation)
        {
            var type = TypeSyntaxFor(CreatedType!);
            return SyntaxFactory.ObjectCreationExpression(type, implicitCreation.ArgumentList, implicitCreation.Initializer).WithoutTrivia();
        }

        return creation.WithoutTrivia();
    }

    internal static TypeSyntax TypeSyntaxFor(ITypeSymbol type)
        => SyntaxFactory.ParseTypeName(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);


    /// <summary>The statement declaring the local, when it declares nothing else: a local declaration or a using statement.</summary>
    private static SyntaxNode? GetRemovableStatement(IVariableDeclaratorOperation declarator)
    {
        if (declarator.Syntax is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1 } declaration })
        {
            return null;
        }

        return declaration.Parent switch
        {
            LocalDeclarationStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax } statement => statement.Parent is GlobalStatementSyntax ? null : statement,
            UsingStatementSyntax usingStatement => usingStatement,
            _ => null,
        };
    }

    internal static IEnumerable<ILocalReferenceOperation> EnumerateLocalReferences(IOperation anyOperation, ILocalSymbol local)
    {
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(anyOperation.GetRoot()))
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>
    /// A use that stays correct when the value is a shared, long-lived instance: not written, not disposed, no property set
    /// on it, no per-call change of <c>HttpClient</c> defaults.
    /// </summary>
    internal static bool IsSafeUse(IOperation use)
    {
        var parent = use.Parent;
        switch (parent)
        {
            case IAssignmentOperation assignment when assignment.Target == use:
            case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
            case IUsingOperation:
            case IUsingDeclarationOperation:
            case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" or "Close" or "CloseAsync" } invocation when invocation.Instance == use:
                return false;
            case IPropertyReferenceOperation property when property.Instance == use:
                if (property.Parent is IAssignmentOperation propertyAssignment && propertyAssignment.Target == property)
                {
                    return false;
                }

                // Adding default headers per invocation would accumulate them on a shared HttpClient.
                return property.Property.Name != "DefaultRequestHeaders";
        }

        return true;
    }

    /// <summary>The service interface (<c>IAmazonS3</c>) when every use works through it, otherwise the class.</summary>
    internal static ITypeSymbol ChooseMemberType(INamedTypeSymbol createdType, List<IOperation> usages, AwsSymbols? symbols)
    {
        if (symbols is not null && symbols.IsClientClass(createdType) && symbols.GetServiceInterface(createdType) is { } serviceInterface
            && AreUsagesCompatible(usages, serviceInterface, createdType))
        {
            return serviceInterface;
        }

        return createdType;
    }

    private static bool AreUsagesCompatible(List<IOperation> usages, ITypeSymbol memberType, INamedTypeSymbol createdType)
    {
        foreach (var usage in usages)
        {
            if (!IsUsageCompatible(usage, memberType, createdType))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUsageCompatible(IOperation usage, ITypeSymbol memberType, INamedTypeSymbol createdType)
    {
        var usageType = usage.Type;
        if (usageType is null)
        {
            return false;
        }

        if (IsAssignableTo(memberType, usageType))
        {
            // The member is the same type as, or more derived than, what the code already works with.
            return IsAssignableTo(createdType, memberType);
        }

        if (!IsAssignableTo(createdType, memberType))
        {
            return false;
        }

        switch (usage.Parent)
        {
            case IConversionOperation { IsImplicit: true } conversion:
                return conversion.Type is not null && IsAssignableTo(memberType, conversion.Type);
            case IInvocationOperation invocation when invocation.Instance == usage:
                return IsReachableThrough(invocation.TargetMethod, memberType, createdType);
            case IPropertyReferenceOperation property when property.Instance == usage:
                return IsReachableThrough(property.Property, memberType, createdType);
            case IEventReferenceOperation @event when @event.Instance == usage:
                return IsReachableThrough(@event.Event, memberType, createdType);
            case IMethodReferenceOperation method when method.Instance == usage:
                return IsReachableThrough(method.Method, memberType, createdType);
            default:
                return false;
        }
    }

    private static bool IsAssignableTo(ITypeSymbol type, ITypeSymbol target)
        => target.SpecialType == SpecialType.System_Object
           || SymbolEqualityComparer.Default.Equals(type, target)
           || (target.TypeKind == TypeKind.Interface ? type.AllInterfaces.Contains((INamedTypeSymbol)target, SymbolEqualityComparer.Default) : type.InheritsFrom(target as INamedTypeSymbol));

    /// <summary>A member called on the class that the member type also exposes (an interface member the class implements).</summary>
    private static bool IsReachableThrough(ISymbol member, ITypeSymbol memberType, INamedTypeSymbol createdType)
    {
        var definition = member.OriginalDefinition;
        if (definition.ContainingType is { } containing && IsAssignableTo(memberType, containing))
        {
            return true;
        }

        var interfaces = memberType.TypeKind == TypeKind.Interface
            ? memberType.AllInterfaces.Add((INamedTypeSymbol)memberType)
            : memberType.AllInterfaces;
        foreach (var @interface in interfaces)
        {
            foreach (var candidate in @interface.GetMembers(member.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(createdType.FindImplementationForInterfaceMember(candidate)?.OriginalDefinition, definition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Static when the handler code cannot reach instance members (static member, static lambda or local function).</summary>
    private static bool IsStaticContext(SemanticModel model, SyntaxNode creation, SyntaxNode member, INamedTypeSymbol containingType, CancellationToken cancellationToken)
    {
        if (containingType.IsStatic)
        {
            return true;
        }

        foreach (var ancestor in creation.Ancestors())
        {
            if (ancestor == member)
            {
                break;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax anonymous && anonymous.Modifiers.Any(SyntaxKind.StaticKeyword)
                || ancestor is LocalFunctionStatementSyntax localFunction && localFunction.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                return true;
            }
        }

        return member switch
        {
            BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax => model.GetDeclaredSymbol(member, cancellationToken)?.IsStatic ?? true,
            // Field initializers cannot use instance members.
            _ => true,
        };
    }

    /// <summary>
    /// The constructors to assign the instance field in (those not chaining to <c>this(…)</c>), all in this declaration.
    /// With a primary constructor the field uses an initializer instead.
    /// </summary>
    private static bool TryGetConstructorsToAssign(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<ConstructorDeclarationSyntax> constructors, out bool useInitializer, CancellationToken cancellationToken)
    {
        useInitializer = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.IsImplicitlyDeclared)
            {
                continue;
            }

            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                switch (syntax)
                {
                    case TypeDeclarationSyntax:
                        // Primary constructor: an initializer runs for every construction.
                        useInitializer = true;
                        break;
                    case ConstructorDeclarationSyntax { Initializer.ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword }:
                        break;
                    case ConstructorDeclarationSyntax constructorSyntax when constructorSyntax.Parent == declaration
                                                                            && (constructorSyntax.Body is not null || constructorSyntax.ExpressionBody is not null):
                        constructors.Add(constructorSyntax);
                        break;
                    default:
                        return false;
                }
            }
        }

        if (useInitializer)
        {
            constructors.Clear();
        }

        return useInitializer || constructors.Count > 0;
    }

    /// <summary>Creations a field is initialised with: its initializer, or assignments to it in this type's constructors.</summary>
    private static IEnumerable<BaseObjectCreationExpressionSyntax> FindFieldCreations(IFieldSymbol field, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == declaration.SyntaxTree
                && reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax initializer })
            {
                yield return initializer;
            }
        }

        if (field.IsStatic || !field.IsReadOnly)
        {
            yield break;
        }

        foreach (var constructor in declaration.Members.OfType<ConstructorDeclarationSyntax>())
        {
            var statements = constructor.Body?.Statements ?? default;
            foreach (var statement in statements)
            {
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: BaseObjectCreationExpressionSyntax value } assignment }
                    && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                    && assignment.Left switch
                    {
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == field.Name,
                        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText == field.Name,
                        _ => false,
                    })
                {
                    yield return value;
                }
            }
        }
    }

    /// <summary>Same created type, same arguments and initializer text (whitespace and comments ignored).</summary>
    private static bool IsEquivalentCreation(SemanticModel model, BaseObjectCreationExpressionSyntax candidate, BaseObjectCreationExpressionSyntax creation, INamedTypeSymbol createdType, CancellationToken cancellationToken)
    {
        if (candidate.SyntaxTree != model.SyntaxTree
            || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(candidate, cancellationToken).Type, createdType))
        {
            return false;
        }

        return TokensText(candidate.ArgumentList, "()") == TokensText(creation.ArgumentList, "()")
               && TokensText(candidate.Initializer, string.Empty) == TokensText(creation.Initializer, string.Empty);
    }

    private static string TokensText(SyntaxNode? node, string empty)
        => node is null ? empty : string.Concat(node.DescendantTokens().Select(t => t.Text));

    internal static void AddDeclaredNames(SyntaxNode scope, HashSet<string> names, ILocalSymbol? removedLocal)
    {
        var skipped = false;
        foreach (var node in scope.DescendantNodesAndSelf())
        {
            SyntaxToken identifier = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                ParameterSyntax p => p.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                LocalFunctionStatementSyntax l => l.Identifier,
                TypeParameterSyntax t => t.Identifier,
                _ => default,
            };

            if (identifier.RawKind == 0)
            {
                continue;
            }

            // The local being replaced goes away: its name is free (once).
            if (!skipped && removedLocal is not null && node is VariableDeclaratorSyntax && identifier.ValueText == removedLocal.Name
                && removedLocal.DeclaringSyntaxReferences.Any(r => r.Span == node.Span && r.SyntaxTree == node.SyntaxTree))
            {
                skipped = true;
                continue;
            }

            names.Add(identifier.ValueText);
        }
    }

    internal static IEnumerable<string> GetMemberNames(INamedTypeSymbol type)
    {
        yield return type.Name;
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var name in current.MemberNames)
            {
                yield return name;
            }

            foreach (var nested in current.GetTypeMembers())
            {
                yield return nested.Name;
            }
        }
    }

    private static string UniqueName(string baseName, HashSet<string> avoid) => Names.Unique(baseName, avoid.Contains);

    /// <summary><c>AmazonS3Client</c> → <c>s3Client</c>, <c>AmazonSQSClient</c> → <c>sqsClient</c>, <c>HttpClient</c> → <c>httpClient</c>.</summary>
    internal static string BaseName(INamedTypeSymbol type)
    {
        var name = type.Name;
        if (name.Length > 6 && name.StartsWith("Amazon", System.StringComparison.Ordinal) && !char.IsLower(name[6]))
        {
            name = name.Substring(6);
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length && char.IsUpper(chars[i]); i++)
        {
            // Keep the last capital of an acronym that starts the next word: SQSClient → sqsClient.
            if (i > 0 && i + 1 < chars.Length && char.IsLower(chars[i + 1]))
            {
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        var result = new string(chars);
        return result.Length == 0 ? "client" : result;
    }
}
