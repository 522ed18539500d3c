using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Queue configuration written in the same compilation (CreateQueue / SetQueueAttributes attributes).</summary>
internal static class QueueAttributes
{
    /// <summary>
    /// True when some file of the compilation names the queue attribute (<c>QueueAttributeName.ReceiveMessageWaitTimeSeconds</c> or
    /// its string): the project configures its queues, so a receive that leaves the matching request property unset uses the
    /// queue's value. Read once per compilation, and only when a rule is about to report an unset property.
    /// </summary>
    public static bool AnyQueueSets(AwsContext context, string attribute)
        => context.GetOrAdd("QueueAttribute:" + attribute, compilation => new StrongBox(SourceTexts.AnyContainsOrdinal(compilation, attribute))).Value;

    private sealed class StrongBox
    {
        public StrongBox(bool value) => Value = value;

        public bool Value { get; }
    }
}
