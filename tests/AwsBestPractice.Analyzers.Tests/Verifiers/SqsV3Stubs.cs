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
                Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default);
                Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default);
                Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(string queueUrl, string receiptHandle, int visibilityTimeout, CancellationToken cancellationToken = default);
                Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken = default);
                Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default);
                Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default);
                Task<ChangeMessageVisibilityBatchResponse> ChangeMessageVisibilityBatchAsync(ChangeMessageVisibilityBatchRequest request, CancellationToken cancellationToken = default);
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
                public string MessageGroupId { get; set; }
                public string MessageDeduplicationId { get; set; }
                public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = new Dictionary<string, MessageAttributeValue>();
            }

            public class MessageAttributeValue
            {
                public string DataType { get; set; }
                public string StringValue { get; set; }
            }

            public class SendMessageResponse : AmazonWebServiceResponse { }

            public class DeleteMessageRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public string ReceiptHandle { get; set; }
            }

            public class DeleteMessageResponse : AmazonWebServiceResponse { }

            public class ChangeMessageVisibilityRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public string ReceiptHandle { get; set; }
                public int VisibilityTimeout { get; set; }
            }

            public class ChangeMessageVisibilityResponse : AmazonWebServiceResponse { }

            public class SendMessageBatchRequestEntry
            {
                public string Id { get; set; }
                public string MessageBody { get; set; }
                public int DelaySeconds { get; set; }
                public string MessageGroupId { get; set; }
                public string MessageDeduplicationId { get; set; }
                public Dictionary<string, MessageAttributeValue> MessageAttributes { get; set; } = new Dictionary<string, MessageAttributeValue>();
            }

            public class SendMessageBatchRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public List<SendMessageBatchRequestEntry> Entries { get; set; } = new List<SendMessageBatchRequestEntry>();
            }

            public class DeleteMessageBatchRequestEntry
            {
                public string Id { get; set; }
                public string ReceiptHandle { get; set; }
            }

            public class DeleteMessageBatchRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public List<DeleteMessageBatchRequestEntry> Entries { get; set; } = new List<DeleteMessageBatchRequestEntry>();
            }

            public class ChangeMessageVisibilityBatchRequestEntry
            {
                public string Id { get; set; }
                public string ReceiptHandle { get; set; }
                public int VisibilityTimeout { get; set; }
            }

            public class ChangeMessageVisibilityBatchRequest : AmazonWebServiceRequest
            {
                public string QueueUrl { get; set; }
                public List<ChangeMessageVisibilityBatchRequestEntry> Entries { get; set; } = new List<ChangeMessageVisibilityBatchRequestEntry>();
            }

            public class BatchResultErrorEntry
            {
                public string Id { get; set; }
                public string Code { get; set; }
                public string Message { get; set; }
                public bool SenderFault { get; set; }
            }

            public class SendMessageBatchResponse : AmazonWebServiceResponse
            {
                public List<BatchResultErrorEntry> Failed { get; set; } = new List<BatchResultErrorEntry>();
            }

            public class DeleteMessageBatchResponse : AmazonWebServiceResponse
            {
                public List<BatchResultErrorEntry> Failed { get; set; } = new List<BatchResultErrorEntry>();
            }

            public class ChangeMessageVisibilityBatchResponse : AmazonWebServiceResponse
            {
                public List<BatchResultErrorEntry> Failed { get; set; } = new List<BatchResultErrorEntry>();
            }
        }
        """;
}
