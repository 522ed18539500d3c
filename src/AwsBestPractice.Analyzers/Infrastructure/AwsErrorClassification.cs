using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Which AWS service errors an exception type or a filter (a <c>when</c> clause, a Polly predicate) lets through.</summary>
internal enum AwsErrorSelection
{
    /// <summary>The filter does not look at the kind of error (<c>when (attempt &lt; 3)</c>): every error passes, 4xx included.</summary>
    Any,

    /// <summary>Only server errors (5xx) and/or throttling (429, <c>Retryable</c>, <c>ErrorType.Receiver</c>, throttling types).</summary>
    ServerOrThrottling,

    /// <summary>The filter or type selects 4xx client errors (<c>StatusCode == NotFound</c>, <c>ErrorType.Sender</c>, <c>NoSuchKeyException</c>).</summary>
    ClientErrors,

    /// <summary>The filter inspects the error in a way we cannot judge (a user method, <c>ex.Message</c>, an unknown error code).</summary>
    Unknown,
}

/// <summary>The kind of a caught AWS exception type.</summary>
internal enum AwsExceptionKind
{
    /// <summary>Not an <c>AmazonServiceException</c>.</summary>
    None,

    /// <summary><c>AmazonServiceException</c> or a service's base exception (<c>AmazonS3Exception</c>): any status code.</summary>
    Generic,

    /// <summary>A modeled exception that is always a 4xx client error (<c>ResourceNotFoundException</c>, <c>NoSuchKeyException</c>…).</summary>
    ClientError,

    /// <summary>A throttling or server-error exception (<c>ProvisionedThroughputExceededException</c>, <c>InternalServerErrorException</c>…).</summary>
    ServerOrThrottling,

    /// <summary>Another modeled exception (<c>TransactionCanceledException</c>, <c>ResourceInUseException</c>…): not judged.</summary>
    Specific,
}

/// <summary>
/// Classifies AWS exception types and exception filters by the errors they select: 4xx client errors (which fail the same
/// way again when retried) versus server errors and throttling (which are worth retrying). Shared by the retry rules.
/// </summary>
internal static class AwsErrorClassification
{
    public static AwsExceptionKind ClassifyExceptionType(ITypeSymbol? type, AwsSymbols symbols)
    {
        if (type is null || type.TypeKind == TypeKind.Error || !symbols.IsAmazonServiceException(type))
        {
            return AwsExceptionKind.None;
        }

        if (type.IsType(symbols.AmazonServiceException) || type.BaseType.IsType(symbols.AmazonServiceException))
        {
            // AmazonServiceException itself, or a service's base exception (AmazonS3Exception, AmazonDynamoDBException).
            return AwsExceptionKind.Generic;
        }

        if (!IsInAmazonNamespace(type))
        {
            return AwsExceptionKind.Specific; // a user-defined subclass: we do not know what it means
        }

        var name = type.Name;
        if (AwsErrors.ServerOrThrottlingTypeNames.Contains(name) || name.IndexOf("Throttl", StringComparison.Ordinal) >= 0)
        {
            return AwsExceptionKind.ServerOrThrottling;
        }

        return AwsErrors.ClientErrorTypeNames.Contains(name) ? AwsExceptionKind.ClientError : AwsExceptionKind.Specific;
    }

