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
/// everything the fix does, decided (and validated) before any edit, then applied to the root (<see cref="Apply"/>). The value that
/// yields the client — an object creation, or a call to a client factory of the user's own (<see cref="ClientFactories"/>) that reads
/// nothing of the invocation — moves to a <c>private static readonly</c> field (of the service interface type when every use allows it), to a
/// <c>private readonly</c> field assigned in the constructors when the class takes constructor dependencies and
/// <see cref="ClientHoistOptions.AllowInstanceField"/>, or, in top-level programs, to a local declared before the statement that
/// holds the handler. A local initialised with the creation is removed together with its <c>using</c> disposal; an existing
/// field initialised with the same creation (or the same factory call) is reused. A factory call moves only where it compiles: an
/// instance factory (a method or delegate member of <c>this</c>) to an instance field assigned in the constructors (a parameterless
/// constructor is added when the class declares none), a local function only from top-level code, a delegate member only after its
/// own initializer.
/// </summary>
internal sealed class ClientHoistPlan
{
    private ClientHoistPlan(ExpressionSyntax value, HoistTarget target, string name)
    {
        Value = value;
        Target = target;
        Name = name;
    }

    /// <summary>The expression that yields the client: an object creation or a factory call.</summary>
    public ExpressionSyntax Value { get; }
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

    /// <summary>A parameterless constructor that assigns the instance field is added (the class declares no constructor).</summary>
    public bool AddConstructor { get; private set; }

    /// <summary>The member the field goes after when that is later than the last field: a static member its initializer reads.</summary>
    public MemberDeclarationSyntax? InsertAfter { get; private set; }

    /// <summary>
    /// The plan for <paramref name="value"/>: an object creation (<c>new AmazonS3Client(…)</c>) or a call to a client factory
    /// (<c>CreateS3Client()</c>, <c>S3Factory()</c>); null when the fix is not offered.
    /// </summary>
    public static ClientHoistPlan? TryCreate(SemanticModel model, ExpressionSyntax value, ClientHoistOptions options, CancellationToken cancellationToken)
        => TryCreate(model, value, options, existing: null, cancellationToken);

    /// <summary>
    /// The edits that make the code read a member another fix provides (<paramref name="name"/>, of <paramref name="type"/>) instead
    /// of the creation: the local and its <c>using</c> removed, its uses (or the creation) replaced by the member; null when a use
    /// would break (disposed, reassigned, not reachable through <paramref name="type"/>).
    /// </summary>
    public static ClientHoistPlan? TryCreateReplacement(SemanticModel model, BaseObjectCreationExpressionSyntax creation, string name, ITypeSymbol type, CancellationToken cancellationToken)
        => TryCreate(model, creation, ClientHoistOptions.PerInstance, (name, type), cancellationToken);

