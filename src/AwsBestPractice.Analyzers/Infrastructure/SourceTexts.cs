using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Searches of source text that copy no whole document. A text below <see cref="WholeStringLength"/> characters is searched as
/// the one string Roslyn keeps it in (a file read from disk or an editor buffer of that size: <c>ToString()</c> returns that
/// string without a copy); a larger one (kept in chunks) is read in 1 KB chunks (about 2 KB allocated per search).
/// </summary>
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

    /// <summary>Roslyn's limit for a text held in one string (<c>LargeText</c> above it), in characters.</summary>
    internal const int WholeStringLength = 40 * 1024;

    public static bool ContainsOrdinal(SourceText text, string value) => Search(text, value, null);

    /// <summary>Every position of <paramref name="value"/> in <paramref name="text"/>, in order (empty when there is none).</summary>
    public static System.Collections.Generic.List<int> IndexesOfOrdinal(SourceText text, string value)
    {
        var found = new System.Collections.Generic.List<int>();
        Search(text, value, found);
        return found;
    }

    /// <summary>With <paramref name="found"/> null, stops at the first match; otherwise collects every match.</summary>
    private static bool Search(SourceText text, string value, System.Collections.Generic.List<int>? found)
    {
        if (text.Length < WholeStringLength)
        {
            var whole = text.ToString();
            for (var i = whole.IndexOf(value, System.StringComparison.Ordinal); i >= 0; i = whole.IndexOf(value, i + 1, System.StringComparison.Ordinal))
            {
                if (found is null)
                {
                    return true;
                }

                found.Add(i);
            }

            return found is { Count: > 0 };
        }

        const int ChunkLength = 1024;
        var buffer = new char[ChunkLength + value.Length - 1];
        for (var start = 0; start < text.Length; start += ChunkLength)
        {
            // Each chunk overlaps the next by value.Length - 1 characters, so a match across a chunk boundary is found
            // (once: a match is counted in the chunk where it starts, and only starts below ChunkLength are taken).
            var count = System.Math.Min(buffer.Length, text.Length - start);
            if (count < value.Length)
            {
                break;
            }

            text.CopyTo(start, buffer, 0, count);
            for (var i = IndexOf(buffer, 0, count, value); i >= 0 && i < ChunkLength; i = IndexOf(buffer, i + 1, count, value))
            {
                if (found is null)
                {
                    return true;
                }

                found.Add(start + i);
            }
        }

        return found is { Count: > 0 };
    }

    private static int IndexOf(char[] buffer, int from, int count, string value)
    {
        var first = value[0];
        if (from > count - value.Length)
        {
            return -1;
        }

        for (var i = System.Array.IndexOf(buffer, first, from, count - value.Length + 1 - from); i >= 0; i = i + 1 > count - value.Length ? -1 : System.Array.IndexOf(buffer, first, i + 1, count - value.Length - i))
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
