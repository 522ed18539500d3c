using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Traces a value back to a compile-time constant: literals, <c>const</c>s, strings built only from constants, numbers computed
/// only from constants, and locals or <c>readonly</c> fields whose only assigned value is such a constant.
/// </summary>
internal static class ConstantValues
{
    public static bool TryGetConstantString(IOperation? value, CancellationToken cancellationToken, out string? result)
        => TryGetConstantString(value, new Trace(), cancellationToken, out result);

    /// <summary>Stands for a part not known at compile time in <see cref="TryGetConstantUrl"/>'s result.</summary>
    public const char Hole = StringSyntaxText.Hole;

    /// <summary>
    /// The constant parts of a URL: like <see cref="TryGetConstantString"/>, and also through <c>new Uri(…)</c> (with a relative
    /// part: <c>new Uri(baseUri, "path")</c>), with every operand of a concatenation or interpolation that is not a constant
    /// replaced by <see cref="Hole"/> (<c>$"http://169.254.169.254/latest/meta-data/{path}"</c>). False when nothing is constant.
    /// </summary>
    public static bool TryGetConstantUrl(IOperation? value, CancellationToken cancellationToken, out string? result)
        => TryGetConstantString(value, new Trace { Partial = true }, cancellationToken, out result) && result is not null && result != Hole.ToString();

    /// <summary>
    /// A number known at compile time: a numeric literal or <c>const</c>, arithmetic (<c>+ - * /</c>) of such numbers, or a local or
    /// <c>readonly</c> field (declared in the analysed file) whose only assigned value is one (<c>var days = 8;</c>).
    /// </summary>
    public static bool TryGetConstantNumber(IOperation? value, CancellationToken cancellationToken, out double result)
        => TryGetConstantNumber(value, new Trace(), cancellationToken, out result);

    private delegate bool Evaluate<T>(IOperation? value, Trace trace, CancellationToken cancellationToken, out T result);

    /// <summary>
    /// The locals being traced and a step budget: <c>key = key + "x"</c> or <c>a = b; b = a;</c> (code being typed) must end, and
    /// so must chains that reuse a local many times (<c>a = b + b; b = c + c; …</c>).
    /// </summary>
    private sealed class Trace
    {
        private const int MaxSteps = 256;
        private List<ILocalSymbol>? _locals; // created at the first local: most values are literals or constants
        private int _steps;

        /// <summary>URLs: follow <c>new Uri(…)</c>, and read the constant parts of concatenations and interpolations.</summary>
        public bool Partial { get; set; }

        public bool TryStep() => ++_steps <= MaxSteps;

        public bool TryEnter(ILocalSymbol local)
        {
            _locals ??= new List<ILocalSymbol>();
            foreach (var traced in _locals)
            {
                if (SymbolEqualityComparer.Default.Equals(traced, local))
                {
                    return false;
                }
            }

            _locals.Add(local);
            return true;
        }

        public void Leave() => _locals?.RemoveAt(_locals.Count - 1);
    }

    private static bool TryGetConstantString(IOperation? value, Trace trace, CancellationToken cancellationToken, out string? result)
    {
        result = null;
        if (!trace.TryStep())
        {
            return false;
        }

        if (value is null)
        {
            return false;
        }

        if (value.ConstantValue is { HasValue: true } constant)
        {
            if (constant.Value is string or null)
            {
                result = (string?)constant.Value;
                return true;
            }

            return false;
        }

        var unwrapped = value.WalkDownConversions();
        if (!ReferenceEquals(unwrapped, value) && unwrapped.ConstantValue is { HasValue: true, Value: string or null } inner)
        {
            result = (string?)inner.Value;
            return true;
        }

        switch (unwrapped)
        {
            case ILocalReferenceOperation localReference:
                return TryGetLocalConstant<string?>(localReference, trace, cancellationToken, TryGetConstantString, out result);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                return TryGetReadOnlyFieldConstant(field, unwrapped.SemanticModel, cancellationToken, out result);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary
                when binary.Type?.SpecialType == SpecialType.System_String:
                var hasLeft = TryGetConstantString(binary.LeftOperand, trace, cancellationToken, out var left);
                string? right = null;
                var hasRight = (hasLeft || trace.Partial) && TryGetConstantString(binary.RightOperand, trace, cancellationToken, out right);
                if (hasLeft && hasRight || trace.Partial && (hasLeft || hasRight))
                {
                    result = (hasLeft ? left : Hole.ToString()) + (hasRight ? right : Hole.ToString());
                    return true;
                }

                return false;
            case IObjectCreationOperation { Type: { Name: "Uri", ContainingNamespace.Name: "System" }, Arguments: var arguments } when trace.Partial && arguments.Length > 0:
                return TryGetUri(arguments, trace, cancellationToken, out result);
            case IInterpolatedStringOperation interpolated:
                return TryGetInterpolatedConstant(interpolated, trace, cancellationToken, out result);
            default:
                return false;
        }
    }

