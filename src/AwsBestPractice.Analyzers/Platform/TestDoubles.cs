using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Calls written only to configure or verify a test double, which never reach AWS: Moq (<c>mock.Setup(x =&gt; x.ReceiveMessageAsync(…))</c>,
/// <c>Verify</c>), NSubstitute (<c>sqs.Received().ReceiveMessageAsync(…)</c>, <c>sqs.ReceiveMessageAsync(…).Returns(…)</c>) and
/// FakeItEasy (<c>A.CallTo(() =&gt; sqs.ReceiveMessageAsync(…))</c>).
/// </summary>
internal static class TestDoubles
{
    private static readonly string[] TestFrameworkAttributes =
    {
        "Xunit.FactAttribute",
        "NUnit.Framework.TestAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute",
    };

    private static readonly object TestProjectKey = new();

    /// <summary>
    /// A test project: it references xUnit, NUnit, MSTest or TUnit (a test attribute declared in another assembly). Its code builds
    /// clients and requests for one test run, against fakes, emulators or throw-away resources; rules that say so report nothing in
    /// it. Computed once per compilation.
    /// </summary>
    public static bool IsTestProject(AwsContext context)
        => context.GetOrAdd(TestProjectKey, static compilation => (object)IsTestProject(compilation)) is true;

    /// <summary><see cref="IsTestProject(AwsContext)"/>, computed (for a symbol set built once per compilation).</summary>
    public static bool IsTestProject(Compilation compilation)
    {
        foreach (var name in TestFrameworkAttributes)
        {
            if (AwsSymbols.GetType(compilation, name) is { } attribute && !SymbolEqualityComparer.Default.Equals(attribute.ContainingAssembly, compilation.Assembly))
            {
                return true;
            }
        }

        return false;
    }

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
