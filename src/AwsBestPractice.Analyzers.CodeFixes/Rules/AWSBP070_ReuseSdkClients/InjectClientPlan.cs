using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.ReuseSdkClients;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.ReuseSdkClients;

/// <summary>
/// "Register the client with AddAWSService and inject it": for a client created with its defaults (<c>new AmazonS3Client()</c>)
/// in an instance method of an ASP.NET Core controller, in a project that references <c>AWSSDK.Extensions.NETCore.Setup</c>:
/// <c>services.AddAWSService&lt;IAmazonS3&gt;()</c> is added where the program builds its services (<c>builder.Services</c> in
/// top-level statements, or <c>Startup.ConfigureServices</c>), unless the service is already registered there, and the
/// controller receives <c>IAmazonS3</c> through its constructor (a parameter and a readonly field, or the field/parameter it
/// already has). Planned only where every piece is unambiguous: one registration site in the project, at most one explicit
/// constructor (or a primary constructor that already takes the interface), no <c>new TheController(…)</c> in the solution, a
/// client with no arguments (the registration reads the "AWS" configuration section, as the default client reads the
/// environment), and uses that work through the interface. Otherwise the static field fix applies.
/// </summary>
internal sealed class InjectClientPlan
{
    private InjectClientPlan(Document document, BaseObjectCreationExpressionSyntax creation)
    {
        Document = document;
        Creation = creation;
    }

    private Document Document { get; }

    private BaseObjectCreationExpressionSyntax Creation { get; }

    private INamedTypeSymbol ServiceInterface { get; set; } = null!;

    /// <summary>The member the code reads instead of the creation: an existing field or primary-constructor parameter, or the new field.</summary>
    private string MemberName { get; set; } = string.Empty;

    private TypeDeclarationSyntax Controller { get; set; } = null!;

    /// <summary>True when a field, a constructor parameter (or the constructor) must be added.</summary>
    private bool AddField { get; set; }

    private ConstructorDeclarationSyntax? Constructor { get; set; }

    /// <summary>The constructor's existing parameter of the interface type, assigned to the new field; null: a parameter is added.</summary>
    private string? ExistingParameter { get; set; }

    private string ParameterName { get; set; } = string.Empty;

    /// <summary>Where the registration goes; null when the service is already registered.</summary>
    private Registration? Register { get; set; }

    public static async Task<InjectClientPlan?> TryCreateAsync(Document document, SemanticModel model, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var compilation = model.Compilation;
        if (model.GetOperation(creation, cancellationToken) is not IObjectCreationOperation { Type: INamedTypeSymbol createdType } operation
            || operation.Arguments.Length != 0 || operation.Initializer is not null
            || AwsSymbols.TryCreate(compilation) is not { } aws
            || !aws.IsClientClass(createdType)
            || aws.GetServiceInterface(createdType) is not { } serviceInterface
            || AwsSymbols.GetType(compilation, "Amazon.Extensions.NETCore.Setup.AWSOptions") is not { } awsOptions
            || AwsSymbols.GetType(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection") is not { } serviceCollection
            || FindAddAwsService(awsOptions.ContainingAssembly.GlobalNamespace) is not { } addAwsService)
        {
            return null;
        }

        // An instance method (or accessor) of a controller declared in one place, not a static lambda or local function in it.
        if (creation.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax controller
            || model.GetDeclaredSymbol(controller, cancellationToken) is not { DeclaringSyntaxReferences.Length: 1 } controllerType
            || ReuseSymbols.TryCreate(aws) is not { } reuse
            || !reuse.IsPerRequestType(controllerType)
            || model.GetEnclosingSymbol(creation.SpanStart, cancellationToken) is not { } enclosing
            || !IsInstanceCode(enclosing))
        {
            return null;
        }

        var plan = new InjectClientPlan(document, creation) { ServiceInterface = serviceInterface, Controller = controller };
        if (!await TryPlanInjectionAsync(plan, document, model, controller, controllerType, serviceInterface, createdType, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        // The uses must work through the interface.
        if (ClientHoistPlan.TryCreateReplacement(model, creation, plan.MemberName, serviceInterface, cancellationToken) is null)
        {
            return null;
        }

        var registered = await FindRegistrationAsync(document.Project, serviceCollection, serviceInterface, addAwsService, cancellationToken).ConfigureAwait(false);
        if (registered.Sites.Count != 1 && !registered.AlreadyRegistered)
        {
            return null;
        }

        plan.Register = registered.AlreadyRegistered ? null : registered.Sites[0];
        return plan;
    }

    private static bool IsInstanceCode(ISymbol enclosing)
    {
        for (var current = enclosing; current is not null; current = current.ContainingSymbol)
        {
            if (current.IsStatic)
            {
                return false;
            }

            if (current is IMethodSymbol { MethodKind: MethodKind.Constructor })
            {
                return false; // a constructor's client: the static field fix (the controller's own lifetime is the problem)
            }

            if (current is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet } method
                && method.ContainingSymbol is INamedTypeSymbol)
            {
                return true;
            }

            if (current is INamedTypeSymbol)
            {
                return false;
            }
        }

        return false;
    }

    private static async Task<bool> TryPlanInjectionAsync(
        InjectClientPlan plan,
        Document document,
        SemanticModel model,
        ClassDeclarationSyntax controller,
        INamedTypeSymbol controllerType,
        INamedTypeSymbol serviceInterface,
        INamedTypeSymbol createdType,
        CancellationToken cancellationToken)
    {
        var constructors = controllerType.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared).ToList();
        if (constructors.Count > 1)
        {
            return false;
        }

        // A primary constructor: only when it already takes the interface.
        if (controller.ParameterList is { } primary)
        {
            foreach (var parameter in primary.Parameters)
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol.Type, serviceInterface))
                {
                    plan.MemberName = symbol.Name;
                    return true;
                }
            }

