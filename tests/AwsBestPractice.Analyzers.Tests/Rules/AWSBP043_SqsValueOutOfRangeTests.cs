using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.SqsValueOutOfRange.SqsValueOutOfRangeAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.SqsValueOutOfRange.SqsValueOutOfRangeFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class SqsValueOutOfRangeTests
{
    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 10, VisibilityTimeout = 43200 }")]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = seconds, MaxNumberOfMessages = seconds * 2 }")]
    [InlineData("new SendMessageRequest { QueueUrl = queueUrl, MessageBody = \"x\", DelaySeconds = 900 }")]
    [InlineData("new SendMessageRequest { QueueUrl = queueUrl, MessageBody = \"x\", DelaySeconds = (int)TimeSpan.FromMinutes(20).TotalSeconds }")]
    [InlineData("new Unrelated { WaitTimeSeconds = 60, DelaySeconds = 5000 }")]
    public Task ValuesInRangeOrNotConstantAreNotFlagged(string creation)
        => Verify.VerifyAnalyzerAsync(Code.InMethod($"var request = {creation};", "IAmazonSQS sqs, string queueUrl, int seconds", members: """
            public sealed class Unrelated { public int WaitTimeSeconds { get; set; } public int DelaySeconds { get; set; } }

            """));

    [Fact]
    public Task AttributesOfAnotherDictionaryAreNotQueueAttributes()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var settings = new Dictionary<string, string> { ["MessageRetentionPeriod"] = "99999999" };
            settings.Add("DelaySeconds", "5000");
            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task RequestPropertiesOutOfRangeAreClamped()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = {|#0:30|}, MaxNumberOfMessages = {|#1:0|} };
                request.VisibilityTimeout = {|#2:60 * 60 * 24|};
                await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = "x", DelaySeconds = {|#3:1800|} });
                await sqs.ChangeMessageVisibilityAsync(queueUrl, "handle", {|#4:50000|});
                """),
            new[]
            {
                Verify.Diagnostic("AWSBP043").WithLocation(0).WithArguments("WaitTimeSeconds", "30", "0", "20"),
                Verify.Diagnostic("AWSBP043").WithLocation(1).WithArguments("MaxNumberOfMessages", "0", "1", "10"),
                Verify.Diagnostic("AWSBP043").WithLocation(2).WithArguments("VisibilityTimeout", "86400", "0", "43200"),
                Verify.Diagnostic("AWSBP043").WithLocation(3).WithArguments("DelaySeconds", "1800", "0", "900"),
                Verify.Diagnostic("AWSBP043").WithLocation(4).WithArguments("VisibilityTimeout", "50000", "0", "43200"),
            },
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 1 };
                request.VisibilityTimeout = 43200;
                await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queueUrl, MessageBody = "x", DelaySeconds = 900 });
                await sqs.ChangeMessageVisibilityAsync(queueUrl, "handle", 43200);
                """));

    [Fact]
    public Task QueueAttributesOutOfRangeAreClamped()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                await sqs.CreateQueueAsync(new CreateQueueRequest
                {
                    QueueName = "orders",
                    Attributes = new Dictionary<string, string>
                    {
                        [QueueAttributeName.MessageRetentionPeriod] = [|"2592000"|], // 30 days
                        ["ReceiveMessageWaitTimeSeconds"] = [|"25"|],
                        ["DelaySeconds"] = "0",
                    },
                });
                await sqs.SetQueueAttributesAsync(queueUrl, new Dictionary<string, string> { { "MessageRetentionPeriod", [|"30"|] } });
                """),
            Code.InMethod("""
                await sqs.CreateQueueAsync(new CreateQueueRequest
                {
                    QueueName = "orders",
                    Attributes = new Dictionary<string, string>
                    {
                        [QueueAttributeName.MessageRetentionPeriod] = "1209600", // 30 days
                        ["ReceiveMessageWaitTimeSeconds"] = "20",
                        ["DelaySeconds"] = "0",
                    },
                });
                await sqs.SetQueueAttributesAsync(queueUrl, new Dictionary<string, string> { { "MessageRetentionPeriod", "60" } });
                """));

    [Fact]
    public Task ANamedConstantIsReportedWithoutAFix()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = [|MaxWait|] };", members: "private const int MaxWait = 60;\n"),
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = [|MaxWait|] };", members: "private const int MaxWait = 60;\n"));

    [Fact]
    public Task SdkV3IntPropertiesAreClampedToo()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = [|30|], MaxNumberOfMessages = 10 };"),
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20, MaxNumberOfMessages = 10 };"),
            AwsSdk.V3);
}