    private static bool IsInAmazonNamespace(ITypeSymbol type)
    {
        var ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: false, Name: "Amazon" };
    }

    /// <summary>
    /// Classifies a boolean filter over the exception <paramref name="exception"/> (the catch variable or the predicate's
    /// parameter). <c>&amp;&amp;</c>, <c>||</c> and <c>!</c> are combined; a part that does not read the exception passes
    /// every error.
    /// </summary>
    public static AwsErrorSelection ClassifyFilter(IOperation? filter, ISymbol? exception, AwsSymbols symbols)
    {
        if (filter is null)
        {
            return AwsErrorSelection.Any;
        }

        var operation = filter.WalkDownConversions();
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } conjunction
                when IsBoolean(conjunction):
                return And(ClassifyFilter(conjunction.LeftOperand, exception, symbols), ClassifyFilter(conjunction.RightOperand, exception, symbols));
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } disjunction
                when IsBoolean(disjunction):
                return Or(ClassifyFilter(disjunction.LeftOperand, exception, symbols), ClassifyFilter(disjunction.RightOperand, exception, symbols));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                return Not(ClassifyFilter(negation.Operand, exception, symbols));
        }

        if (!ReadsException(operation, exception))
        {
            // attempt < 3, !token.IsCancellationRequested, true …: does not look at the error at all.
            return AwsErrorSelection.Any;
        }

        return ClassifyLeaf(operation, exception, symbols);
    }

    private static bool IsBoolean(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

    private static AwsErrorSelection And(AwsErrorSelection left, AwsErrorSelection right)
    {
        if (left == AwsErrorSelection.ClientErrors || right == AwsErrorSelection.ClientErrors)
        {
            return AwsErrorSelection.ClientErrors;
        }

        if (left == AwsErrorSelection.ServerOrThrottling || right == AwsErrorSelection.ServerOrThrottling)
        {
            return AwsErrorSelection.ServerOrThrottling;
        }

        return left == AwsErrorSelection.Unknown || right == AwsErrorSelection.Unknown ? AwsErrorSelection.Unknown : AwsErrorSelection.Any;
    }

    private static AwsErrorSelection Or(AwsErrorSelection left, AwsErrorSelection right)
    {
        if (left == AwsErrorSelection.ClientErrors || right == AwsErrorSelection.ClientErrors)
        {
            return AwsErrorSelection.ClientErrors;
        }

        if (left == AwsErrorSelection.Any || right == AwsErrorSelection.Any)
        {
            return AwsErrorSelection.Any;
        }

        return left == AwsErrorSelection.Unknown || right == AwsErrorSelection.Unknown ? AwsErrorSelection.Unknown : AwsErrorSelection.ServerOrThrottling;
    }

    private static AwsErrorSelection Not(AwsErrorSelection operand) => operand switch
    {
        // !(5xx or throttling) is everything else: the client errors.
        AwsErrorSelection.ServerOrThrottling => AwsErrorSelection.ClientErrors,

        // !(404) still lets 400 through, but !(400..499) would be exact: we cannot tell them apart, so do not judge.
        AwsErrorSelection.ClientErrors => AwsErrorSelection.Unknown,
        _ => operand,
    };

    /// <summary>
    /// True when the catch lets through only "does not exist (yet)" errors: a not-found exception type
    /// (<c>ResourceNotFoundException</c>, <c>NoSuchKeyException</c>, <c>TableNotFoundException</c>…), or a filter whose tests of the
    /// exception all select 404 / <c>NotFound</c> / <c>NoSuchKey</c> / <c>NoSuchBucket</c> / <c>ResourceNotFoundException</c>
    /// (combined with <c>&amp;&amp;</c>, <c>||</c> and conditions that do not read the exception). What an AWS SDK waiter polls for.
    /// </summary>
    public static bool SelectsOnlyNotFound(ITypeSymbol? caughtType, IOperation? filter, ISymbol? exception, AwsSymbols symbols)
    {
        if (caughtType is not null && ClassifyExceptionType(caughtType, symbols) == AwsExceptionKind.ClientError && AwsErrors.IsNotFoundName(caughtType.Name))
        {
            return filter is null || NotFoundTest(filter, exception, symbols) != NotFoundResult.Other;
        }

        return filter is not null && NotFoundTest(filter, exception, symbols) == NotFoundResult.NotFound;
    }

    private enum NotFoundResult
    {
        /// <summary>Does not read the exception (<c>attempt &lt; 10</c>).</summary>
        Neutral,

        /// <summary>Selects a not-found error.</summary>
        NotFound,

        /// <summary>Selects something else, or cannot be judged.</summary>
        Other,
    }

    private static NotFoundResult NotFoundTest(IOperation filter, ISymbol? exception, AwsSymbols symbols)
    {
        var operation = filter.WalkDownConversions();
        if (operation is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } logical
            && IsBoolean(logical))
        {
            var left = NotFoundTest(logical.LeftOperand, exception, symbols);
            var right = NotFoundTest(logical.RightOperand, exception, symbols);
            if (left == NotFoundResult.Other || right == NotFoundResult.Other)
            {
                return NotFoundResult.Other;
            }

            var isOr = logical.OperatorKind is BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or;

            // a || attempt < 3 lets every error through; a && attempt < 3 is still only not-found.
            return isOr && (left == NotFoundResult.Neutral || right == NotFoundResult.Neutral)
                ? NotFoundResult.Other
                : left == NotFoundResult.NotFound || right == NotFoundResult.NotFound ? NotFoundResult.NotFound : NotFoundResult.Neutral;
        }

        if (!ReadsException(operation, exception))
        {
            return NotFoundResult.Neutral;
        }

        return IsNotFoundLeaf(operation, exception, symbols) ? NotFoundResult.NotFound : NotFoundResult.Other;
    }

    /// <summary><c>ex.StatusCode == HttpStatusCode.NotFound</c>, <c>ex.ErrorCode == "NoSuchKey"</c>, <c>ex is { StatusCode: HttpStatusCode.NotFound }</c>.</summary>
    private static bool IsNotFoundLeaf(IOperation operation, ISymbol? exception, AwsSymbols symbols)
    {
        switch (operation)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals:
                var subject = GetSubject(equals.LeftOperand, exception, symbols);
                var other = equals.RightOperand;
                if (subject == Subject.Other)
                {
                    subject = GetSubject(equals.RightOperand, exception, symbols);
                    other = equals.LeftOperand;
                }

                return IsNotFoundValue(subject, other.WalkDownConversions().ConstantValue);
            case IIsPatternOperation { Pattern: IRecursivePatternOperation recursive } isPattern
                when GetSubject(isPattern.Value, exception, symbols) == Subject.Exception:
                return IsNotFoundPattern(recursive, symbols);
            case IIsPatternOperation { Pattern: IConstantPatternOperation constant } isPattern:
                return IsNotFoundValue(GetSubject(isPattern.Value, exception, symbols), constant.Value.WalkDownConversions().ConstantValue);
            default:
                return false;
        }
    }

    private static bool IsNotFoundPattern(IRecursivePatternOperation recursive, AwsSymbols symbols)
    {
        var typeIsNotFound = recursive.MatchedType is { } matched && ClassifyExceptionType(matched, symbols) == AwsExceptionKind.ClientError && AwsErrors.IsNotFoundName(matched.Name);
        var sawNotFound = typeIsNotFound;
        foreach (var subpattern in recursive.PropertySubpatterns)
        {
            if (subpattern.Member is not IPropertyReferenceOperation { Property.Name: var name }
                || subpattern.Pattern is not IConstantPatternOperation constant
                || !IsNotFoundValue(name == "StatusCode" ? Subject.StatusCode : name == "ErrorCode" ? Subject.ErrorCode : Subject.Other, constant.Value.WalkDownConversions().ConstantValue))
            {
                return false;
            }

            sawNotFound = true;
        }

        return sawNotFound;
    }

    private static bool IsNotFoundValue(Subject subject, Optional<object?> constant)
        => constant.HasValue
           && subject switch
           {
               Subject.StatusCode => constant.Value is 404,
               Subject.ErrorCode => constant.Value is string code && AwsErrors.IsNotFoundName(code),
               _ => false,
           };

    /// <summary>True when <paramref name="operation"/> reads the exception local or parameter.</summary>
    public static bool ReadsException(IOperation operation, ISymbol? exception)
    {
        if (exception is null)
        {
            return false;
        }

        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (IsExceptionReference(descendant, exception))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExceptionReference(IOperation? operation, ISymbol exception)
        => operation switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, exception),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, exception),
            _ => false,
        };

    /// <summary>A comparison, pattern or type test that reads the exception.</summary>
    private static AwsErrorSelection ClassifyLeaf(IOperation operation, ISymbol? exception, AwsSymbols symbols)
    {
        // Any use of ex.Retryable (ex.Retryable != null, ex.Retryable?.Throttling == true) selects what the SDK itself
        // considers retryable: server errors and throttling.
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IPropertyReferenceOperation { Property.Name: "Retryable" or "Throttling" } retryable
                && (symbols.IsAmazonServiceException(retryable.Property.ContainingType) || retryable.Property.ContainingType?.Name == "RetryableDetails"))
            {
                return AwsErrorSelection.ServerOrThrottling;
            }
        }

        switch (operation)
        {
            case IBinaryOperation binary:
                return ClassifyComparison(binary, exception, symbols);
            case IIsPatternOperation isPattern:
                return ClassifyPattern(GetSubject(isPattern.Value, exception, symbols), isPattern.Pattern, exception, symbols);
            case IIsTypeOperation isType when IsExceptionReference(isType.ValueOperand.WalkDownConversions(), exception!):
                return FromExceptionKind(ClassifyExceptionType(isType.TypeOperand, symbols));
            default:
                return AwsErrorSelection.Unknown;
        }
    }

    private enum Subject
    {
        Other,
        StatusCode,
        ErrorType,
        ErrorCode,
        Exception,
    }

    private static Subject GetSubject(IOperation? operation, ISymbol? exception, AwsSymbols symbols)
    {
        var value = operation?.WalkDownConversions();
        if (value is IPropertyReferenceOperation property
            && property.Instance is { } instance
            && IsExceptionReference(instance.WalkDownConversions(), exception!)
            && symbols.IsAmazonServiceException(property.Property.ContainingType))
        {
            return property.Property.Name switch
            {
                "StatusCode" => Subject.StatusCode,
                "ErrorType" => Subject.ErrorType,
                "ErrorCode" => Subject.ErrorCode,
                _ => Subject.Other,
            };
        }

        return value is not null && exception is not null && IsExceptionReference(value, exception) ? Subject.Exception : Subject.Other;
    }

    private static AwsErrorSelection ClassifyComparison(IBinaryOperation binary, ISymbol? exception, AwsSymbols symbols)
    {
        var kind = binary.OperatorKind;
        var leftSubject = GetSubject(binary.LeftOperand, exception, symbols);
        Subject subject;
        IOperation constantSide;
        if (leftSubject != Subject.Other)
        {
            subject = leftSubject;
            constantSide = binary.RightOperand;
        }
        else
        {
            subject = GetSubject(binary.RightOperand, exception, symbols);
            constantSide = binary.LeftOperand;
            kind = Mirror(kind);
        }

        switch (subject)
        {
            case Subject.StatusCode when TryGetInt(constantSide, out var status):
                return ClassifyStatus(kind, status);
            case Subject.ErrorType when GetEnumMemberName(constantSide) is { } errorType:
                return ClassifyErrorType(kind == BinaryOperatorKind.Equals, kind == BinaryOperatorKind.NotEquals, errorType);
            case Subject.ErrorCode when kind == BinaryOperatorKind.Equals && constantSide.ConstantValue is { HasValue: true, Value: string code }:
                return ClassifyErrorCode(code);
            default:
                return AwsErrorSelection.Unknown;
        }
    }

    private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        _ => kind,
    };

    private static bool TryGetInt(IOperation? operation, out int value)
    {
        value = 0;
        var constant = operation?.ConstantValue;
        if (constant is not { HasValue: true } && operation is not null)
        {
            constant = operation.WalkDownConversions().ConstantValue;
        }

        if (constant is { HasValue: true, Value: { } boxed })
        {
            try
            {
                value = Convert.ToInt32(boxed, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
            {
                return false;
            }
        }

        return false;
    }

    private static string? GetEnumMemberName(IOperation? operation)
        => operation?.WalkDownConversions() is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } ? field.Name : null;

    private static bool IsThrottleOrServerStatus(int status) => status == 429 || status >= 500;

    private static AwsErrorSelection ClassifyStatus(BinaryOperatorKind kind, int status)
    {
        switch (kind)
        {
            case BinaryOperatorKind.Equals:
                if (IsThrottleOrServerStatus(status))
                {
                    return AwsErrorSelection.ServerOrThrottling;
                }

                // 408 Request Timeout and 409 Conflict (S3 OperationAborted, ConcurrentModification, ResourceConflict) are
                // 4xx codes AWS services document as "try again": not judged.
                if (status is 408 or 409)
                {
                    return AwsErrorSelection.Unknown;
                }

                return status is >= 400 and < 500 ? AwsErrorSelection.ClientErrors : AwsErrorSelection.Unknown;
            case BinaryOperatorKind.NotEquals:
                return AwsErrorSelection.Any;
            case BinaryOperatorKind.GreaterThanOrEqual:
                return status >= 500 ? AwsErrorSelection.ServerOrThrottling : AwsErrorSelection.ClientErrors;
            case BinaryOperatorKind.GreaterThan:
                return status >= 499 ? AwsErrorSelection.ServerOrThrottling : AwsErrorSelection.ClientErrors;
            case BinaryOperatorKind.LessThan:
                return status > 400 ? AwsErrorSelection.ClientErrors : AwsErrorSelection.Unknown;
            case BinaryOperatorKind.LessThanOrEqual:
                return status >= 400 ? AwsErrorSelection.ClientErrors : AwsErrorSelection.Unknown;
            default:
                return AwsErrorSelection.Unknown;
        }
    }

    private static AwsErrorSelection ClassifyErrorType(bool equals, bool notEquals, string member)
    {
        if (!equals && !notEquals)
        {
            return AwsErrorSelection.Unknown;
        }

        return (member, equals) switch
        {
            ("Receiver", true) or ("Sender", false) => AwsErrorSelection.ServerOrThrottling,
            ("Sender", true) or ("Receiver", false) => AwsErrorSelection.ClientErrors,
            _ => AwsErrorSelection.Unknown,
        };
    }

    private static AwsErrorSelection ClassifyErrorCode(string code)
    {
        if (AwsErrors.ServerOrThrottlingErrorCodes.Contains(code))
        {
            return AwsErrorSelection.ServerOrThrottling;
        }

        return AwsErrors.ClientErrorCodes.Contains(code) ? AwsErrorSelection.ClientErrors : AwsErrorSelection.Unknown;
    }

    private static AwsErrorSelection FromExceptionKind(AwsExceptionKind kind) => kind switch
    {
        AwsExceptionKind.ClientError => AwsErrorSelection.ClientErrors,
        AwsExceptionKind.ServerOrThrottling => AwsErrorSelection.ServerOrThrottling,
        _ => AwsErrorSelection.Unknown,
    };

    private static AwsErrorSelection ClassifyPattern(Subject subject, IPatternOperation? pattern, ISymbol? exception, AwsSymbols symbols)
    {
        switch (pattern)
        {
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } orPattern:
                return Or(ClassifyPattern(subject, orPattern.LeftPattern, exception, symbols), ClassifyPattern(subject, orPattern.RightPattern, exception, symbols));
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } andPattern:
                return And(ClassifyPattern(subject, andPattern.LeftPattern, exception, symbols), ClassifyPattern(subject, andPattern.RightPattern, exception, symbols));
            case INegatedPatternOperation negated:
                return Not(ClassifyPattern(subject, negated.Pattern, exception, symbols));
            case IConstantPatternOperation constant:
                return subject switch
                {
                    Subject.StatusCode when TryGetInt(constant.Value, out var status) => ClassifyStatus(BinaryOperatorKind.Equals, status),
                    Subject.ErrorType when GetEnumMemberName(constant.Value) is { } member => ClassifyErrorType(true, false, member),
                    Subject.ErrorCode when constant.Value.ConstantValue is { HasValue: true, Value: string code } => ClassifyErrorCode(code),
                    _ => AwsErrorSelection.Unknown,
                };
            case IRelationalPatternOperation relational when subject == Subject.StatusCode && TryGetInt(relational.Value, out var bound):
                return ClassifyStatus(relational.OperatorKind, bound);
            case ITypePatternOperation typePattern when subject == Subject.Exception:
                return FromExceptionKind(ClassifyExceptionType(typePattern.MatchedType, symbols));
            case IDeclarationPatternOperation declaration when subject == Subject.Exception:
                return FromExceptionKind(ClassifyExceptionType(declaration.MatchedType, symbols));
            case IRecursivePatternOperation recursive when subject == Subject.Exception:
                return ClassifyRecursivePattern(recursive, exception, symbols);
            default:
                return AwsErrorSelection.Unknown;
        }
    }

    /// <summary><c>ex is { StatusCode: HttpStatusCode.NotFound }</c>, <c>ex is AmazonS3Exception { ErrorCode: "NoSuchKey" }</c>.</summary>
    private static AwsErrorSelection ClassifyRecursivePattern(IRecursivePatternOperation recursive, ISymbol? exception, AwsSymbols symbols)
    {
        var result = AwsErrorSelection.Unknown;
        var typeKind = ClassifyExceptionType(recursive.MatchedType, symbols);
        if (typeKind is AwsExceptionKind.ClientError or AwsExceptionKind.ServerOrThrottling)
        {
            result = FromExceptionKind(typeKind);
        }

        var sawProperty = false;
        foreach (var subpattern in recursive.PropertySubpatterns)
        {
            if (subpattern.Member is not IPropertyReferenceOperation { Property: var property } || !symbols.IsAmazonServiceException(property.ContainingType))
            {
                return AwsErrorSelection.Unknown;
            }

            var subject = property.Name switch
            {
                "StatusCode" => Subject.StatusCode,
                "ErrorType" => Subject.ErrorType,
                "ErrorCode" => Subject.ErrorCode,
                "Retryable" => Subject.Other,
                _ => Subject.Other,
            };
            var part = property.Name == "Retryable"
                ? AwsErrorSelection.ServerOrThrottling
                : ClassifyPattern(subject, subpattern.Pattern, exception, symbols);
            result = sawProperty || result != AwsErrorSelection.Unknown ? And(result, part) : part;
            sawProperty = true;
        }

        return result;
    }
}
