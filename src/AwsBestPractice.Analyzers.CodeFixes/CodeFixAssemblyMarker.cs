namespace AwsBestPractice.Analyzers.CodeFixes;

/// <summary>Lets tests and tools find this assembly without naming a particular fixer.</summary>
internal static class CodeFixAssemblyMarker
{
}
