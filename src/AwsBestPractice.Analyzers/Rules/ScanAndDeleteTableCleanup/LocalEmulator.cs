using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.Rules;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// A client, table or context configured for a local emulator: the scope that declares it (the method body for a local,
/// the type for a field or property) sets <c>ServiceURL</c> to a local endpoint (<see cref="LocalEndpoint"/>).
/// Syntax-only and run only when a diagnostic is about to be reported.
/// </summary>
internal static class LocalEmulator
{
    public static bool IsConfigured(IOperation? instance, IOperation root, CancellationToken cancellationToken)
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
                && IsLocalEndpoint(right))
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
    /// or a Testcontainers container's endpoint (<c>container.GetConnectionString()</c>, <c>GetMappedPublicPort(8000)</c>).
    /// </summary>
    private static bool IsLocalEndpoint(ExpressionSyntax value)
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
            }
        }

        return false;
    }
}
