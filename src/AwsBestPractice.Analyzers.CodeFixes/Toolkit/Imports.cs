using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The one way fixers add <c>using</c> directives: generated names are fully qualified and annotated with
/// <see cref="Simplifier.Annotation"/> and <see cref="Simplifier.AddImportsAnnotation"/>; this adds the imports they need, reduces
/// the names and formats what carries <see cref="Formatter.Annotation"/>.
/// </summary>
internal static class Imports
{
    public static async Task<Document> AddAndSimplifyAsync(Document document, CancellationToken cancellationToken)
    {
        document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
