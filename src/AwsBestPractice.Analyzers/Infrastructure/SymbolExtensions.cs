using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

internal static class SymbolExtensions
{
    public static bool InheritsFrom(this ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        if (type is null || baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    public static bool ImplementsOrIs(this ITypeSymbol? type, INamedTypeSymbol? @interface)
    {
        if (type is null || @interface is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, @interface))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOrInheritsFrom(this ITypeSymbol? type, INamedTypeSymbol? baseTypeOrInterface)
        => baseTypeOrInterface?.TypeKind == TypeKind.Interface ? type.ImplementsOrIs(baseTypeOrInterface) : type.InheritsFrom(baseTypeOrInterface);

    public static bool IsType(this ITypeSymbol? type, INamedTypeSymbol? other)
        => type is not null && other is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, other);

    /// <summary>Unwraps <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> to T; returns the type itself otherwise.</summary>
    public static ITypeSymbol UnwrapTask(this ITypeSymbol type, AwsSymbols symbols)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && (named.OriginalDefinition.IsType(symbols.TaskOfT) || named.OriginalDefinition.IsType(symbols.ValueTaskOfT)))
        {
            return named.TypeArguments[0];
        }

        return type;
    }

    public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass.InheritsFrom(attributeType))
            {
                return true;
            }
        }

        return false;
    }
}
