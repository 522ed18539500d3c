using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Calls written only to configure or verify a test double, which never reach AWS: Moq (<c>mock.Setup(x =&gt; x.ReceiveMessageAsync(…))</c>,
/// <c>Verify</c>), NSubstitute (<c>sqs.Received().ReceiveMessageAsync(…)</c>, <c>sqs.ReceiveMessageAsync(…).Returns(…)</c>) and
/// FakeItEasy (<c>A.CallTo(() =&gt; sqs.ReceiveMessageAsync(…))</c>).
/// </summary>
internal static class TestDoubles
{
    public static bool IsSetUp(IInvocationOperation call)
    {
        if (call.Instance?.WalkDownConversions() is IInvocationOperation { TargetMethod.Name: "Received" or "DidNotReceive" or "ReceivedWithAnyArgs" or "DidNotReceiveWithAnyArgs" })
        {
            return true;
        }

        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: var name } }
                    when name is "Setup" or "SetupSequence" or "SetupGet" or "Verify" or "VerifyGet" or "Returns" or "ReturnsAsync"
                        or "ReturnsForAnyArgs" or "Throws" or "ThrowsAsync" or "CallTo" or "When":
                    return true;
                case IMethodBodyOperation or IConstructorBodyOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }
}
