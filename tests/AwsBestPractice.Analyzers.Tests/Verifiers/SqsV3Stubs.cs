namespace AwsBestPractice.Analyzers.Tests.Verifiers;

/// <summary>
/// AWSSDK.SQS 3.7.x is not served here: these are the v3 SQS types the tests need, with their real full names and v3 shapes
/// (non-nullable <c>int</c> properties, sync and async methods), compiled against the real AWSSDK.Core 3.7 into an assembly
/// named AWSSDK.SQS.
/// </summary>
public static class SqsV3Stubs
{
    public const string Source = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.Runtime;
        using Amazon.SQS.Model;

        namespace Amazon.SQS
        {
            public interface IAmazonSQS : IAmazonService, System.IDisposable
            {
                ReceiveMessageResponse ReceiveMessage(ReceiveMessageRequest request);
                ReceiveMessageResponse ReceiveMessage(string queueUrl);
                Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default);
                Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default);
                Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default);
                Task<DeleteMessageResponse> DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default);
            }

            public class QueueAttributeName : ConstantClass
            {
                public static readonly QueueAttributeName MessageRetentionPeriod = new QueueAttributeName("MessageRetentionPeriod");
                public static readonly QueueAttributeName ReceiveMessageWaitTimeSeconds = new QueueAttributeName("ReceiveMessageWaitTimeSeconds");
                public QueueAttributeName(string value) : base(value) { }
                public static implicit operator QueueAttributeName(string value) => new QueueAttributeName(value);
            }
        }

        namespace Amazon.SQS.Model
        {
            public class ReceiveMessageRequest : AmazonWebServiceRequest
            {
                public ReceiveMessageRequest() { }
                public ReceiveMessageRequest(string queueUrl) { QueueUrl = queueUrl; }
                public string QueueUrl { get; set; }
                public int WaitTimeSeconds { get; set; }
                public int MaxNumberOfMessages { get; set; }
                public int VisibilityTimeout { get; set; }
            }

            public class ReceiveMessageResponse : AmazonWebServiceResponse
            {
                public List<Message> Messages { get; set; } = new List<Message>();
            }

            public class Message
            {
                public string Body { get; set; }
                public string ReceiptHandle { get; set; }
            }

            public class SendMessageRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public string MessageBody { get; set; }
                public int DelaySeconds { get; set; }
            }

            public class SendMessageResponse : AmazonWebServiceResponse { }

            public class DeleteMessageResponse : AmazonWebServiceResponse { }
        }
        """;
}
