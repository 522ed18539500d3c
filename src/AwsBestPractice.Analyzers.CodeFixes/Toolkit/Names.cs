using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>Names a fixer introduces: the first free one, never a keyword.</summary>
internal static class Names
{
    /// <summary>
    /// The first of <paramref name="preferred"/>, then <paramref name="baseName"/>2, 3, … that is not a C# keyword and for which
    /// <paramref name="isTaken"/> is false (the caller decides what "taken" means: visible at the position, used in the scope…).
    /// </summary>
    public static string Unique(string baseName, Func<string, bool> isTaken, params string[] preferred)
    {
        foreach (var candidate in Candidates(baseName, preferred))
        {
            if (SyntaxFacts.GetKeywordKind(candidate) == SyntaxKind.None && !isTaken(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: the candidates never end");
    }

    private static IEnumerable<string> Candidates(string baseName, string[] preferred)
    {
        if (preferred.Length == 0)
        {
            yield return baseName;
        }

        foreach (var name in preferred)
        {
            yield return name;
        }

        for (var i = 2; ; i++)
        {
            yield return baseName + i.ToString(CultureInfo.InvariantCulture);
        }
    }
}
