using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// Fix All for fixes that must see each other's result: the targets of a document are annotated, then fixed one at a time in
/// document order, each planned against a fresh semantic model of the document the previous fixes produced (a field or local
/// added for the first target is found and reused, or its name avoided, by the next). Used by the client hoists of AWSBP010 and
/// AWSBP070, whose edits (a new member, a moved statement, renamed references) can overlap and cannot be batched.
/// </summary>
internal static class SequentialFixAll
{
    /// <summary>The annotation on the targets still to fix; a plan that moves a target's syntax strips it (<see cref="Strip"/>).</summary>
    public const string TargetAnnotationKind = "AwsBestPractice_FixAllTarget";

    /// <param name="findTarget">The node a diagnostic's fix starts from, in the original root; null when there is none.</param>
    /// <param name="fix">
    /// The fixed root for one target (an annotated node of <c>root</c>) and its diagnostic, planned with <c>model</c>; null when the
    /// fix is not offered there (the code changed shape after an earlier fix).
    /// </param>
    public static FixAllProvider Create(
        Func<SyntaxNode, Diagnostic, SyntaxNode?> findTarget,
        Func<SemanticModel, SyntaxNode, SyntaxNode, Diagnostic, CancellationToken, SyntaxNode?> fix)
        => DocumentFixAll.Create((document, diagnostics, cancellationToken) => FixAsync(document, diagnostics, findTarget, fix, cancellationToken));

    public static async Task<Document> FixAsync(
        Document document,
        ImmutableArray<Diagnostic> diagnostics,
        Func<SyntaxNode, Diagnostic, SyntaxNode?> findTarget,
        Func<SemanticModel, SyntaxNode, SyntaxNode, Diagnostic, CancellationToken, SyntaxNode?> fix,
        CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var targets = new Dictionary<SyntaxNode, int>();
        for (var i = 0; i < diagnostics.Length; i++)
        {
            if (findTarget(root, diagnostics[i]) is { } target && !targets.ContainsKey(target))
            {
                targets.Add(target, i);
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        root = root.ReplaceNodes(
            targets.Keys,
            (original, current) => current.WithAdditionalAnnotations(new SyntaxAnnotation(TargetAnnotationKind, targets[original].ToString(CultureInfo.InvariantCulture))));
        document = document.WithSyntaxRoot(root);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var next = root.GetAnnotatedNodes(TargetAnnotationKind).FirstOrDefault();
            if (next is null)
            {
                return document;
            }

            var annotation = next.GetAnnotations(TargetAnnotationKind).First();
            var diagnostic = diagnostics[int.Parse(annotation.Data!, CultureInfo.InvariantCulture)];
            var fixedRoot = fix(model, root, next, diagnostic, cancellationToken) ?? root;

            // Whatever the fix did with the target, it is done: never visit it again.
            var left = fixedRoot.GetAnnotatedNodes(annotation).ToList();
            if (left.Count > 0)
            {
                fixedRoot = fixedRoot.ReplaceNodes(left, (_, current) => current.WithoutAnnotations(annotation));
            }

            document = document.WithSyntaxRoot(fixedRoot);
        }
    }

    /// <summary>A copy of <paramref name="node"/> (moved or re-inserted by a fix) without the Fix All annotations of the targets it contains.</summary>
    public static T Strip<T>(T node)
        where T : SyntaxNode
    {
        var annotated = node.DescendantNodesAndSelf().Where(n => n.HasAnnotations(TargetAnnotationKind)).ToList();
        return annotated.Count == 0
            ? node
            : node.ReplaceNodes(annotated, (_, current) => current.WithoutAnnotations(TargetAnnotationKind));
    }
}
