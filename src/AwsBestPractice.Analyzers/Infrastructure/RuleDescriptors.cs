using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

internal static class RuleDescriptors
{
    /// <summary>Creates a descriptor whose help link points at docs/rules/&lt;ID&gt;.md.</summary>
    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity defaultSeverity,
        string description,
        bool isEnabledByDefault = true)
        => new(
            id,
            title,
            messageFormat,
            category,
            defaultSeverity,
            isEnabledByDefault,
            description,
            RuleIdentifiers.GetHelpUri(id));
}
