using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using AwsBestPractice.Analyzers.Infrastructure;

namespace AwsBestPractice.Analyzers.Rules.BackOffExponentially;

/// <summary>
/// Whether a wait's duration is the same on every attempt: a number of milliseconds (<c>Task.Delay(500)</c>) or a
/// <c>TimeSpan</c> (<c>TimeSpan.FromSeconds(1)</c>, <c>new TimeSpan(0, 0, 1)</c>, <c>TimeSpan.Zero</c>) traced to constants through
/// <c>const</c>s, <c>readonly</c> fields initialised with one, locals whose only value is one, and arithmetic on them. Anything
/// else is not judged: the attempt counter (<c>Math.Pow(2, attempt)</c>, <c>1 &lt;&lt; attempt</c>), a delay the loop changes
/// (<c>delay *= 2</c>), the exception or the response (<c>RetryAfter</c>), a method (<c>Backoff.Next()</c>, <c>Random</c>), a
/// parameter or a property. A <c>TimeSpan</c> is measured in milliseconds.
/// </summary>
internal static class DelayValues
{
    private const int MaxSteps = 128;

    /// <summary>The duration argument of <c>Task.Delay</c>/<c>Thread.Sleep</c> (their first parameter).</summary>
    public static IArgumentOperation? GetDurationArgument(IInvocationOperation delay)
    {
        foreach (var argument in delay.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument;
            }
        }

