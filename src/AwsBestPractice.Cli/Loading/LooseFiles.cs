using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Cli.Loading;

/// <summary>
/// Loose-files mode: a project that cannot be restored or built is compiled ad hoc from its .cs files, as an IDE analyses a
/// project it cannot load: the .NET 8 reference assemblies, the SDK's implicit usings, the packages the NuGet cache has, the
/// AWS SDK assemblies awsbp carries and the Lambda types it declares. The analyzers run on code with errors.
/// </summary>
internal static class LooseFiles
{
    /// <summary>Where generated documents (usings, stubs) claim to live: under obj/, so reports and fixes never touch them.</summary>
    private const string GeneratedFolder = "obj/awsbp";

    public static ProjectFile Read(string? projectFile, List<string> notes)
        => projectFile is null ? ProjectFile.Default : ProjectFile.Read(projectFile, notes);

    /// <param name="references">Projects already loaded, by project file: the project's <c>ProjectReference</c>s resolve to them.</param>
    public static LoadedProject Create(Workspace workspace, ReferenceResolver resolver, string? projectFile, string directory, string reason,
        IReadOnlyDictionary<string, LoadedProject> references)
    {
        var notes = new List<string> { reason };
        var file = Read(projectFile, notes);
        var name = projectFile is null ? Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)) : Path.GetFileNameWithoutExtension(projectFile);
        var sources = Paths.Files(directory, "*.cs", skipNestedProjects: true).ToList();
        var texts = sources.Select(path => (path, text: Read(path))).ToList();
        var anyAwsCode = texts.Any(t => t.text.ToString().Contains("Amazon.", StringComparison.Ordinal));
        var resolved = resolver.Resolve(file, directory, anyAwsCode, notes);
        if (file.Sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
        {
            notes.Add("ASP.NET Core reference assemblies are not carried: its types are unresolved, controllers are recognised by name");
        }

        var id = ProjectId.CreateNewId(name);
        var documents = new List<DocumentInfo>();
        foreach (var (path, text) in texts)
        {
            documents.Add(Document(id, path, text));
        }

        var usings = file.GlobalUsings().ToList();
        if (usings.Count > 0)
        {
            var text = SourceText.From(string.Concat(usings.Select(u => $"global using {u};\n")), Encoding.UTF8);
            documents.Add(Document(id, Path.Combine(directory, GeneratedFolder, name + ".GlobalUsings.g.cs"), text));
        }

        var lambdaStubs = resolved.NeedsLambdaStubs || (projectFile is null && texts.Any(t => t.text.ToString().Contains("Amazon.Lambda", StringComparison.Ordinal)));
        if (lambdaStubs)
        {
            foreach (var (stubName, text) in LambdaStubs())
            {
                documents.Add(Document(id, Path.Combine(directory, GeneratedFolder, Path.ChangeExtension(stubName, ".g.cs")), text));
            }
        }

        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None);
        var compilationOptions = new CSharpCompilationOptions(
            file.IsExecutable ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: Nullable(file.Nullable),
            allowUnsafe: file.AllowUnsafe,
            concurrentBuild: true);
        var projectReferences = new List<ProjectReference>();
        var metadataReferences = resolver.Framework.Concat(resolved.References).ToList();
        foreach (var path in file.ProjectReferences)
        {
            if (!references.TryGetValue(path, out var referenced))
            {
                notes.Add($"its reference to {Path.GetFileName(path)} is not resolved (not part of the scan)");
            }
            else if (referenced.Project.Solution.Workspace == workspace)
            {
                projectReferences.Add(new ProjectReference(referenced.Project.Id));
            }
            else if (referenced.Project.GetCompilationAsync().GetAwaiter().GetResult() is { } compilation)
            {
                metadataReferences.Add(compilation.ToMetadataReference());
            }
        }

        var info = ProjectInfo.Create(
                id,
                VersionStamp.Create(),
                name,
                name,
                LanguageNames.CSharp,
                filePath: projectFile,
                compilationOptions: compilationOptions,
                parseOptions: parseOptions,
                documents: documents,
                metadataReferences: metadataReferences,
                projectReferences: projectReferences)
            .WithAnalyzerConfigDocuments(EditorConfigs(id, directory));
        var solution = workspace.CurrentSolution.AddProject(info);
        if (!workspace.TryApplyChanges(solution))
        {
            throw new InvalidOperationException($"could not add {name} to the ad hoc workspace");
        }

        var loaded = new LoadedProject(workspace.CurrentSolution.GetProject(id)!, LoadMode.LooseFiles, projectFile, directory);
        loaded.Notes.AddRange(notes);
        return loaded;
    }

    /// <summary>True for the documents loose-files mode generates (global usings, Lambda stubs).</summary>
    public static bool IsGenerated(string? path)
        => path is not null && path.Replace('\\', '/').Contains("/" + GeneratedFolder + "/", StringComparison.Ordinal);

    private static DocumentInfo Document(ProjectId project, string path, SourceText text)
        => DocumentInfo.Create(
            DocumentId.CreateNewId(project, path),
            Path.GetFileName(path),
            loader: TextLoader.From(TextAndVersion.Create(text, VersionStamp.Create(), path)),
            filePath: path);

    private static SourceText Read(string path)
    {
        using var stream = File.OpenRead(path);
        return SourceText.From(stream, Encoding.UTF8, canBeEmbedded: false);
    }

    /// <summary>The .editorconfig files that apply to the folder (up to the first with <c>root = true</c>), so rule options are read.</summary>
    private static IEnumerable<DocumentInfo> EditorConfigs(ProjectId project, string directory)
    {
        var found = new List<DocumentInfo>();
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, ".editorconfig");
            if (!File.Exists(path))
            {
                continue;
            }

            var text = Read(path);
            found.Add(Document(project, path, text));
            if (System.Text.RegularExpressions.Regex.IsMatch(text.ToString(), @"^\s*root\s*=\s*true\s*$", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                break;
            }
        }

        return found;
    }

    private static NullableContextOptions Nullable(string? value) => value?.ToLowerInvariant() switch
    {
        "enable" => NullableContextOptions.Enable,
        "warnings" => NullableContextOptions.Warnings,
        "annotations" => NullableContextOptions.Annotations,
        _ => NullableContextOptions.Disable,
    };

    private static IEnumerable<(string Name, SourceText Text)> LambdaStubs()
    {
        var assembly = typeof(LooseFiles).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("LambdaStubs/", StringComparison.Ordinal)).OrderBy(r => r, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            yield return (resource.Substring("LambdaStubs/".Length), SourceText.From(stream, Encoding.UTF8));
        }
    }
}
