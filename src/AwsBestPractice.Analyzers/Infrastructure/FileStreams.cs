using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Where a stream comes from: opened from a local file (<c>File.OpenRead(path)</c>, <c>File.Open(…)</c>,
/// <c>fileInfo.OpenRead()</c>, <c>new FileStream(path, …)</c>), directly or through a local whose every assigned value is one
/// (<c>using var stream = File.OpenRead(path);</c>). Anything else (a <c>MemoryStream</c>, a network stream, a parameter, a
/// field, a factory's result) is of unknown origin.
/// </summary>
internal static class FileStreams
{
    private const int MaxDepth = 4;

    public static bool IsOpenedFromFile(IOperation? value, CancellationToken cancellationToken)
        => IsOpenedFromFile(value, 0, cancellationToken);

    private static bool IsOpenedFromFile(IOperation? value, int depth, CancellationToken cancellationToken)
    {
        switch (value?.WalkDownConversions())
        {
            case IObjectCreationOperation { Type: var type }:
                for (var current = type; current is not null; current = current.BaseType)
                {
                    if (current.Name == "FileStream" && IsSystemIO(current.ContainingNamespace))
                    {
                        return true;
                    }
                }

                return false;
            case IInvocationOperation { TargetMethod: { Name: "OpenRead" or "Open", ContainingType: { Name: "File" or "FileInfo" } type } }:
                return IsSystemIO(type.ContainingNamespace);
            case ILocalReferenceOperation reference when depth < MaxDepth:
                return IsLocalOpenedFromFile(reference, depth, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>Every value the method assigns to the local is a file stream, and it is assigned at least one.</summary>
    private static bool IsLocalOpenedFromFile(ILocalReferenceOperation reference, int depth, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        var assigned = false;
        foreach (var operation in reference.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is { } initial)
                    {
                        if (!IsOpenedFromFile(initial, depth + 1, cancellationToken))
                        {
                            return false;
                        }

                        assigned = true;
                    }

                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local):
                    if (other.Parent is IAssignmentOperation assignment && assignment.Target == other)
                    {
                        if (assignment is not ISimpleAssignmentOperation || !IsOpenedFromFile(assignment.Value, depth + 1, cancellationToken))
                        {
                            return false;
                        }

                        assigned = true;
                    }
                    else if (other.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out })
                    {
                        return false;
                    }

                    break;
            }
        }

        return assigned;
    }

    private static bool IsSystemIO(INamespaceSymbol? ns)
        => ns is { Name: "IO", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}
