using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Searches of source text that copy no whole document: read in 1 KB chunks (about 2 KB allocated per search).</summary>
internal static class SourceTexts
{
    /// <summary>True when some document of the compilation contains <paramref name="value"/> (a document whose text is not loaded counts).</summary>
    public static bool AnyContainsOrdinal(Compilation compilation, string value)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.TryGetText(out var text) || ContainsOrdinal(text, value))
            {
                return true;
            }
        }

        return false;
    }

    public static bool ContainsOrdinal(SourceText text, string value)
    {
        const int ChunkLength = 1024;
        var buffer = new char[ChunkLength + value.Length - 1];
        for (var start = 0; start < text.Length; start += ChunkLength)
        {
            // Each chunk overlaps the next by value.Length - 1 characters, so a match across a chunk boundary is found.
            var count = System.Math.Min(buffer.Length, text.Length - start);
            if (count < value.Length)
            {
                break;
            }

            text.CopyTo(start, buffer, 0, count);
            if (IndexOf(buffer, count, value) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOf(char[] buffer, int count, string value)
    {
        var first = value[0];
        for (var i = System.Array.IndexOf(buffer, first, 0, count - value.Length + 1); i >= 0; i = System.Array.IndexOf(buffer, first, i + 1, count - value.Length - i))
        {
            var matched = 1;
            while (matched < value.Length && buffer[i + matched] == value[matched])
            {
                matched++;
            }

            if (matched == value.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
