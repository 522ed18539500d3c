using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// Fix All in document, project and solution scope for fixers whose edits of one document are made together on one editor
/// (<see cref="Microsoft.CodeAnalysis.Editing.DocumentEditor"/>): nested or neighbouring edits compose instead of being dropped,
/// as <see cref="WellKnownFixAllProviders.BatchFixer"/> drops overlapping text changes.
/// </summary>
internal static class DocumentFixAll
{
    public static FixAllProvider Create(Func<Document, ImmutableArray<Diagnostic>, CancellationToken, Task<Document>> fixDocument)
        => FixAllProvider.Create(async (context, document, diagnostics) =>
            diagnostics.IsDefaultOrEmpty ? document : await fixDocument(document, diagnostics, context.CancellationToken).ConfigureAwait(false));
}
