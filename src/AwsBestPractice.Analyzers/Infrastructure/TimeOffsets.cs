using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Points in time and durations known at compile time: how far from now an expression of <c>DateTime.UtcNow</c>/<c>Now</c>
/// (or <c>DateTimeOffset</c>) is, through <c>AddDays</c>…<c>AddMilliseconds</c>, <c>Add</c>/<c>Subtract</c>, <c>+</c>/<c>-</c>, and the
/// <c>TimeSpan</c>s they add (<c>TimeSpan.FromX(…)</c>, <c>new TimeSpan(…)</c>), with numbers followed by <see cref="ConstantValues"/>
/// and locals and <c>readonly</c> members holding one value. A rule about lifetimes (presigned URLs, tokens, cache entries)
/// judges the number; resolved once per compilation by the rule's symbol set.
/// </summary>
internal sealed class TimeOffsets
{
    private readonly INamedTypeSymbol? _dateTime;
    private readonly INamedTypeSymbol? _dateTimeOffset;
    private readonly INamedTypeSymbol? _timeSpan;

    private TimeOffsets(INamedTypeSymbol? dateTime, INamedTypeSymbol? dateTimeOffset, INamedTypeSymbol? timeSpan)
    {
        _dateTime = dateTime;
        _dateTimeOffset = dateTimeOffset;
        _timeSpan = timeSpan;
    }

    public static TimeOffsets Create(AwsSymbols aws)
        => new(aws.Compilation.GetSpecialType(SpecialType.System_DateTime), aws.GetType("System.DateTimeOffset"), aws.GetType("System.TimeSpan"));

    /// <summary><c>DateTime</c> or <c>DateTimeOffset</c>.</summary>
    public bool IsDateTime(ITypeSymbol? type)
        => SymbolEqualityComparer.Default.Equals(type, _dateTime) || SymbolEqualityComparer.Default.Equals(type, _dateTimeOffset);

    /// <summary><c>DateTime.UtcNow</c>, <c>DateTime.Now</c> (or the <c>DateTimeOffset</c> ones), written as such.</summary>
    public bool IsNow(IOperation operation)
        => operation.WalkDownConversions() is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "UtcNow" or "Now" } property } && IsDateTime(property.ContainingType);

    /// <summary>How many seconds from now <paramref name="value"/> is, when that is known at compile time.</summary>
    public bool TryGetOffsetFromNow(IOperation value, CancellationToken cancellationToken, out double seconds)
        => TryGetOffset(value, cancellationToken, 0, out seconds);

    /// <summary>The length of a <c>TimeSpan</c> in seconds, when it is known at compile time.</summary>
    public bool TryGetTimeSpan(IOperation value, CancellationToken cancellationToken, out double seconds)
        => TryGetSpan(value, cancellationToken, 0, out seconds);

    /// <summary>How far from now <paramref name="value"/> is, in seconds, when it is <c>Now</c>/<c>UtcNow</c> plus constant offsets.</summary>
    private bool TryGetOffset(IOperation value, CancellationToken cancellationToken, int depth, out double seconds)
    {
        seconds = 0;
        var unwrapped = value.WalkDownConversions();
        switch (unwrapped)
        {
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "UtcNow" or "Now" } property } when IsDateTime(property.ContainingType):
                return true;
            case IPropertyReferenceOperation { Property: { IsStatic: false, Name: "UtcDateTime" or "DateTime" or "LocalDateTime" } property, Instance: { } instance }
                when IsDateTime(property.ContainingType):
                return TryGetOffset(instance, cancellationToken, depth, out seconds);
            case IInvocationOperation { TargetMethod: { IsStatic: false } method, Instance: { } instance, Arguments.Length: 1 } call when IsDateTime(method.ContainingType):
                double step;
                if (UnitSeconds(method.Name.StartsWith("Add", StringComparison.Ordinal) ? method.Name.Substring(3) : string.Empty) is { } unit
                    && ConstantValues.TryGetConstantNumber(call.Arguments[0].Value, cancellationToken, out var count))
                {
                    step = count * unit;
                }
                else if (method.Name is "Add" or "Subtract" && TryGetSpan(call.Arguments[0].Value, cancellationToken, depth, out var span))
                {
                    step = method.Name == "Add" ? span : -span;
                }
                else
                {
                    return false;
                }

                if (!TryGetOffset(instance, cancellationToken, depth, out seconds))
                {
                    return false;
                }

                seconds += step;
                return true;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract } binary
                when TryGetOffset(binary.LeftOperand, cancellationToken, depth, out var left)
                     && TryGetSpan(binary.RightOperand, cancellationToken, depth, out var right):
                seconds = binary.OperatorKind == BinaryOperatorKind.Add ? left + right : left - right;
                return true;
            case ILocalReferenceOperation local when depth < 4 && ClientConfiguration.SingleLocalValue(local.Local, unwrapped.GetRoot(), cancellationToken) is { } single:
                return TryGetOffset(single, cancellationToken, depth + 1, out seconds);
            default:
                return false;
        }
    }

    /// <summary>A <c>TimeSpan</c> known at compile time, in seconds: <c>TimeSpan.FromX(constant)</c>, <c>new TimeSpan(…)</c>, or a local or <c>readonly</c> member holding one.</summary>
    private bool TryGetSpan(IOperation value, CancellationToken cancellationToken, int depth, out double seconds)
    {
        seconds = 0;
        var unwrapped = value.WalkDownConversions();
        switch (unwrapped)
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true } method, Arguments: { Length: > 0 } arguments } when SymbolEqualityComparer.Default.Equals(method.ContainingType, _timeSpan)
                                                                                                                        && method.Name.StartsWith("From", StringComparison.Ordinal)
                                                                                                                        && UnitSeconds(method.Name.Substring(4)) is { } unit:
                for (var i = 1; i < arguments.Length; i++)
                {
                    if (arguments[i].ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return false;
                    }
                }

                if (!ConstantValues.TryGetConstantNumber(arguments[0].Value, cancellationToken, out var count))
                {
                    return false;
                }

                seconds = count * unit;
                return true;
            case IObjectCreationOperation { Arguments: var parts } creation when SymbolEqualityComparer.Default.Equals(creation.Type, _timeSpan) && parts.Length is 1 or 3 or 4 or 5:
                var scale = parts.Length switch
                {
                    1 => new[] { 1e-7 },
                    3 => new[] { 3600d, 60, 1 },
                    4 => new[] { 86400d, 3600, 60, 1 },
                    _ => new[] { 86400d, 3600, 60, 1, 0.001 },
                };
                for (var i = 0; i < parts.Length; i++)
                {
                    if (!ConstantValues.TryGetConstantNumber(parts[i].Value, cancellationToken, out var part))
                    {
                        return false;
                    }

                    seconds += part * scale[i];
                }

                return true;
            case ILocalReferenceOperation local when depth < 4 && ClientConfiguration.SingleLocalValue(local.Local, unwrapped.GetRoot(), cancellationToken) is { } single:
                return TryGetSpan(single, cancellationToken, depth + 1, out seconds);
            case IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } member when depth < 4
                                                                                                  && ClientConfiguration.SingleMemberValue(member.Member, unwrapped.SemanticModel, cancellationToken) is { } memberValue:
                return TryGetSpan(memberValue, cancellationToken, depth + 1, out seconds);
            default:
                return false;
        }
    }

    public static double? UnitSeconds(string unit)
        => unit switch
        {
            "Days" => 86400,
            "Hours" => 3600,
            "Minutes" => 60,
            "Seconds" => 1,
            "Milliseconds" => 0.001,
            _ => null,
        };
}
