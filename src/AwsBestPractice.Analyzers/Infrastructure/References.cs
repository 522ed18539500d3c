using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Symbol chains for "the same variable": <c>client</c>, <c>_client</c>, <c>this.Options.TableName</c>.</summary>
internal static class References
{
    public static bool TryGetChain(IOperation? operation, List<ISymbol> chain)
    {
        switch (operation?.WalkDownConversions())
        {
            case ILocalReferenceOperation local:
                chain.Add(local.Local);
                return true;
            case IParameterReferenceOperation parameter:
                chain.Add(parameter.Parameter);
                return true;
            case IFieldReferenceOperation field:
                if (field.Instance is not (null or IInstanceReferenceOperation) && !TryGetChain(field.Instance, chain))
                {
                    return false;
                }

                chain.Add(field.Field);
                return true;
            case IPropertyReferenceOperation { Property.Parameters.Length: 0 } property:
                if (property.Instance is not (null or IInstanceReferenceOperation) && !TryGetChain(property.Instance, chain))
                {
                    return false;
                }

                chain.Add(property.Property);
                return true;
            default:
                return false;
        }
    }

    public static bool SameChain(IOperation? left, IOperation? right)
    {
        var a = new List<ISymbol>();
        var b = new List<ISymbol>();
        return TryGetChain(left, a) && TryGetChain(right, b) && SameChain(a, b);
    }

    public static bool SameChain(List<ISymbol> a, List<ISymbol> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