    private static bool TryGetConstantNumber(IOperation? value, Trace trace, CancellationToken cancellationToken, out double result)
    {
        result = 0;
        if (value is null || !trace.TryStep())
        {
            return false;
        }

        var unwrapped = value.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true } constant)
        {
            return TryToNumber(constant.Value, out result);
        }

        if (unwrapped.ConstantValue is { HasValue: true } inner)
        {
            return TryToNumber(inner.Value, out result);
        }

        switch (unwrapped)
        {
            case ILocalReferenceOperation localReference:
                return TryGetLocalConstant<double>(localReference, trace, cancellationToken, TryGetConstantNumber, out result);
            case IFieldReferenceOperation { Field: { IsReadOnly: true } field }
                when field.DeclaringSyntaxReferences.Length == 1
                     && unwrapped.SemanticModel is { } model
                     && field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                     && initializer.SyntaxTree == model.SyntaxTree
                     && model.GetConstantValue(initializer, cancellationToken) is { HasValue: true } fieldValue
                     && TryToNumber(fieldValue.Value, out result):
                return !IsAssignedInConstructor(field, cancellationToken);
            case IBinaryOperation binary when TryGetConstantNumber(binary.LeftOperand, trace, cancellationToken, out var left)
                                              && TryGetConstantNumber(binary.RightOperand, trace, cancellationToken, out var right):
                switch (binary.OperatorKind)
                {
                    case BinaryOperatorKind.Add:
                        result = left + right;
                        return true;
                    case BinaryOperatorKind.Subtract:
                        result = left - right;
                        return true;
                    case BinaryOperatorKind.Multiply:
                        result = left * right;
                        return true;
                    case BinaryOperatorKind.Divide when right != 0:
                        result = left / right;
                        return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TryToNumber(object? constant, out double result)
    {
        switch (constant)
        {
            case int or long or short or byte or sbyte or ushort or uint or ulong or float or double or decimal:
                result = System.Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static bool TryGetInterpolatedConstant(IInterpolatedStringOperation interpolated, Trace trace, CancellationToken cancellationToken, out string? result)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string s:
                    builder.Append(s);
                    break;
                case IInterpolationOperation { Alignment: null, FormatString: null } hole
                    when TryGetConstantString(hole.Expression, trace, cancellationToken, out var holeValue):
                    builder.Append(holeValue);
                    break;
                case IInterpolationOperation when trace.Partial:
                    builder.Append(Hole);
                    break;
                default:
                    result = null;
                    return false;
            }
        }

        result = builder.ToString();
        return true;
    }

    /// <summary><c>new Uri(string)</c>, <c>new Uri(string, UriKind)</c>, <c>new Uri(Uri baseUri, string relativeUri)</c>.</summary>
    private static bool TryGetUri(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, Trace trace, CancellationToken cancellationToken, out string? result)
    {
        result = null;
        var first = arguments[0].Value;
        if (!TryGetConstantString(first, trace, cancellationToken, out var uri) || uri is null)
        {
            return false;
        }

        if (arguments.Length < 2 || first.WalkDownConversions().Type?.SpecialType == SpecialType.System_String)
        {
            result = uri;
            return true;
        }

        if (!TryGetConstantString(arguments[1].Value, trace, cancellationToken, out var relative) || relative is null)
        {
            return false;
        }

        // RFC 3986 resolution for the usual shapes: an absolute path replaces the base's path, a relative one its last segment.
        var authority = uri.IndexOf("://", System.StringComparison.Ordinal);
        var pathStart = authority < 0 ? -1 : uri.IndexOf('/', authority + 3);
        if (relative.StartsWith("/", System.StringComparison.Ordinal))
        {
            result = (pathStart < 0 ? uri : uri.Substring(0, pathStart)) + relative;
        }
        else
        {
            var lastSlash = uri.LastIndexOf('/');
            result = (pathStart < 0 ? uri + "/" : uri.Substring(0, lastSlash + 1)) + relative;
        }

        return true;
    }

    /// <summary>A local whose every assignment in its operation block is a constant (and the same constant).</summary>
    private static bool TryGetLocalConstant<T>(ILocalReferenceOperation reference, Trace trace, CancellationToken cancellationToken, Evaluate<T> evaluate, out T result)
    {
        result = default!;
        var local = reference.Local;
        if (local.IsRef || local.IsConst && local.HasConstantValue is false || !trace.TryEnter(local))
        {
            return false;
        }

        try
        {
            return TryGetLocalConstantCore(reference, local, trace, cancellationToken, evaluate, out result);
        }
        finally
        {
            trace.Leave();
        }
    }

    private static bool TryGetLocalConstantCore<T>(ILocalReferenceOperation reference, ILocalSymbol local, Trace trace, CancellationToken cancellationToken, Evaluate<T> evaluate, out T result)
    {
        result = default!;

        var found = false;
        foreach (var operation in reference.GetRoot().DescendantsAndSelf())
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
                        return false; // +=, ??= …
                    }

                    assigned = assignment.Value;
                    break;
                case ILocalReferenceOperation other when SymbolEqualityComparer.Default.Equals(other.Local, local)
                                                         && other.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }:
                    return false;
                case IDeconstructionAssignmentOperation:
                    // Conservative: a deconstruction may write the local.
                    if (ContainsLocalReference(operation, local))
                    {
                        return false;
                    }

                    continue;
                default:
                    continue;
            }

            if (!evaluate(assigned, trace, cancellationToken, out var value) || (found && !EqualityComparer<T>.Default.Equals(value, result)))
            {
                return false;
            }

            result = value;
            found = true;
        }

        return found;
    }

    private static bool ContainsLocalReference(IOperation operation, ILocalSymbol local)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A readonly field initialised with a constant in its declaration and not assigned in any constructor.
    /// Uses the declaring syntax only (no semantic model of another tree): string literals and their concatenation.
    /// </summary>
    private static bool TryGetReadOnlyFieldConstant(IFieldSymbol field, SemanticModel? semanticModel, CancellationToken cancellationToken, out string? result)
    {
        result = null;
        if (field.DeclaringSyntaxReferences.Length != 1 || field.Type.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer })
        {
            return false;
        }

        if (semanticModel is not null && initializer.SyntaxTree == semanticModel.SyntaxTree)
        {
            var constant = semanticModel.GetConstantValue(initializer, cancellationToken);
            if (!constant.HasValue || constant.Value is not string value)
            {
                return false;
            }

            result = value;
        }
        else if (!TryEvaluateLiteral(initializer, out result))
        {
            return false;
        }

        return !IsAssignedInConstructor(field, cancellationToken);
    }

    private static bool TryEvaluateLiteral(ExpressionSyntax expression, out string? result)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                result = literal.Token.ValueText;
                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return TryEvaluateLiteral(parenthesized.Expression, out result);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression)
                                                   && TryEvaluateLiteral(binary.Left, out var left)
                                                   && TryEvaluateLiteral(binary.Right, out var right):
                result = left + right;
                return true;
            default:
                result = null;
                return false;
        }
    }

    /// <summary>A constructor of the field's type assigns it (or passes it by <c>ref</c>/<c>out</c>), judged by name in the constructors' syntax.</summary>
    internal static bool IsAssignedInConstructor(IFieldSymbol field, CancellationToken cancellationToken)
    {
        foreach (var constructor in field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                foreach (var node in syntax.DescendantNodes())
                {
                    if (node is AssignmentExpressionSyntax assignment && GetAssignedName(assignment.Left) == field.Name)
                    {
                        return true;
                    }

                    if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument && GetAssignedName(argument.Expression) == field.Name)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static string? GetAssignedName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } member => member.Name.Identifier.ValueText,
            _ => null,
        };
}
