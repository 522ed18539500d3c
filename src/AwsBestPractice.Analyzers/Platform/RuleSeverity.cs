using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Whether the user turned a rule off for a file, read the way the compiler reads it: the rule's ID in the file's
/// <c>.editorconfig</c>, then in a global config, then the compilation's options (<c>/nowarn</c>, a rule set), then the category
/// (<c>dotnet_analyzer_diagnostic.category-Cost.severity</c>) and all analyzers (<c>dotnet_analyzer_diagnostic.severity</c>).
/// Only used to skip work: when in doubt the rule runs and the compiler filters what it reports.
/// </summary>
internal static class RuleSeverity
{
    public static bool IsSuppressed(DiagnosticDescriptor descriptor, SyntaxTree tree, Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var id = descriptor.Id;
        if (compilation.Options.SyntaxTreeOptionsProvider is { } provider)
        {
            if (provider.TryGetDiagnosticValue(tree, id, cancellationToken, out var perTree))
            {
                return perTree == ReportDiagnostic.Suppress;
            }

            if (provider.TryGetGlobalDiagnosticValue(id, cancellationToken, out var global))
            {
                return global == ReportDiagnostic.Suppress;
            }
        }

        if (compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out var specific))
        {
            return specific == ReportDiagnostic.Suppress;
        }

        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        if (config.TryGetValue("dotnet_analyzer_diagnostic.category-" + descriptor.Category + ".severity", out var category))
        {
            return IsNone(category);
        }

        if (config.TryGetValue("dotnet_analyzer_diagnostic.severity", out var all))
        {
            return IsNone(all);
        }

        return !descriptor.IsEnabledByDefault;
    }

    private static bool IsNone(string value) => string.Equals(value.Trim(), "none", System.StringComparison.OrdinalIgnoreCase);
}