    private static ClientHoistPlan? TryCreate(SemanticModel model, ExpressionSyntax creation, ClientHoistOptions options, (string Name, ITypeSymbol Type)? existing, CancellationToken cancellationToken)
    {
        // createdType: the value's type (the created class, or what the factory returns); namedType: the class created (the name).
        IOperation operation;
        INamedTypeSymbol createdType;
        INamedTypeSymbol namedType;
        ClientFactory? factory = null;
        switch (model.GetOperation(creation, cancellationToken))
        {
            case IObjectCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Class } created } objectCreation
                when creation is BaseObjectCreationExpressionSyntax && ClientCreations.AreArgumentsHoistable(objectCreation):
                operation = objectCreation;
                createdType = namedType = created;
                break;
            case IInvocationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Interface } returned } call
                when creation is InvocationExpressionSyntax
                     && ClientFactories.TryGetFactory(call, static _ => true, cancellationToken, out factory)
                     && factory.Creation.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } factoryCreated
                     && ClientFactories.IsCallHoistable(call, factory):
                operation = call;
                createdType = returned;
                namedType = factoryCreated;
                break;
            default:
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
            plan = TryPlanTopLevel(model, creation, operation, createdType, namedType, factory, usages, local, avoid, symbols, cancellationToken);
        }
        else
        {
            plan = TryPlanField(model, creation, typeDeclaration, operation, createdType, namedType, factory, usages, local, avoid, symbols, options, cancellationToken);
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
        ExpressionSyntax creation,
        TypeDeclarationSyntax typeDeclaration,
        IOperation operation,
        INamedTypeSymbol createdType,
        INamedTypeSymbol namedType,
        ClientFactory? factory,
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

        // A local function is in scope neither in a field initializer nor in a constructor; an instance factory (a method or
        // delegate member of this) cannot be called from a field initializer, only from the constructors.
        var requiresInstance = factory is { IsInstance: true };
        if (factory is { IsLocalFunction: true }
            || requiresInstance && (isStaticContext || !options.AllowInstanceField || containingType.IsStatic))
        {
            return null;
        }

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

            if (FindFieldCreations(field, typeDeclaration, cancellationToken).Any(candidate => IsEquivalentValue(model, candidate, creation, createdType, cancellationToken)))
            {
                return new ClientHoistPlan(creation, field.IsStatic ? HoistTarget.StaticField : HoistTarget.InstanceField, field.Name) { Reuse = true };
            }
        }

        // Instance field assigned in the constructors when the class takes constructor dependencies.
        var target = HoistTarget.StaticField;
        var constructors = new List<ConstructorDeclarationSyntax>();
        var useInitializer = true;
        var addConstructor = false;
        if (requiresInstance)
        {
            if (containingType.InstanceConstructors.All(c => c.IsImplicitlyDeclared))
            {
                // No constructor to assign it in: add a parameterless one, which is what the compiler provides today (not in a
                // record, a struct or an abstract class, whose implicit constructors differ).
                if (typeDeclaration is not ClassDeclarationSyntax || containingType.IsAbstract || containingType.IsRecord)
                {
                    return null;
                }

                addConstructor = true;
                useInitializer = false;
            }
            else if (!TryGetConstructorsToAssign(containingType, typeDeclaration, constructors, out useInitializer, cancellationToken) || useInitializer)
            {
                return null; // a primary constructor's field initializers cannot call an instance member either
            }

            target = HoistTarget.InstanceField;
        }
        else if (options.AllowInstanceField && !isStaticContext && !containingType.IsStatic
            && containingType.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared && c.Parameters.Length > 0)
            && TryGetConstructorsToAssign(containingType, typeDeclaration, constructors, out useInitializer, cancellationToken))
        {
            target = HoistTarget.InstanceField;
        }

        foreach (var constructor in constructors)
        {
            AddDeclaredNames(constructor, avoid, null);
        }

        // A static field initializer runs in textual order, before the static constructor: it must come after the static members
        // the value reads (a delegate factory's own field or property), and read nothing the static constructor assigns.
        MemberDeclarationSyntax? insertAfter = null;
        if ((target == HoistTarget.StaticField || useInitializer)
            && !TryOrderAfterDependencies(containingType, typeDeclaration, factory is null ? [operation] : [operation, factory.Body], factory?.Symbol, cancellationToken, out insertAfter))
        {
            return null;
        }

        foreach (var name in GetMemberNames(containingType))
        {
            avoid.Add(name);
        }

        var memberType = ChooseMemberType(createdType, usages, symbols);
        var prefix = containingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => !f.IsImplicitlyDeclared && !f.IsConst && f.Name.StartsWith("_", System.StringComparison.Ordinal)) ? "_" : string.Empty;
        var fieldName = UniqueName(prefix + BaseName(namedType), avoid);
        return new ClientHoistPlan(creation, target, fieldName)
        {
            MemberType = memberType,
            Type = typeDeclaration,
            Constructors = constructors,
            UseInitializer = target == HoistTarget.StaticField || useInitializer,
            AddConstructor = addConstructor,
            InsertAfter = insertAfter,
        };
    }

    /// <summary>
    /// The member of <paramref name="typeDeclaration"/> a new static field must follow when it is later than the type's last field:
    /// the last of the static fields and properties with an initializer that <paramref name="roots"/> read (and
    /// <paramref name="member"/>, a delegate factory). False when the order cannot be made right: one is declared in another part of
    /// a partial type, or may be assigned by the static constructor (which runs after every field initializer).
    /// </summary>
    private static bool TryOrderAfterDependencies(INamedTypeSymbol containingType, TypeDeclarationSyntax typeDeclaration, IOperation[] roots, ISymbol? member, CancellationToken cancellationToken, out MemberDeclarationSyntax? insertAfter)
    {
        insertAfter = null;
        var dependencies = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (member is not null)
        {
            dependencies.Add(member.OriginalDefinition);
        }

        foreach (var root in roots)
        {
            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(root))
            {
                if (operation is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } reference && reference.Member.IsStatic)
                {
                    dependencies.Add(reference.Member.OriginalDefinition);
                }
            }
        }

        var hasStaticConstructor = containingType.StaticConstructors.Any(c => !c.IsImplicitlyDeclared);
        var lastIndex = -1;
        for (var i = typeDeclaration.Members.Count - 1; i >= 0; i--)
        {
            if (typeDeclaration.Members[i] is FieldDeclarationSyntax)
            {
                lastIndex = i;
                break;
            }
        }

        var lastField = lastIndex;
        foreach (var dependency in dependencies)
        {
            if (!SymbolEqualityComparer.Default.Equals(dependency.ContainingType, containingType) || dependency is IFieldSymbol { IsConst: true })
            {
                continue; // another type is initialised on its own, before its first use
            }

            foreach (var reference in dependency.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                bool initialised;
                switch (syntax)
                {
                    case VariableDeclaratorSyntax declarator:
                        initialised = declarator.Initializer is not null;
                        break;
                    case PropertyDeclarationSyntax property when property.ExpressionBody is null
                                                                 && property.AccessorList?.Accessors.All(a => a.Body is null && a.ExpressionBody is null) == true:
                        initialised = property.Initializer is not null;
                        break;
                    default:
                        continue; // a computed property: evaluated when read
                }

                if (!initialised && hasStaticConstructor)
                {
                    return false; // may be assigned by the static constructor, after the new field's initializer has run
                }

                if (reference.SyntaxTree != typeDeclaration.SyntaxTree || !typeDeclaration.Span.Contains(reference.Span))
                {
                    return false; // another part of a partial type: the order between parts is not defined
                }

                var index = typeDeclaration.Members.IndexOf(m => m.Span.Contains(reference.Span));
                lastIndex = System.Math.Max(lastIndex, index);
            }
        }

        if (lastIndex > lastField)
        {
            insertAfter = typeDeclaration.Members[lastIndex];
        }

        return true;
    }

    private static ClientHoistPlan? TryPlanTopLevel(
        SemanticModel model,
        ExpressionSyntax creation,
        IOperation operation,
        INamedTypeSymbol createdType,
        INamedTypeSymbol namedType,
        ClientFactory? factory,
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

        // A factory called from top-level code: a static method, or a local function of the top-level statements themselves (in
        // scope in every top-level statement; IsCallHoistable made sure it captures nothing, so it can run before any local is set).
        if (factory is { IsInstance: true }
            || factory is { IsLocalFunction: true } && (factory.Symbol.DeclaringSyntaxReferences.Length != 1
                                                       || factory.Symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not LocalFunctionStatementSyntax { Parent: GlobalStatementSyntax { Parent: CompilationUnitSyntax factoryUnit } }
                                                       || factoryUnit != unit))
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
                && variables[0] is { Initializer.Value: var candidate } variable
                && IsEquivalentValue(model, candidate, creation, createdType, cancellationToken)
                && model.GetDeclaredSymbol(variable, cancellationToken) is ILocalSymbol existing
                && AreUsagesCompatible(usages, existing.Type, createdType)
                && model.GetOperation(candidate, cancellationToken) is { } candidateOperation
                && EnumerateLocalReferences(candidateOperation, existing).All(r => IsSafeUse(r)))
            {
                return new ClientHoistPlan(creation, HoistTarget.TopLevelLocal, existing.Name) { Reuse = true };
            }
        }

        var name = UniqueName(BaseName(namedType), avoid);
        return new ClientHoistPlan(creation, HoistTarget.TopLevelLocal, name)
        {
            MemberType = ChooseMemberType(createdType, usages, symbols),
            InsertBefore = globals[insertIndex],
        };
    }

    public SyntaxNode Apply(SyntaxNode root)
    {
        var tracked = new List<SyntaxNode> { Value };
        tracked.AddRange(LocalReferences);
        if (LocalStatement is not null)
        {
            tracked.Add(LocalStatement);
        }

        if (Type is not null)
        {
            tracked.Add(Type);
        }

        if (InsertAfter is not null)
        {
            tracked.Add(InsertAfter);
        }

        tracked.AddRange(Constructors);
        if (InsertBefore is not null)
        {
            tracked.Add(InsertBefore);
        }

        root = root.TrackNodes(tracked);
        var moved = SequentialFixAll.Strip(Value);

        // 1. The handler reads the field instead of the local or the creation.
        if (LocalStatement is null)
        {
            var current = root.GetCurrentNode(Value)!;
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
        var lastField = (InsertAfter is null ? null : root.GetCurrentNode(InsertAfter)) ?? type.Members.LastOrDefault(m => m is FieldDeclarationSyntax);
        var newMembers = new List<MemberDeclarationSyntax> { field };
        if (AddConstructor)
        {
            // public Function() { _s3Client = CreateS3Client(); }
            newMembers.Add(AddAssignment(
                SyntaxFactory.ConstructorDeclaration(type.Identifier.WithoutTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                    .WithBody(SyntaxFactory.Block())
                    .WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)
                    .WithAdditionalAnnotations(Formatter.Annotation),
                Name,
                initializer));
        }

        TypeDeclarationSyntax newType;
        if (lastField is not null)
        {
            newType = type.InsertNodesAfter(lastField, newMembers);
        }
        else if (type.Members.Count > 0)
        {
            // First member: keep a blank line between the new field and what follows.
            var first = type.Members[0];
            newType = type.ReplaceNode(first, first.WithLeadingTrivia(first.GetLeadingTrivia().Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed)));
            newType = newType.WithMembers(newType.Members.InsertRange(0, newMembers));
        }
        else
        {
            newType = type.AddMembers(newMembers.ToArray());
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

    /// <summary><c>new()</c> becomes <c>new AmazonS3Client()</c>: the field's type may be the interface. A factory call moves as written.</summary>
    private ExpressionSyntax ToExplicitCreation(ExpressionSyntax creation)
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

    /// <summary>Values a field is initialised with: its initializer, or assignments to it in this type's constructors.</summary>
    private static IEnumerable<ExpressionSyntax> FindFieldCreations(IFieldSymbol field, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == declaration.SyntaxTree
                && reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: var initializer })
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
                if (statement is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Right: var value } assignment }
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

    /// <summary>
    /// Same created type, same arguments and initializer text (whitespace and comments ignored); for a factory call, the same factory
    /// (method, local function or delegate member) called with the same arguments text.
    /// </summary>
    private static bool IsEquivalentValue(SemanticModel model, ExpressionSyntax candidate, ExpressionSyntax creation, INamedTypeSymbol createdType, CancellationToken cancellationToken)
    {
        if (candidate.SyntaxTree != model.SyntaxTree
            || !SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(candidate, cancellationToken).Type, createdType))
        {
            return false;
        }

        switch (candidate, creation)
        {
            case (BaseObjectCreationExpressionSyntax candidateCreation, BaseObjectCreationExpressionSyntax objectCreation):
                return TokensText(candidateCreation.ArgumentList, "()") == TokensText(objectCreation.ArgumentList, "()")
                       && TokensText(candidateCreation.Initializer, string.Empty) == TokensText(objectCreation.Initializer, string.Empty);
            case (InvocationExpressionSyntax candidateCall, InvocationExpressionSyntax call):
                return model.GetOperation(candidateCall, cancellationToken) is IInvocationOperation candidateOperation
                       && model.GetOperation(call, cancellationToken) is IInvocationOperation callOperation
                       && SymbolEqualityComparer.Default.Equals(FactorySymbol(candidateOperation), FactorySymbol(callOperation))
                       && TokensText(candidateCall.ArgumentList, "()") == TokensText(call.ArgumentList, "()");
            default:
                return false;
        }
    }

    /// <summary>What a call calls: the method, or for a delegate, the field or property that holds it.</summary>
    private static ISymbol? FactorySymbol(IInvocationOperation call)
        => call.TargetMethod.MethodKind == MethodKind.DelegateInvoke
            ? (call.Instance?.WalkDownConversions() as IMemberReferenceOperation)?.Member.OriginalDefinition
            : call.TargetMethod.OriginalDefinition;

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
