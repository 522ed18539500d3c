using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli.Loading;

/// <summary>How a project was analysed: from its build (MSBuild evaluation after restore), or as loose files.</summary>
internal enum LoadMode
{
    Build,
    LooseFiles,
}

/// <summary>A project ready to analyse, whichever way it was loaded, with what the user should know about it.</summary>
internal sealed class LoadedProject
{
    public LoadedProject(Project project, LoadMode mode, string? projectFile, string directory)
    {
        Project = project;
        Mode = mode;
        ProjectFile = projectFile;
        Directory = directory;
    }

    public Project Project { get; set; }

    public LoadMode Mode { get; }

    /// <summary>The .csproj, or null for a folder of loose files without one.</summary>
    public string? ProjectFile { get; }

    public string Directory { get; }

    public string Name => Project.Name;

    /// <summary>Why a project is in loose-files mode, and what could not be resolved for it.</summary>
    public List<string> Notes { get; } = new();
}

internal sealed class LoadResult
{
    public LoadResult(string root) => Root = root;

    /// <summary>The folder paths in reports are relative to.</summary>
    public string Root { get; }

    public List<LoadedProject> Projects { get; } = new();

    /// <summary>Problems that are not about one project (a solution that could not be read, a failed restore).</summary>
    public List<string> Messages { get; } = new();
}
