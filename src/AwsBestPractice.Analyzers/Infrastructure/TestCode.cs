using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Test projects: a compilation that references xUnit, NUnit, MSTest or TUnit (their test attribute comes from another
/// assembly). Test code talks to fakes, emulators and throw-away resources for one run; rules about production code (client
/// reuse, policies, instance metadata) report nothing there.
/// </summary>
internal static class TestCode
{
    private static readonly string[] TestFrameworkAttributes =
    {
        "Xunit.FactAttribute",
        "NUnit.Framework.TestAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute",
    };

    /// <summary>True when the compilation references a test framework (looked up once per compilation and shared by every rule).</summary>
    public static bool IsTestProject(AwsContext context)
        => context.GetOrAdd(typeof(TestCode), static compilation => (object)IsTestProject(compilation)) is true;

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
}
