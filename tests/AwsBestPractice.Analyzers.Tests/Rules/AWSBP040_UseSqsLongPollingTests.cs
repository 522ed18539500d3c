using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseSqsLongPolling.UseSqsLongPollingAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseSqsLongPolling.UseSqsLongPollingFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class UseSqsLongPollingTests
{
    private const string Loop = """
        var cancellationToken = CancellationToken.None;
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await sqs.ReceiveMessageAsync(request, cancellationToken);
            foreach (var message in response.Messages ?? [])
            {
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);
            }
        }
        """;

    private static readonly string FlaggedLoop = Loop.Replace("await sqs.ReceiveMessageAsync(request, cancellationToken)", "await [|sqs.ReceiveMessageAsync(request, cancellationToken)|]");

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 }")]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1 }")]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = int.Parse(Environment.GetEnvironmentVariable(\"WAIT\") ?? \"20\") }")]
    [InlineData("new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = waitSeconds }")]
    public Task ALongPollOrAValueFromConfigurationIsNotFlagged(string creation)
        => Verify.VerifyAnalyzerAsync(Code.InMethod($"var request = {creation};\n" + Loop, "IAmazonSQS sqs, string queueUrl, int waitSeconds"));

    [Fact]
    public Task AZeroOnOneBranchOnlyIsADeliberateShortPoll()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 };
            if (draining)
            {
                request.WaitTimeSeconds = 0;
            }

            """ + Loop, "IAmazonSQS sqs, string queueUrl, bool draining"));

    [Fact]
    public Task ARequestTheMethodDidNotCreateIsUnknown()
        => Verify.VerifyAnalyzerAsync(Code.InMethod(Loop, "IAmazonSQS sqs, string queueUrl, ReceiveMessageRequest request"));

    [Fact]
    public Task AQueueConfiguredForLongPollingInTheProjectLeavesAnUnsetWaitToTheQueue()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl };\n" + Loop, members: """
            public Task CreateAsync(IAmazonSQS sqs) => sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = "orders",
                Attributes = new Dictionary<string, string> { [QueueAttributeName.ReceiveMessageWaitTimeSeconds] = "20" },
            });

            """));

    [Fact]
    public Task AFakeOfTheUsersOwnIsNotAClient()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            var response = await fake.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl });
            """, "FakeSqs fake, string queueUrl", members: """
            public abstract class FakeSqs
            {
                public abstract Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default);
                public abstract Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default);
            }

            """));

    [Fact]
    public Task ARequestBuiltForATestDoubleIsNotACall()
        => Verify.VerifyAnalyzerAsync(Code.InMethod("""
            mock.Setup(s => s.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl }, default));
            """, "Mock<IAmazonSQS> mock, string queueUrl", members: """
            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task AnUnsetWaitIsFlaggedOnTheRequestAndFixedInItsInitializer()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10 };\n" + FlaggedLoop),
            Code.InMethod("var request = new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 20 };\n" + Loop));

    [Fact]
    public Task AMultiLineInitializerKeepsItsLayoutAndComments()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var request = new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl, // the orders queue
                    MaxNumberOfMessages = 10
                };

                """ + FlaggedLoop),
            Code.InMethod("""
                var request = new ReceiveMessageRequest
                {
                    QueueUrl = queueUrl, // the orders queue
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = 20
                };

                """ + Loop));

    [Fact]
    public Task AZeroSetOnEveryPathIsReplaced()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl };
                request.WaitTimeSeconds = 0;

                """ + FlaggedLoop),
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl };
                request.WaitTimeSeconds = 20;

                """ + Loop));

    [Fact]
    public Task TheQueueUrlOverloadBecomesARequest()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("var response = await [|sqs.ReceiveMessageAsync(queueUrl)|];", usings: "using System.Threading.Tasks;\nusing Amazon.SQS;"),
            Code.InMethod("var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });", usings: "using System.Threading.Tasks;\nusing Amazon.SQS;\nusing Amazon.SQS.Model;"));

    [Fact]
    public Task ANamedQueueUrlArgumentIsReportedWithoutAFix()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("var response = await [|sqs.ReceiveMessageAsync(queueUrl: queueUrl)|];"),
            Code.InMethod("var response = await [|sqs.ReceiveMessageAsync(queueUrl: queueUrl)|];"));

    [Fact]
    public Task OneRequestReceivedTwiceIsFixedOnceUnderFixAll()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                Code.InMethod("var cancellationToken = CancellationToken.None;\nvar request = new ReceiveMessageRequest { QueueUrl = queueUrl };\nvar first = await [|sqs.ReceiveMessageAsync(request)|];\n" + Code.InLoop("var next = await [|sqs.ReceiveMessageAsync(request)|];")),
            },
            new[]
            {
                Code.InMethod("var cancellationToken = CancellationToken.None;\nvar request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 };\nvar first = await sqs.ReceiveMessageAsync(request);\n" + Code.InLoop("var next = await sqs.ReceiveMessageAsync(request);")),
            });

    [Fact]
    public Task AConstructorArgumentRequestGetsAnInitializer()
        => Verify.VerifyCodeFixAsync(
            Code.InLambdaHandler("""
                var response = await [|Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl))|];
                return response.Messages?.FirstOrDefault()?.Body ?? "";
                """),
            Code.InLambdaHandler("""
                var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl) { WaitTimeSeconds = 20 });
                return response.Messages?.FirstOrDefault()?.Body ?? "";
                """));

    [Fact]
    public Task FixAllSetsEveryRequestOfTheDocument()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                Code.InMethod("""
                    var first = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl })|];
                    var second = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 0 })|];
                    """),
            },
            new[]
            {
                Code.InMethod("""
                    var first = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });
                    var second = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 });
                    """),
            });

    [Fact]
    public Task SdkV3SyncReceiveWithZeroIsFlaggedAndFixed()
        => Verify.VerifyCodeFixAsync(
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 0 };
                var response = [|sqs.ReceiveMessage(request)|];
                foreach (var message in response.Messages) { }
                """),
            Code.InMethod("""
                var request = new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 20 };
                var response = sqs.ReceiveMessage(request);
                foreach (var message in response.Messages) { }
                """),
            AwsSdk.V3);

    [Fact]
    public Task AReceiveInAControllerActionIsFlaggedToo()
        => Verify.VerifyAnalyzerAsync(Code.InControllerAction("""
            var sqs = HttpContextSqs;
            var response = await [|sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = id })|];
            return Ok();
            """, members: "private IAmazonSQS HttpContextSqs => null!;\n"));
}
