using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Why creating a <c>DbConnection</c> opens a new physical connection (rather than reusing the provider's pool).</summary>
internal enum PhysicalConnection
{
    /// <summary>Pooled, or unknown: the provider's process-wide pool is reused (pooling is the providers' default).</summary>
    Pooled,

    /// <summary><c>Pooling=false</c> in the connection string, or <c>Pooling = false</c> on its builder.</summary>
    PoolingDisabled,

    /// <summary>The connection string carries an RDS IAM authentication token generated in the same method: a new pool each time.</summary>
    PerCallAuthToken,
}

/// <summary>
/// What a <c>DbConnection</c> creation's connection string says about pooling, read from the values the method gives it: the
/// constructor's arguments and initializer, assignments to the connection's <c>ConnectionString</c>, and the locals (a string or a
/// <c>*ConnectionStringBuilder</c>) they read, with the constant tracer. A value the method does not build (configuration, a
/// parameter) is taken as pooled: that is the providers' default.
/// </summary>
internal static class DbConnectionStrings
{
    private const int MaxLocals = 16;

    public static PhysicalConnection Classify(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        var pending = new Stack<IOperation>();
        pending.Push(creation);
        var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        if (creation.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            Follow(declarator.Symbol, creation, pending, followed, cancellationToken);
        }

        var result = PhysicalConnection.Pooled;
        while (pending.Count > 0)
        {
            foreach (var operation in pending.Pop().DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case { ConstantValue: { HasValue: true, Value: string text } } when DisablesPooling(text):
                        return PhysicalConnection.PoolingDisabled;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Pooling" }, Value.ConstantValue: { HasValue: true, Value: false } }:
                        return PhysicalConnection.PoolingDisabled;
                    case IInvocationOperation { TargetMethod: { Name: "GenerateAuthToken" or "GenerateAuthTokenAsync", ContainingType.Name: "RDSAuthTokenGenerator" } }:
                        result = PhysicalConnection.PerCallAuthToken;
                        break;
                    case ILocalReferenceOperation reference when followed.Count < MaxLocals:
                        Follow(reference.Local, creation, pending, followed, cancellationToken);
                        break;
                }
            }
        }

        return result;
    }

    /// <summary>The values the method gives <paramref name="local"/>: its initializer, assignments to it and to its members.</summary>
    private static void Follow(ILocalSymbol local, IOperation anyOperationInMethod, Stack<IOperation> pending, HashSet<ILocalSymbol> followed, CancellationToken cancellationToken)
    {
        if (!followed.Add(local))
        {
            return;
        }

        foreach (var operation in anyOperationInMethod.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                                                                 && declarator.GetVariableInitializer()?.Value is { } initializer:
                    pending.Push(initializer);
                    break;
                case ISimpleAssignmentOperation { Target: var target } assignment
                    when target.WalkDownConversions() is ILocalReferenceOperation assigned && SymbolEqualityComparer.Default.Equals(assigned.Local, local):
                    pending.Push(assignment.Value);
                    break;
                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: { } instance } } memberAssignment
                    when instance.WalkDownConversions() is ILocalReferenceOperation owner && SymbolEqualityComparer.Default.Equals(owner.Local, local):
                    pending.Push(memberAssignment);
                    break;
            }
        }
    }

    /// <summary><c>Pooling=false</c> (or <c>no</c>) in a connection string, whatever the case and spacing.</summary>
    internal static bool DisablesPooling(string connectionString)
    {
        foreach (var part in connectionString.Split(';'))
        {
            var equals = part.IndexOf('=');
            if (equals > 0
                && string.Equals(part.Substring(0, equals).Trim(), "Pooling", System.StringComparison.OrdinalIgnoreCase)
                && part.Substring(equals + 1).Trim().Trim('\'', '"') is var value
                && (string.Equals(value, "false", System.StringComparison.OrdinalIgnoreCase) || string.Equals(value, "no", System.StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
