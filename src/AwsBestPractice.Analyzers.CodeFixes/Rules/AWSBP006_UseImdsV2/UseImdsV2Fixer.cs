using System.Collections.Generic;
using System.Composition;
using System.Linq;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.UseImdsV2;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseImdsV2;

/// <summary>
/// AWSBP006: "Use EC2InstanceMetadata (IMDSv2)": <c>await http.GetStringAsync("http://169.254.169.254/latest/meta-data/instance-id")</c>
/// becomes <c>EC2InstanceMetadata.InstanceId</c> (the member the analyzer chose, <see cref="UseImdsV2Analyzer.MemberProperty"/>),
/// adding <c>using Amazon.Util;</c>. Offered only for calls whose result is the body as a string, awaited or synchronous.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseImdsV2Fixer)), Shared]
public sealed class UseImdsV2Fixer : ReplacementFixer
{
    public UseImdsV2Fixer()
        : base(UseImdsV2Analyzer.Rule.Id, "Use EC2InstanceMetadata (IMDSv2)", "AWSBP006_UseEC2InstanceMetadata", Plan, addImports: true)
    {
    }

    private static IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(UseImdsV2Analyzer.MemberProperty, out var member)
            || member is null
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call)
        {
            return null;
        }

        // await http.GetStringAsync(url)[.ConfigureAwait(false)], or web.DownloadString(url).
        SyntaxNode replaced = call;
        if (call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configured })
        {
            replaced = configured;
        }

        if (replaced.Parent is AwaitExpressionSyntax awaited)
        {
            replaced = awaited;
        }
        else if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DownloadString" })
        {
            return null;
        }

        var type = SyntaxFactory.ParseExpression(InstanceMetadata.SdkType);
        var replacement = SyntaxFactory.ParseExpression("TYPE." + member);
        var placeholder = replacement.DescendantNodes().OfType<IdentifierNameSyntax>().First(n => n.Identifier.ValueText == "TYPE");
        replacement = replacement.ReplaceNode(placeholder, type.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation));
        return new[] { (replaced, (SyntaxNode)replacement.WithTriviaFrom(replaced)) };
    }
}