            return false;
        }

        var constructor = constructors.Count == 1 ? constructors[0].DeclaringSyntaxReferences.Single().GetSyntax(cancellationToken) as ConstructorDeclarationSyntax : null;
        if (constructors.Count == 1 && (constructor is null || constructor.Parent != controller || constructor.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword }))
        {
            return false;
        }

        // An existing field assigned from a constructor parameter of the interface type: reuse it.
        string? existingParameter = null;
        if (constructor is not null)
        {
            foreach (var parameter in constructor.ParameterList.Parameters)
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol.Type, serviceInterface))
                {
                    existingParameter = symbol.Name;
                    if (FindFieldAssignedFrom(model, constructor, symbol, cancellationToken) is { } field)
                    {
                        plan.MemberName = field.Name;
                        return true;
                    }
                }
            }
        }

        // A new field (and parameter, or constructor): nobody in the solution may call the constructor explicitly.
        var ctorSymbol = constructors.Count == 1 ? constructors[0] : controllerType.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        if (ctorSymbol is null)
        {
            return false;
        }

        if (existingParameter is null)
        {
            var references = await SymbolFinder.FindReferencesAsync(ctorSymbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            if (references.Any(r => r.Locations.Any()))
            {
                return false;
            }
        }

        var avoid = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var name in ClientHoistPlan.GetMemberNames(controllerType))
        {
            avoid.Add(name);
        }

        if (constructor is not null)
        {
            ClientHoistPlan.AddDeclaredNames(constructor, avoid, null);
        }

        var baseName = ClientHoistPlan.BaseName(createdType);
        var fieldName = Names.Unique("_" + baseName, avoid.Contains);
        plan.AddField = true;
        plan.MemberName = fieldName;
        plan.Constructor = constructor;
        plan.ExistingParameter = existingParameter;
        plan.ParameterName = existingParameter ?? Names.Unique(baseName, avoid.Contains);
        return true;
    }

    private static IFieldSymbol? FindFieldAssignedFrom(SemanticModel model, ConstructorDeclarationSyntax constructor, IParameterSymbol parameter, CancellationToken cancellationToken)
    {
        SyntaxNode? body = (SyntaxNode?)constructor.Body ?? constructor.ExpressionBody;
        if (body is null)
        {
            return null;
        }

        foreach (var assignment in body.DescendantNodesAndSelf().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && model.GetSymbolInfo(assignment.Right, cancellationToken).Symbol is IParameterSymbol source
                && SymbolEqualityComparer.Default.Equals(source, parameter)
                && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IFieldSymbol { IsStatic: false } field
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, parameter.ContainingType))
            {
                return field;
            }
        }

        return null;
    }

    private static IMethodSymbol? FindAddAwsService(INamespaceSymbol ns)
    {
        foreach (var type in ns.GetTypeMembers())
        {
            foreach (var member in type.GetMembers("AddAWSService"))
            {
                if (member is IMethodSymbol { IsExtensionMethod: true, Arity: 1 } method)
                {
                    return method;
                }
            }
        }

        foreach (var child in ns.GetNamespaceMembers())
        {
            if (FindAddAwsService(child) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Where a program builds its services, and whether the interface is already registered (AddAWSService/TryAddAWSService).</summary>
    private static async Task<(List<Registration> Sites, bool AlreadyRegistered)> FindRegistrationAsync(
        Project project, INamedTypeSymbol serviceCollection, INamedTypeSymbol serviceInterface, IMethodSymbol addAwsService, CancellationToken cancellationToken)
    {
        var sites = new List<Registration>();
        var registered = false;
        foreach (var document in project.Documents)
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax root
                || (!root.Members.Any(m => m is GlobalStatementSyntax)
                    && !root.DescendantTokens().Any(t => t.ValueText is "ConfigureServices" or "AddAWSService" or "TryAddAWSService")))
            {
                continue;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                continue;
            }

            foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (invocation.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "AddAWSService" or "TryAddAWSService" } generic }
                    && generic.TypeArgumentList.Arguments.Count == 1
                    && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(generic.TypeArgumentList.Arguments[0], cancellationToken).Type, serviceInterface))
                {
                    registered = true;
                }
            }

            // Startup.ConfigureServices(IServiceCollection services) { … }
            var ordinal = -1;
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                ordinal++;
                if (method.Identifier.ValueText == "ConfigureServices" && method.Body is { } body
                    && method.ParameterList.Parameters.Count == 1
                    && model.GetDeclaredSymbol(method.ParameterList.Parameters[0], cancellationToken) is { } parameter
                    && parameter.Type.ImplementsOrIs(serviceCollection))
                {
                    sites.Add(new Registration(document.Id, ordinal, isMethod: true, parameter.Name));
                }
            }

            // var builder = WebApplication.CreateBuilder(args); … builder.Services.Add…; … var app = builder.Build();
            var globals = root.Members.OfType<GlobalStatementSyntax>().ToList();
            for (var i = 0; i < globals.Count; i++)
            {
                if (globals[i].Statement is not LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
                    || model.GetDeclaredSymbol(variables[0], cancellationToken) is not ILocalSymbol builder
                    || builder.Type.GetMembers("Services").OfType<IPropertySymbol>().FirstOrDefault() is not { } services
                    || !services.Type.ImplementsOrIs(serviceCollection))
                {
                    continue;
                }

                // After the last statement that uses builder.Services before the first that reads anything else of it (Build()).
                var after = globals[i];
                for (var j = i + 1; j < globals.Count; j++)
                {
                    var uses = globals[j].DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == builder.Name).ToList();
                    if (uses.Count == 0)
                    {
                        continue;
                    }

                    if (uses.All(u => u.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Services" } access && access.Expression == u))
                    {
                        after = globals[j];
                        continue;
                    }

                    break;
                }

                sites.Add(new Registration(document.Id, globals.IndexOf(after), isMethod: false, builder.Name + ".Services"));
            }
        }

        return (sites, registered);
    }

    public async Task<Solution> ApplyAsync(CancellationToken cancellationToken)
    {
        var solution = Document.Project.Solution;
        var model = await Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || root is null
            || ClientHoistPlan.TryCreateReplacement(model, Creation, MemberName, ServiceInterface, cancellationToken) is not { } replacement)
        {
            return solution;
        }

        // 1. The controller reads the injected member; it gets the field and the constructor parameter.
        root = replacement.Apply(root);
        if (AddField)
        {
            root = AddInjection(root);
        }

        solution = solution.WithDocumentSyntaxRoot(Document.Id, root);

        // 2. The registration, where the program builds its services.
        if (Register is { } register && solution.GetDocument(register.DocumentId) is { } program
            && await program.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax programRoot)
        {
            var statement = SyntaxFactory.ParseStatement(register.Receiver + ".AddAWSService<" + ServiceInterface.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ">();")
                .WithAdditionalAnnotations(Formatter.Annotation);
            statement = statement.ReplaceNodes(
                statement.DescendantNodes().OfType<GenericNameSyntax>().SelectMany(g => g.TypeArgumentList.Arguments),
                (_, type) => type.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
            SyntaxNode newRoot;
            // Found again by position among its kind: the fix edited only the controller, which may be in this document too.
            if (register.IsMethod
                && programRoot.DescendantNodes().OfType<MethodDeclarationSyntax>().ElementAtOrDefault(register.Ordinal) is { Body: { } currentBody })
            {
                newRoot = programRoot.ReplaceNode(currentBody, currentBody.AddStatements(statement));
            }
            else if (!register.IsMethod && programRoot.Members.OfType<GlobalStatementSyntax>().ElementAtOrDefault(register.Ordinal) is { } currentAfter)
            {
                var global = SyntaxFactory.GlobalStatement(statement.WithTrailingTrivia(Trivia.EndOfLine(programRoot)));
                newRoot = programRoot.InsertNodesAfter(currentAfter, new[] { global });
            }
            else
            {
                return solution;
            }

            newRoot = AddDependencyInjectionUsing((CompilationUnitSyntax)newRoot);
            solution = solution.WithDocumentSyntaxRoot(register.DocumentId, newRoot);

            // The interface's using (IAmazonS3 → using Amazon.S3;), added here: this document is not the one the fix was asked for.
            var withImports = await Imports.AddAndSimplifyAsync(solution.GetDocument(register.DocumentId)!, cancellationToken).ConfigureAwait(false);
            solution = withImports.Project.Solution;
        }

        return solution;
    }

    /// <summary>AddAWSService is an extension method in <c>Microsoft.Extensions.DependencyInjection</c> (web projects import it implicitly; others may not).</summary>
    private static CompilationUnitSyntax AddDependencyInjectionUsing(CompilationUnitSyntax root)
    {
        const string Namespace = "Microsoft.Extensions.DependencyInjection";
        if (root.Usings.Any(u => u.Name?.ToString() == Namespace)
            || root.Members.OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString().StartsWith(Namespace, System.StringComparison.Ordinal)))
        {
            return root;
        }

        return Imports.AddUsingDirective(root, Namespace);
    }

    private SyntaxNode AddInjection(SyntaxNode root)
    {
        // The replacement edited only the inside of the controller: it still starts where it did.
        if (root.FindToken(Controller.SpanStart).Parent?.FirstAncestorOrSelf<ClassDeclarationSyntax>() is not { } controller
            || controller.Identifier.ValueText != Controller.Identifier.ValueText)
        {
            return root;
        }

        var typeSyntax = ClientHoistPlan.TypeSyntaxFor(ServiceInterface);
        var field = SyntaxFactory.FieldDeclaration(SyntaxFactory.VariableDeclaration(typeSyntax).AddVariables(SyntaxFactory.VariableDeclarator(MemberName)))
            .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword), SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword)))
            .WithAdditionalAnnotations(Formatter.Annotation);
        var assignment = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(MemberName), SyntaxFactory.IdentifierName(ParameterName)))
            .WithAdditionalAnnotations(Formatter.Annotation);

        var newController = controller;
        if (Constructor is not null
            && newController.Members.OfType<ConstructorDeclarationSyntax>().FirstOrDefault(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword)) is { } constructor)
        {
            var updated = constructor;
            if (ExistingParameter is null)
            {
                updated = updated.AddParameterListParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier(ParameterName)).WithType(ClientHoistPlan.TypeSyntaxFor(ServiceInterface)));
            }

            updated = updated.Body is { } body
                ? updated.WithBody(body.AddStatements(assignment))
                : updated.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithBody(SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(updated.ExpressionBody!.Expression), assignment).WithAdditionalAnnotations(Formatter.Annotation));
            newController = newController.ReplaceNode(constructor, updated);
        }
        else if (Constructor is null)
        {
            var newConstructor = SyntaxFactory.ConstructorDeclaration(controller.Identifier.WithoutTrivia())
                .WithModifiers(SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PublicKeyword)))
                .AddParameterListParameters(SyntaxFactory.Parameter(SyntaxFactory.Identifier(ParameterName)).WithType(ClientHoistPlan.TypeSyntaxFor(ServiceInterface)))
                .WithBody(SyntaxFactory.Block(assignment))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var firstMethod = newController.Members.FirstOrDefault(m => m is not FieldDeclarationSyntax);
            newController = firstMethod is null
                ? newController.AddMembers(newConstructor)
                : newController.InsertNodesBefore(firstMethod, new[] { newConstructor.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed) });
        }
        else
        {
            return root;
        }

        // The field after the last field, or first.
        var lastField = newController.Members.LastOrDefault(m => m is FieldDeclarationSyntax);
        if (lastField is not null)
        {
            newController = newController.InsertNodesAfter(lastField, new[] { field });
        }
        else if (newController.Members.Count > 0)
        {
            var first = newController.Members[0];
            newController = newController.ReplaceNode(first, first.WithLeadingTrivia(first.GetLeadingTrivia().Insert(0, SyntaxFactory.ElasticCarriageReturnLineFeed)));
            newController = newController.WithMembers(newController.Members.Insert(0, field));
        }
        else
        {
            newController = newController.AddMembers(field);
        }

        return root.ReplaceNode(controller, newController);
    }

    private sealed class Registration
    {
        public Registration(DocumentId documentId, int ordinal, bool isMethod, string receiver)
        {
            DocumentId = documentId;
            Ordinal = ordinal;
            IsMethod = isMethod;
            Receiver = receiver;
        }

        public DocumentId DocumentId { get; }

        /// <summary>
        /// The <c>ConfigureServices</c> method (its index among the document's methods; the registration goes at the end of its
        /// body), or the top-level statement the registration goes after (its index among the global statements).
        /// </summary>
        public int Ordinal { get; }

        public bool IsMethod { get; }

        /// <summary><c>services</c> or <c>builder.Services</c>.</summary>
        public string Receiver { get; }
    }
}
