using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.UseTransferUtilityForFileUploads;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseTransferUtilityForFileUploads;

/// <summary>
/// AWSBP050: "Upload with TransferUtility": <c>s3.PutObjectAsync(request)</c> becomes
/// <c>new TransferUtility(s3).UploadAsync(request)</c> and the request a <c>TransferUtilityUploadRequest</c> with the same
/// members (renamed where the SDK renamed them). The analyzer decided where that loses nothing (<see cref="TransferUtilityRewrite"/>);
/// the edits are disjoint nodes, so Fix All applies a document's fixes on one editor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTransferUtilityForFileUploadsFixer)), Shared]
public sealed class UseTransferUtilityForFileUploadsFixer : ReplacementFixer
{
    private const string TransferNamespace = "global::Amazon.S3.Transfer.";

    public UseTransferUtilityForFileUploadsFixer()
        : base(UseTransferUtilityForFileUploadsAnalyzer.Rule.Id, "Upload with TransferUtility", "AWSBP050_UseTransferUtility", Edits, addImports: true)
    {
    }

    /// <summary>The nodes to replace and their replacements; null when the diagnostic offers no fix or the code changed shape.</summary>
    private static IReadOnlyList<(SyntaxNode Node, SyntaxNode Replacement)>? Edits(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(TransferUtilityRewrite.MethodKey, out var method) || method is null
            || diagnostic.AdditionalLocations.Count == 0
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax call }
            || Find(root, diagnostic.AdditionalLocations[0]) is not BaseObjectCreationExpressionSyntax creation)
        {
            return null;
        }

        var utility = SyntaxFactory.ObjectCreationExpression(
            TransferType("TransferUtility").WithLeadingTrivia(SyntaxFactory.Space),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(call.Expression.WithoutTrivia()))),
            null);
        var edits = new List<(SyntaxNode, SyntaxNode)>
        {
            (call, call.WithExpression(utility.WithTriviaFrom(call.Expression)).WithName(SyntaxFactory.IdentifierName(method).WithTriviaFrom(call.Name))),
        };
        if (creation is ObjectCreationExpressionSyntax { Type: var createdType })
        {
            edits.Add((createdType, TransferType("TransferUtilityUploadRequest").WithTriviaFrom(createdType)));
        }

        for (var i = 1; i < diagnostic.AdditionalLocations.Count; i++)
        {
            var node = Find(root, diagnostic.AdditionalLocations[i]);
            diagnostic.Properties.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var edit);
            SyntaxNode? replacement = (node, edit) switch
            {
                (TypeSyntax type, TransferUtilityRewrite.DeclaredType) => TransferType("TransferUtilityUploadRequest").WithTriviaFrom(type),
                (IdentifierNameSyntax name, { Length: > 0 } newName) when SyntaxFacts.IsValidIdentifier(newName) => SyntaxFactory.IdentifierName(newName).WithTriviaFrom(name),
                _ => null,
            };
            if (node is null || replacement is null)
            {
                return null;
            }

            edits.Add((node, replacement));
        }

        return edits;
    }

    private static SyntaxNode? Find(SyntaxNode root, Location location)
        => location.SourceTree == root.SyntaxTree && root.FullSpan.Contains(location.SourceSpan)
            ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true)
            : null;

    private static TypeSyntax TransferType(string name)
        => SyntaxFactory.ParseTypeName(TransferNamespace + name).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
}
