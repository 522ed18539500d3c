using System.Collections.Concurrent;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.Rules.ReuseSdkClients;

/// <summary>
/// The one level of indirection AWSBP070 follows (RULES.md): a class of the same compilation whose constructor creates a client
/// and keeps it in a member (<c>_sns = new AmazonSimpleNotificationServiceClient();</c>, or an instance field initializer), so that
/// <c>new SnsService()</c> per request or per iteration creates a client each time. Read from the constructor's syntax (an
/// analyzer has no semantic model of other documents): a creation spelled <c>new Amazon…Client(…)</c> or <c>new HttpClient(…)</c>
/// (or <c>new(…)</c>) stored with <c>=</c> into a field or property of the class whose declared type is an SDK client or service
/// interface, or <c>HttpClient</c>. Not followed: <c>this(…)</c> chains, creations in lambdas, under an <c>if</c>, or kept with
/// <c>??=</c>. Computed once per constructor.
/// </summary>
internal sealed class ServiceConstructors
{
    private readonly ReuseSymbols _symbols;
    private readonly ConcurrentDictionary<IMethodSymbol, string> _created = new(SymbolEqualityComparer.Default);

    public ServiceConstructors(ReuseSymbols symbols) => _symbols = symbols;

    /// <summary>The name of the client type <paramref name="constructor"/> creates, or null.</summary>
    public string? GetCreatedClient(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        if (_created.TryGetValue(constructor, out var known))
        {
            return known.Length == 0 ? null : known;
        }

        var created = Compute(constructor, cancellationToken) ?? string.Empty;
        created = _created.GetOrAdd(constructor, created);
        return created.Length == 0 ? null : created;
    }

    private string? Compute(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        var type = constructor.ContainingType;
        if (type is null || type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || constructor.IsStatic)
        {
            return null;
        }

        var chainsToThis = false;
        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not ConstructorDeclarationSyntax declaration)
            {
                continue;
            }

            if (declaration.Initializer is { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword })
            {
                chainsToThis = true;
            }

            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is not null && FindCreatedClient(type, body) is { } created)
            {
                return created;
            }
        }

        if (chainsToThis)
        {
            return null;
        }

        // Instance field and property initializers run in every constructor that does not chain to this(…).
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                var isInstance = !member.Modifiers.Any(SyntaxKind.StaticKeyword) && !member.Modifiers.Any(SyntaxKind.ConstKeyword);
                if (isInstance && member is FieldDeclarationSyntax or PropertyDeclarationSyntax && FindCreatedClient(type, member) is { } created)
                {
                    return created;
                }
            }
        }

        return null;
    }

    private string? FindCreatedClient(INamedTypeSymbol type, SyntaxNode scope)
    {
        foreach (var node in scope.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or IfStatementSyntax or ConditionalExpressionSyntax)))
        {
            if (node is not BaseObjectCreationExpressionSyntax creation)
            {
                continue;
            }

            var spelled = creation is ObjectCreationExpressionSyntax { Type: var typeSyntax } ? RightmostName(typeSyntax) : null;
            if (spelled is not null && !IsClientName(spelled))
            {
                continue;
            }

            if (GetStoringMember(creation) is not { } memberName)
            {
                continue;
            }

            foreach (var member in type.GetMembers(memberName))
            {
                var memberType = member switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };

                if (memberType is not null
                    && (_symbols.Aws.IsClientType(memberType) || memberType.InheritsFrom(_symbols.Clients.HttpClient)))
                {
                    return spelled ?? memberType.Name;
                }
            }
        }

        return null;
    }

    private static bool IsClientName(string name)
        => name == "HttpClient" || (name.StartsWith("Amazon", System.StringComparison.Ordinal) && name.EndsWith("Client", System.StringComparison.Ordinal));

    /// <summary>The member a creation is stored into: <c>_x = new …</c>, <c>this._x = new …</c>, or a field/property initializer.</summary>
    private static string? GetStoringMember(BaseObjectCreationExpressionSyntax creation)
    {
        var parent = creation.Parent;
        while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            parent = parent.Parent;
        }

        switch (parent)
        {
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                return assignment.Left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
                    _ => null,
                };
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } declarator }:
                return declarator.Identifier.ValueText;
            case EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property }:
                return property.Identifier.ValueText;
            default:
                return null;
        }
    }

    private static string? RightmostName(TypeSyntax type)
        => type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            _ => null,
        };
}
