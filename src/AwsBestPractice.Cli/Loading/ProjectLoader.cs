using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace AwsBestPractice.Cli.Loading;

/// <summary>
/// Opens a solution, project or folder: each project from its build when MSBuild can load it restored, otherwise as loose
/// files (<see cref="LooseFiles"/>). A project is never skipped silently: it is analysed one way or the other, with a note.
/// </summary>
internal sealed class ProjectLoader : IDisposable
{
    private readonly TextWriter _log;
    private MSBuildWorkspace? _msbuild;
    private readonly AdhocWorkspace _loose = new();

    /// <param name="log">Progress goes here (stderr), so that stdout stays the report.</param>
    public ProjectLoader(TextWriter log) => _log = log;

    public void Dispose()
    {
        _msbuild?.Dispose();
        _loose.Dispose();
    }

    /// <summary>Null when the target does not exist or is not a solution, project or folder (exit code 2).</summary>
    public async Task<LoadResult?> LoadAsync(string target, bool restore, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(target);
        string root;
        string? solution = null;
        List<string> projectFiles;
        if (File.Exists(full))
        {
            root = Path.GetDirectoryName(full)!;
            if (full.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
            {
                solution = full;
                projectFiles = Paths.SolutionProjects(full).ToList();
            }
            else if (full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                projectFiles = new List<string> { full };
            }
            else
            {
                _log.WriteLine($"awsbp: {target} is not a solution (.sln, .slnx), a C# project (.csproj) or a folder");
                return null;
            }
        }
        else if (Directory.Exists(full))
        {
            root = full;
            var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).OrderBy(s => s, StringComparer.Ordinal).ToList();
            if (solutions.Count > 0)
            {
                solution = solutions[0];
                projectFiles = Paths.SolutionProjects(solution).ToList();
                // Projects under the folder that the solution does not name are analysed too: an audit covers the whole folder.
                projectFiles.AddRange(Paths.Files(full, "*.csproj", skipNestedProjects: false).Select(Path.GetFullPath).Where(p => !projectFiles.Contains(p, StringComparer.Ordinal)));
            }
            else
            {
                projectFiles = Paths.Files(full, "*.csproj", skipNestedProjects: false).Select(Path.GetFullPath).ToList();
            }
        }
        else
        {
            _log.WriteLine($"awsbp: {target} does not exist");
            return null;
        }

        var result = new LoadResult(root);
        if (restore)
        {
            await RestoreAsync(solution is not null ? new[] { solution } : projectFiles, result, cancellationToken).ConfigureAwait(false);
        }

        var failures = new List<WorkspaceDiagnostic>();
        var msbuildFailed = (string?)null;
        if (projectFiles.Count > 0)
        {
            try
            {
                _msbuild = MSBuildWorkspace.Create();
                _msbuild.RegisterWorkspaceFailedHandler(e => failures.Add(e.Diagnostic));
                foreach (var projectFile in projectFiles.Where(File.Exists))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (_msbuild.CurrentSolution.Projects.Any(p => SamePath(p.FilePath, projectFile)))
                    {
                        continue; // loaded as another project's reference
                    }

                    Progress($"loading {Paths.Relative(root, projectFile)}");
                    try
                    {
                        await _msbuild.OpenProjectAsync(projectFile, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures.Add(new WorkspaceDiagnostic(WorkspaceDiagnosticKind.Failure, $"{projectFile}: {e.Message}"));
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                msbuildFailed = e.Message.Split('\n')[0].Trim();
                result.Messages.Add($"MSBuild could not be used ({msbuildFailed}): every project is analysed as loose files");
            }
        }

        var resolver = new ReferenceResolver(fetch: restore);
        var loadedByFile = new Dictionary<string, LoadedProject>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var projectFile in projectFiles)
        {
            if (!File.Exists(projectFile))
            {
                result.Messages.Add($"{Paths.Relative(root, projectFile)} is named by the solution but does not exist");
                continue;
            }

            var built = _msbuild?.CurrentSolution.Projects.Where(p => SamePath(p.FilePath, projectFile)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            var reason = msbuildFailed is not null ? $"MSBuild could not be used ({msbuildFailed})" : WhyNotBuilt(built, projectFile, failures);
            if (reason is null)
            {
                var loaded = new LoadedProject(built![0], LoadMode.Build, projectFile, Path.GetDirectoryName(projectFile)!);
                if (built.Count > 1)
                {
                    loaded.Notes.Add($"analysed for its first target framework ({built[0].Name}); {built.Count - 1} more not analysed");
                }

                loadedByFile[projectFile] = loaded;
            }
            else
            {
                reasons[projectFile] = reason;
            }
        }

        // Loose-files projects, each after the projects it references, so that its ProjectReferences resolve.
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void CreateLoose(string projectFile)
        {
            if (loadedByFile.ContainsKey(projectFile) || !reasons.TryGetValue(projectFile, out var reason) || !visiting.Add(projectFile))
            {
                return;
            }

            foreach (var reference in LooseFiles.Read(projectFile, new List<string>()).ProjectReferences)
            {
                CreateLoose(reference);
            }

            Progress($"loose files: {Paths.Relative(root, projectFile)} ({reason})");
            loadedByFile[projectFile] = LooseFiles.Create(_loose, resolver, projectFile, Path.GetDirectoryName(projectFile)!, reason, loadedByFile);
        }

        foreach (var projectFile in projectFiles)
        {
            CreateLoose(projectFile);
        }

        result.Projects.AddRange(projectFiles.Where(loadedByFile.ContainsKey).Select(p => loadedByFile[p]).Distinct());

        if (projectFiles.Count == 0)
        {
            result.Projects.Add(LooseFiles.Create(_loose, resolver, null, root, "no project file: the folder's .cs files with the .NET SDK's defaults",
                new Dictionary<string, LoadedProject>()));
        }

        return result;
    }

    /// <summary>Null when the project can be analysed from its build; otherwise why it is analysed as loose files.</summary>
    private static string? WhyNotBuilt(List<Project>? built, string projectFile, List<WorkspaceDiagnostic> failures)
    {
        if (built is null || built.Count == 0)
        {
            var failure = failures.FirstOrDefault(f => f.Kind == WorkspaceDiagnosticKind.Failure && f.Message.Contains(projectFile, StringComparison.Ordinal))
                ?? failures.FirstOrDefault(f => f.Kind == WorkspaceDiagnosticKind.Failure);
            return "MSBuild could not load it" + (failure is null ? "" : $": {Shorten(failure.Message)}");
        }

        var assets = Path.Combine(Path.GetDirectoryName(projectFile)!, "obj", "project.assets.json");
        if (!File.Exists(assets))
        {
            return "not restored (no obj/project.assets.json; --restore restores first)";
        }

        if (RestoreError(assets) is { } restoreError)
        {
            return $"its restore failed ({Shorten(restoreError)})";
        }

        var failed = failures.FirstOrDefault(f => f.Kind == WorkspaceDiagnosticKind.Failure && f.Message.Contains(projectFile, StringComparison.Ordinal));
        if (failed is not null && built[0].MetadataReferences.Count == 0)
        {
            return $"its design-time build failed: {Shorten(failed.Message)}";
        }

        return built[0].MetadataReferences.Count == 0 ? "its build resolved no references" : null;
    }

    /// <summary>The first error NuGet logged in a project's assets file (it writes one even when packages are missing).</summary>
    private static string? RestoreError(string assets)
    {
        try
        {
            using var stream = File.OpenRead(assets);
            using var document = System.Text.Json.JsonDocument.Parse(stream);
            if (document.RootElement.TryGetProperty("logs", out var logs) && logs.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var log in logs.EnumerateArray())
                {
                    if (log.TryGetProperty("level", out var level) && level.GetString() == "Error")
                    {
                        return log.TryGetProperty("message", out var message) ? message.GetString() : "error";
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return e.Message;
        }

        return null;
    }

    private static string Shorten(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 200 ? line.Substring(0, 200) + "…" : line;
    }

    private static bool SamePath(string? a, string b)
        => a is not null && string.Equals(Path.GetFullPath(a), b, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private async Task RestoreAsync(IEnumerable<string> targets, LoadResult result, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            Progress($"restoring {Path.GetFileName(target)}");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(target);
            start.ArgumentList.Add("-nologo");
            start.ArgumentList.Add("-v:q");
            try
            {
                using var process = Process.Start(start)!;
                var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var error = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (process.ExitCode != 0)
                {
                    var text = (await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).Trim();
                    var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? text.Split('\n')[0];
                    result.Messages.Add($"restore of {Path.GetFileName(target)} failed: {Shorten(first)}");
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                result.Messages.Add($"restore of {Path.GetFileName(target)} could not run: {e.Message}");
            }
        }
    }

    private void Progress(string message) => _log.WriteLine($"awsbp: {message}");
}
