using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace AwsBestPractice.Cli.Loading;

internal static class Paths
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "bin", "obj", ".git", ".vs", ".idea", "node_modules", "packages", "artifacts", "TestResults",
    };

    public static string Relative(string root, string path)
        => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>Files under <paramref name="directory"/>, skipping build output, VCS folders and (optionally) nested projects.</summary>
    public static IEnumerable<string> Files(string directory, string pattern, bool skipNestedProjects)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            string[] files, folders;
            try
            {
                files = Directory.GetFiles(current, pattern);
                folders = Directory.GetDirectories(current);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var file in files.OrderBy(f => f, StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var folder in folders.OrderByDescending(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(folder);
                if (SkippedFolders.Contains(name) || name.StartsWith(".", StringComparison.Ordinal))
                {
                    continue;
                }

                if (skipNestedProjects && SafeAny(folder, "*.csproj"))
                {
                    continue;
                }

                pending.Push(folder);
            }
        }
    }

    private static bool SafeAny(string folder, string pattern)
    {
        try
        {
            return Directory.EnumerateFiles(folder, pattern).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The .csproj paths a .sln or .slnx names (read as text: a solution MSBuild cannot open is still read).</summary>
    public static IReadOnlyList<string> SolutionProjects(string solution)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        var text = File.ReadAllText(solution);
        var found = new List<string>();
        if (solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            var document = System.Xml.Linq.XDocument.Parse(text);
            found.AddRange(document.Descendants().Where(e => e.Name.LocalName == "Project")
                .Select(e => (string?)e.Attribute("Path")).Where(p => p is not null)!);
        }
        else
        {
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(
                text, "^Project\\(\"[^\"]*\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"([^\"]+)\"", System.Text.RegularExpressions.RegexOptions.Multiline))
            {
                found.Add(match.Groups[1].Value);
            }
        }

        return found
            .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
