using System;
using System.IO;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Docs => Path.Combine(Root, "docs");

    public static string RuleDoc(string id) => Path.Combine(Root, "docs", "rules", id + ".md");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AwsBestPractice.Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (AwsBestPractice.Analyzers.sln) above " + AppContext.BaseDirectory);
    }
}