        return null;
    }

    /// <summary>The milliseconds <paramref name="duration"/> always evaluates to; false when it is not a traced constant.</summary>
    public static bool TryGetMilliseconds(IOperation? duration, CancellationToken cancellationToken, out double milliseconds)
    {
        var steps = 0;
        var value = Evaluate(duration, new List<ISymbol>(), ref steps, cancellationToken);
        milliseconds = value ?? 0;
        return value.HasValue && !double.IsNaN(milliseconds) && !double.IsInfinity(milliseconds);
    }

    /// <summary>"500 ms", "1 s", "1.5 s", "2 min".</summary>
    public static string Describe(double milliseconds)
        => milliseconds < 1000
            ? milliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms"
            : milliseconds < 120_000
                ? (milliseconds / 1000).ToString("0.###", CultureInfo.InvariantCulture) + " s"
                : (milliseconds / 60_000).ToString("0.###", CultureInfo.InvariantCulture) + " min";

    /// <summary>A number, or a <c>TimeSpan</c> in milliseconds (so <c>TimeSpan * 2</c> and <c>TimeSpan + TimeSpan</c> stay right).</summary>
    private static double? Evaluate(IOperation? operation, List<ISymbol> tracing, ref int steps, CancellationToken cancellationToken)
    {
        if (operation is null || ++steps > MaxSteps)
        {
            return null;
        }

        if (ToNumber(operation.ConstantValue) is { } constant)
        {
            return constant;
        }

        var unwrapped = operation.WalkDownConversions();
        if (ToNumber(unwrapped.ConstantValue) is { } inner)
        {
            return inner;
        }

        switch (unwrapped)
        {
            case ILocalReferenceOperation local:
                return EvaluateLocal(local, tracing, ref steps, cancellationToken);
            case IFieldReferenceOperation { Field: var field }:
                if (IsTimeSpan(field.ContainingType) && field.Name == "Zero")
                {
                    return 0;
                }

                return field.IsReadOnly ? EvaluateReadOnlyField(field, unwrapped.SemanticModel, tracing, ref steps, cancellationToken) : null;
            case IPropertyReferenceOperation { Property: var property, Instance: { } instance } when IsTimeSpan(property.ContainingType):
                var total = Evaluate(instance, tracing, ref steps, cancellationToken);
                return property.Name switch
                {
                    "TotalMilliseconds" => total,
                    "TotalSeconds" => total / 1000,
                    "TotalMinutes" => total / 60_000,
                    _ => null,
                };
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation when IsTimeSpan(method.ContainingType):
                return EvaluateFactory(method.Name, invocation.Arguments, tracing, ref steps, cancellationToken);
            case IObjectCreationOperation creation when IsTimeSpan(creation.Type):
                return EvaluateConstructor(creation.Arguments, tracing, ref steps, cancellationToken);
            case IDefaultValueOperation when IsTimeSpan(unwrapped.Type):
                return 0;
            case IBinaryOperation binary:
                var left = Evaluate(binary.LeftOperand, tracing, ref steps, cancellationToken);
                var right = left is null ? null : Evaluate(binary.RightOperand, tracing, ref steps, cancellationToken);
                if (left is not { } l || right is not { } r)
                {
                    return null;
                }

                return binary.OperatorKind switch
                {
                    BinaryOperatorKind.Add => l + r,
                    BinaryOperatorKind.Subtract => l - r,
                    BinaryOperatorKind.Multiply => l * r,
                    BinaryOperatorKind.Divide when r != 0 => l / r,
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static bool IsTimeSpan(ITypeSymbol? type)
        => type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static double? ToNumber(Optional<object?> constant)
        => constant.HasValue
            ? constant.Value switch
            {
                int i => i,
                long l => l,
                double d => d,
                float f => f,
                decimal m => (double)m,
                short s => s,
                uint u => u,
                ulong ul => ul,
                ushort us => us,
                byte b => b,
                sbyte sb => sb,
                _ => null,
            }
            : null;

    /// <summary><c>TimeSpan.FromSeconds(1)</c>; the .NET 9 overloads' extra components (<c>FromSeconds(1, 500)</c>) are added.</summary>
    private static double? EvaluateFactory(string name, IReadOnlyList<IArgumentOperation> arguments, List<ISymbol> tracing, ref int steps, CancellationToken cancellationToken)
    {
        double[] units = name switch
        {
            "FromMilliseconds" => new[] { 1d, 0.001 },
            "FromSeconds" => new[] { 1000d, 1, 0.001 },
            "FromMinutes" => new[] { 60_000d, 1000, 1, 0.001 },
            "FromHours" => new[] { 3_600_000d, 60_000, 1000, 1, 0.001 },
            "FromDays" => new[] { 86_400_000d, 3_600_000, 60_000, 1000, 1, 0.001 },
            "FromTicks" => new[] { 0.0001 },
            _ => Array.Empty<double>(),
        };
        if (units.Length == 0 || arguments.Count == 0 || arguments.Count > units.Length)
        {
            return null;
        }

        double result = 0;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { Ordinal: var ordinal } || ordinal >= units.Length || Evaluate(argument.Value, tracing, ref steps, cancellationToken) is not { } part)
            {
                return null;
            }

            result += part * units[ordinal];
        }

        return result;
    }

    /// <summary><c>new TimeSpan(ticks)</c>, <c>(h, m, s)</c>, <c>(d, h, m, s)</c>, <c>(d, h, m, s, ms)</c>.</summary>
    private static double? EvaluateConstructor(IReadOnlyList<IArgumentOperation> arguments, List<ISymbol> tracing, ref int steps, CancellationToken cancellationToken)
    {
        double[]? units = arguments.Count switch
        {
            0 => Array.Empty<double>(),
            1 => new[] { 0.0001 },
            3 => new[] { 3_600_000d, 60_000, 1000 },
            4 => new[] { 86_400_000d, 3_600_000, 60_000, 1000 },
            5 => new[] { 86_400_000d, 3_600_000, 60_000, 1000, 1 },
            6 => new[] { 86_400_000d, 3_600_000, 60_000, 1000, 1, 0.001 },
            _ => null,
        };
        if (units is null)
        {
            return null;
        }

        double result = 0;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { Ordinal: var ordinal } || ordinal >= units.Length || Evaluate(argument.Value, tracing, ref steps, cancellationToken) is not { } part)
            {
                return null;
            }

            result += part * units[ordinal];
        }

        return result;
    }

    /// <summary>A local whose every value in its method is the same constant (no compound assignment, increment or <c>ref</c>).</summary>
    private static double? EvaluateLocal(ILocalReferenceOperation reference, List<ISymbol> tracing, ref int steps, CancellationToken cancellationToken)
    {
        var local = reference.Local;
        if (local.IsRef || Contains(tracing, local))
        {
            return null;
        }

        tracing.Add(local);
        try
        {
            double? result = null;
            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(reference.GetRoot()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                IOperation? assigned;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        assigned = declarator.GetVariableInitializer()?.Value;
                        if (assigned is null)
                        {
                            continue;
                        }

                        break;
                    case IAssignmentOperation assignment when assignment.Target.WalkDownConversions() is ILocalReferenceOperation target
                                                              && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        if (assignment is not ISimpleAssignmentOperation)
                        {
                            return null; // delay *= 2: grows
                        }

                        assigned = assignment.Value;
                        break;
                    case IIncrementOrDecrementOperation increment when increment.Target.WalkDownConversions() is ILocalReferenceOperation counted
                                                                       && SymbolEqualityComparer.Default.Equals(counted.Local, local):
                        return null;
                    case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local)
                                                             && other.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                        return null;
                    case IDeconstructionAssignmentOperation deconstruction when Mentions(deconstruction.Target, local):
                        return null;
                    case IDeclarationExpressionOperation declaration when Mentions(declaration, local):
                        return null; // out var delay
                    default:
                        continue;
                }

                if (Evaluate(assigned, tracing, ref steps, cancellationToken) is not { } value || (result is { } previous && previous != value))
                {
                    return null;
                }

                result = value;
            }

            return result;
        }
        finally
        {
            tracing.RemoveAt(tracing.Count - 1);
        }
    }

    private static bool Mentions(IOperation operation, ILocalSymbol local)
    {
        foreach (var descendant in Infrastructure.OperationExtensions.DescendantsAndSelf(operation))
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(List<ISymbol> tracing, ISymbol symbol)
    {
        foreach (var traced in tracing)
        {
            if (SymbolEqualityComparer.Default.Equals(traced, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A <c>readonly</c> field of this file initialised with a constant and not assigned in a constructor.</summary>
    private static double? EvaluateReadOnlyField(IFieldSymbol field, SemanticModel? model, List<ISymbol> tracing, ref int steps, CancellationToken cancellationToken)
    {
        if (model is null
            || Contains(tracing, field)
            || field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            || ConstantValues.IsAssignedInConstructor(field, cancellationToken)
            || model.GetOperation(initializer, cancellationToken) is not { } value)
        {
            return null;
        }

        tracing.Add(field);
        try
        {
            return Evaluate(value, tracing, ref steps, cancellationToken);
        }
        finally
        {
            tracing.RemoveAt(tracing.Count - 1);
        }
    }
}
