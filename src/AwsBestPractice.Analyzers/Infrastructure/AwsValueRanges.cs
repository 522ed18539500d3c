using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>An inclusive range of values a service accepts for a parameter.</summary>
internal readonly struct ValueRange
{
    public ValueRange(string parameter, long min, long max)
    {
        Parameter = parameter;
        Min = min;
        Max = max;
    }

    public string Parameter { get; }
    public long Min { get; }
    public long Max { get; }

    public bool Contains(long value) => value >= Min && value <= Max;

    public long Clamp(long value) => value < Min ? Min : value > Max ? Max : value;
}

/// <summary>
/// The AWS model's value ranges that the SDK's symbols do not carry (the SQS service model declares no min/max for these, so the
/// SDK's own analyzers do not check them): request properties by request type, operation arguments by parameter name, and
/// queue attributes by name. Rules ask here; they keep no lists of their own.
/// </summary>
internal static class AwsValueRanges
{
    private static readonly ValueRange WaitTimeSeconds = new("WaitTimeSeconds", 0, 20);
    private static readonly ValueRange MaxNumberOfMessages = new("MaxNumberOfMessages", 1, 10);
    private static readonly ValueRange DelaySeconds = new("DelaySeconds", 0, 900);
    private static readonly ValueRange VisibilityTimeout = new("VisibilityTimeout", 0, 43200);
    private static readonly ValueRange MessageRetentionPeriod = new("MessageRetentionPeriod", 60, 1209600);
    private static readonly ValueRange ReceiveMessageWaitTimeSeconds = new("ReceiveMessageWaitTimeSeconds", 0, 20);

    /// <summary>The names <see cref="ForProperty"/> may know: a symbol-free prefilter.</summary>
    public static bool MayBeRangedProperty(string name)
        => name is "WaitTimeSeconds" or "MaxNumberOfMessages" or "DelaySeconds" or "VisibilityTimeout";

    /// <summary>The range of a property of an SQS request type (<c>Amazon.SQS.Model.ReceiveMessageRequest.WaitTimeSeconds</c>).</summary>
    public static bool ForProperty(IPropertySymbol property, out ValueRange range)
    {
        range = default;
        if (!IsSqsModelType(property.ContainingType))
        {
            return false;
        }

        switch (property.ContainingType.Name, property.Name)
        {
            case ("ReceiveMessageRequest", "WaitTimeSeconds"):
                range = WaitTimeSeconds;
                return true;
            case ("ReceiveMessageRequest", "MaxNumberOfMessages"):
                range = MaxNumberOfMessages;
                return true;
            case ("ReceiveMessageRequest" or "ChangeMessageVisibilityRequest" or "ChangeMessageVisibilityBatchRequestEntry", "VisibilityTimeout"):
                range = VisibilityTimeout;
                return true;
            case ("SendMessageRequest" or "SendMessageBatchRequestEntry", "DelaySeconds"):
                range = DelaySeconds;
                return true;
            default:
                return false;
        }
    }

    /// <summary>The range of an argument of an SQS convenience overload, by parameter name (<c>visibilityTimeout</c>).</summary>
    public static bool ForArgument(IParameterSymbol parameter, out ValueRange range)
    {
        range = parameter.Name switch
        {
            "visibilityTimeout" => VisibilityTimeout,
            "delaySeconds" => DelaySeconds,
            "waitTimeSeconds" => WaitTimeSeconds,
            "maxNumberOfMessages" => MaxNumberOfMessages,
            _ => default,
        };
        return range.Parameter is not null;
    }

    /// <summary>The range of a queue attribute (<c>QueueAttributeName.MessageRetentionPeriod</c> or its string).</summary>
    public static bool ForQueueAttribute(string name, out ValueRange range)
    {
        range = name switch
        {
            "DelaySeconds" => DelaySeconds,
            "VisibilityTimeout" => VisibilityTimeout,
            "MessageRetentionPeriod" => MessageRetentionPeriod,
            "ReceiveMessageWaitTimeSeconds" => ReceiveMessageWaitTimeSeconds,
            _ => default,
        };
        return range.Parameter is not null;
    }

    /// <summary>A type of <c>Amazon.SQS.Model</c> (v3 and v4), compared by name parts.</summary>
    public static bool IsSqsModelType(ITypeSymbol? type)
        => type?.ContainingNamespace is { Name: "Model", ContainingNamespace: { Name: "SQS", ContainingNamespace: { Name: "Amazon", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary><c>Amazon.SQS.QueueAttributeName</c>.</summary>
    public static bool IsQueueAttributeName(ITypeSymbol? type)
        => type is { Name: "QueueAttributeName", ContainingNamespace: { Name: "SQS", ContainingNamespace: { Name: "Amazon", ContainingNamespace.IsGlobalNamespace: true } } };
}
