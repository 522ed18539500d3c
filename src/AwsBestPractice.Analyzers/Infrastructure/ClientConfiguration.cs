using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The one reader of SDK client configuration (<c>ClientConfig.ServiceURL</c>): whether a client is pointed at a local emulator,
/// with the single definition of a local endpoint (<see cref="LocalEndpoint"/>). Run only when a diagnostic is about to be
/// reported: both readers follow values through the method or type.
/// </summary>
internal static class ClientConfiguration
{
    /// <summary>
    /// One of a client constructor's <paramref name="arguments"/> is a config (a <paramref name="clientConfig"/>) created in the
    /// method whose <c>ServiceURL</c> is set to a constant local URL (<c>new AmazonS3Client(key, secret, new AmazonS3Config {
    /// ServiceURL = "http://localhost:4566" })</c>).
    /// </summary>
    public static bool HasLocalServiceUrl(ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol? clientConfig, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value is null
                || !argument.Value.WalkDownConversions().Type.InheritsFrom(clientConfig)
                || !RequestObjects.TryGetAssignments(argument.Value, cancellationToken, out var assignments))
            {
                continue;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Property.Name == "ServiceURL"
                    && ConstantValues.TryGetConstantString(assignment.Value, cancellationToken, out var url)
                    && LocalEndpoint.IsLocalUrl(url))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A client, table or context (<paramref name="instance"/>) configured for a local emulator: the scope that declares it (the
    /// method body for a local, the type for a field or property) sets <c>ServiceURL</c> to a local endpoint. Read from the syntax
    /// and, when the assignment is in the analysed document, from the values of the constants, <c>readonly</c> fields and locals it
    /// names (<see cref="ConstantValues"/>).
    /// </summary>
    public static bool IsLocalEmulator(IOperation? instance, IOperation root, CancellationToken cancellationToken)
    {
        var chain = new List<ISymbol>();
        if (instance is null || !References.TryGetChain(instance, chain))
        {
            return false;
        }

        SyntaxNode? scope = chain[0] switch
        {
            ILocalSymbol => root.Syntax,
            IFieldSymbol or IPropertySymbol when chain[0].DeclaringSyntaxReferences.Length > 0
                => GetTypeDeclaration(chain[0].DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)),
            _ => null,
        };
        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Right: { } right } assignment
                && GetName(assignment.Left) == "ServiceURL"
                && IsLocalEndpoint(right, root.SemanticModel, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    private static SyntaxNode? GetTypeDeclaration(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private static string? GetName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// <c>"http://localhost:8000"</c>, a fallback to one (<c>Environment.GetEnvironmentVariable(…) ?? "http://localhost:8000"</c>),
    /// a constant or <c>readonly</c> field holding one (<c>Endpoints.DynamoDbLocal</c>), or a Testcontainers container's endpoint
    /// (<c>container.GetConnectionString()</c>, <c>GetMappedPublicPort(8000)</c>).
    /// </summary>
    private static bool IsLocalEndpoint(ExpressionSyntax value, SemanticModel? model, CancellationToken cancellationToken)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax { Token.Value: string text } when LocalEndpoint.MentionsLocalHost(text):
                    return true;
                case InterpolatedStringTextSyntax part when LocalEndpoint.MentionsLocalHost(part.TextToken.ValueText):
                    return true;
                case InvocationExpressionSyntax { Expression: var callee } when GetName(callee) is "GetConnectionString" or "GetMappedPublicPort":
                    return true;
                case IdentifierNameSyntax or MemberAccessExpressionSyntax when IsNamedLocalValue((ExpressionSyntax)node, model, cancellationToken):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A name (<c>LocalUrl</c>, <c>Endpoints.DynamoDbLocal</c>) whose value traces back to a string naming a local host.</summary>
    private static bool IsNamedLocalValue(ExpressionSyntax name, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null
            || name.SyntaxTree != model.SyntaxTree
            || name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name) // the whole access is looked at
        {
            return false;
        }

        return model.GetOperation(name, cancellationToken) is { } operation
               && ConstantValues.TryGetConstantString(operation, cancellationToken, out var text)
               && text is not null
               && LocalEndpoint.MentionsLocalHost(text);
    }
}
