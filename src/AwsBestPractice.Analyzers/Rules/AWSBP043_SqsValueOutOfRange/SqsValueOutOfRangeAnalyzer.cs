using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.SqsValueOutOfRange;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// AWSBP043: a constant SQS parameter outside the range SQS accepts (<see cref="AwsValueRanges"/>): request properties
/// (<c>WaitTimeSeconds = 30</c>), arguments of convenience overloads, and queue attributes (<c>MessageRetentionPeriod</c>).
/// SQS rejects the request at run time.
/// </summary>
public sealed class SqsValueOutOfRangeAnalyzer : AwsRule
{
    /// <summary>Diagnostic property: the clamped value's source text (<c>20</c>, <c>"1209600"</c>); absent when no fix is offered.</summary>
    internal const string ClampedKey = "Clamped";

    internal static readonly DiagnosticDescriptor Rule = RuleCatalog.Descriptor(
        "AWSBP043",
        "{0} = {1} is outside the range SQS accepts ({2}–{3}); the request fails with an invalid-parameter error",
        "SQS accepts WaitTimeSeconds 0–20, MaxNumberOfMessages 1–10, DelaySeconds 0–900 (15 minutes), VisibilityTimeout 0–43200 "
        + "(12 hours) and MessageRetentionPeriod 60–1209600 (1 minute to 14 days); a value outside the range fails the request at run time.");

    public SqsValueOutOfRangeAnalyzer()
        : base(Rule)
    {
    }

    internal override RuleGate Gate { get; } = RuleGate.Service("AWSSDK.SQS");

    internal override void Register(RuleRegistration registration)
    {
        // Request properties, in initializers and later assignments: the property name first, no symbol needed.
        registration.RegisterOperationAction(
            registration.Context.Aws,
            static operation => operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: var name } } && AwsValueRanges.MayBeRangedProperty(name),
            static (ctx, _) =>
            {
                var assignment = (ISimpleAssignmentOperation)ctx.Operation;
                if (AwsValueRanges.ForProperty(((IPropertyReferenceOperation)assignment.Target).Property, out var range))
                {
                    Check(ctx, assignment.Value, range, isString: false);
                }
            },
            OperationKind.SimpleAssignment);

        // Queue attributes: { [QueueAttributeName.MessageRetentionPeriod] = "…" }, { { "DelaySeconds", "…" } }, attributes.Add(…).
        registration.RegisterOperationAction(
            registration.Context.Aws,
            static operation => operation is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 2 }
                                || operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } },
            static (ctx, _) =>
            {
                var (key, value) = ctx.Operation switch
                {
                    IInvocationOperation add => (add.Arguments[0].Value, add.Arguments[1].Value),
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Arguments.Length: 1 } indexer } set => (indexer.Arguments[0].Value, set.Value),
                    _ => (null!, null!),
                };
                if (key is not null && QueueAttributeName(key) is { } name && AwsValueRanges.ForQueueAttribute(name, out var range))
                {
                    Check(ctx, value, range, isString: true);
                }
            },
            OperationKind.Invocation,
            OperationKind.SimpleAssignment);

        // Convenience overloads: ChangeMessageVisibilityAsync(queueUrl, receiptHandle, visibilityTimeout).
        registration.RegisterServiceCall("SQS", new[] { "ChangeMessageVisibility", "SendMessage", "ReceiveMessage" }, static (ctx, call) =>
        {
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && AwsValueRanges.ForArgument(parameter, out var range))
                {
                    Check(ctx, argument.Value, range, isString: false);
                }
            }
        });
    }

    /// <summary>
    /// The attribute a dictionary key names, when the dictionary is certainly SQS queue attributes: the key is
    /// <c>QueueAttributeName.X</c>, or a string key of a dictionary created as a CreateQueue/SetQueueAttributes request's
    /// <c>Attributes</c> or passed straight to an SQS call.
    /// </summary>
    private static string? QueueAttributeName(IOperation key)
    {
        if (key.WalkDownConversions() is IFieldReferenceOperation { Field: { IsStatic: true } field } && AwsValueRanges.IsQueueAttributeName(field.ContainingType))
        {
            return field.Name;
        }

        if (key.WalkDownConversions().ConstantValue is not { HasValue: true, Value: string name })
        {
            return null;
        }

        var dictionary = key.Parent?.Parent switch
        {
            IInvocationOperation { Instance: IInstanceReferenceOperation, Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } => creation,
            IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation } } } => creation,
            _ => null,
        };
        var use = dictionary.WalkUpConversions();
        var isQueueAttributes = use switch
        {
            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Attributes" } property } } => AwsValueRanges.IsSqsModelType(property.ContainingType),
            IArgumentOperation { Parent: IInvocationOperation { TargetMethod.ContainingType: var client } } => client?.ContainingNamespace is { Name: "SQS", ContainingNamespace.Name: "Amazon" },
            _ => false,
        };
        return isQueueAttributes ? name : null;
    }

    private static void Check(OperationAnalysisContext context, IOperation value, ValueRange range, bool isString)
    {
        var constant = value.WalkDownConversions().ConstantValue;
        long number;
        if (!constant.HasValue
            || (isString
                ? constant.Value is not string text || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number)
                : !RequestObjects.TryGetInteger(constant.Value, out number))
            || range.Contains(number))
        {
            return;
        }

        // The fix replaces literals (and expressions of literals) only: a named constant may have other uses.
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (!ReferencesNamedValue(value))
        {
            var clamped = range.Clamp(number).ToString(CultureInfo.InvariantCulture);
            properties = properties.Add(ClampedKey, isString ? "\"" + clamped + "\"" : clamped);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Rule,
            value.WalkDownConversions().Syntax.GetLocation(),
            properties,
            range.Parameter,
            number.ToString(CultureInfo.InvariantCulture),
            range.Min.ToString(CultureInfo.InvariantCulture),
            range.Max.ToString(CultureInfo.InvariantCulture)));
    }

    private static bool ReferencesNamedValue(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            if (operation is IFieldReferenceOperation or ILocalReferenceOperation or IParameterReferenceOperation or IPropertyReferenceOperation or IInvocationOperation)
            {
                return true;
            }
        }

        return false;
    }
}
