using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace AwsBestPractice.Cli.Loading;

/// <summary>
/// What loose-files mode reads from a .csproj without evaluating it: the SDK, implicit usings, <c>Using</c> items, nullable,
/// unsafe code and package references. Conditions and imports are not evaluated: an IDE shows a half-loaded project the same way.
/// </summary>
internal sealed class ProjectFile
{
    private ProjectFile(string sdk, bool implicitUsings, string? nullable, bool allowUnsafe, bool isExecutable, IReadOnlyList<PackageReference> packages,
        IReadOnlyList<string> projectReferences, IReadOnlyList<string> usingsAdded, IReadOnlyList<string> usingsRemoved)
    {
        IsExecutable = isExecutable;
        ProjectReferences = projectReferences;
        Sdk = sdk;
        ImplicitUsings = implicitUsings;
        Nullable = nullable;
        AllowUnsafe = allowUnsafe;
        Packages = packages;
        UsingsAdded = usingsAdded;
        UsingsRemoved = usingsRemoved;
    }

    public string Sdk { get; }

    public bool ImplicitUsings { get; }

    public string? Nullable { get; }

    public bool AllowUnsafe { get; }

    public IReadOnlyList<PackageReference> Packages { get; }

    /// <summary>Full paths of the projects it references (not those referenced as analyzers only).</summary>
    public IReadOnlyList<string> ProjectReferences { get; }

    /// <summary><c>OutputType</c> Exe or WinExe: top-level statements compile.</summary>
    public bool IsExecutable { get; }

    /// <summary><c>&lt;Using Include="…" /&gt;</c> items (as written: <c>Static="true"</c> and <c>Alias</c> become the using's text).</summary>
    public IReadOnlyList<string> UsingsAdded { get; }

    public IReadOnlyList<string> UsingsRemoved { get; }

    /// <summary>A folder without a project file: the .NET SDK's defaults.</summary>
    public static ProjectFile Default { get; } = new("Microsoft.NET.Sdk", true, "enable", false, true, Array.Empty<PackageReference>(), Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>());

    public static ProjectFile Read(string path, List<string> notes)
    {
        // Directory.Build.props files from the farthest to the nearest, then the project: a later property wins, items add up.
        var chain = new List<string>();
        for (var folder = Directory.GetParent(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Build.props");
            if (File.Exists(props))
            {
                chain.Insert(0, props);
            }
        }

        chain.Add(path);
        var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var packages = new List<PackageReference>();
        var projects = new List<string>();
        var added = new List<string>();
        var removed = new List<string>();
        var centralVersions = CentralVersions(path);
        string? sdk = null;
        foreach (var file in chain)
        {
            XElement root;
            try
            {
                root = XDocument.Load(file).Root!;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
            {
                notes.Add($"could not read {Path.GetFileName(file)} ({e.Message.Split('\n')[0].Trim()})");
                continue;
            }

            var folder = Path.GetDirectoryName(file)! + Path.DirectorySeparatorChar;
            string Expand(string value) => value.Replace("$(MSBuildThisFileDirectory)", folder, StringComparison.OrdinalIgnoreCase)
                .Replace("$(MSBuildProjectDirectory)", Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
            if (file == path)
            {
                sdk = (string?)root.Attribute("Sdk")
                    ?? root.Elements().Where(e => e.Name.LocalName == "Sdk").Select(e => (string?)e.Attribute("Name")).FirstOrDefault();
            }

            foreach (var property in root.Elements().Where(e => e.Name.LocalName == "PropertyGroup").SelectMany(g => g.Elements()))
            {
                properties[property.Name.LocalName] = property.Value.Trim();
            }

            foreach (var item in root.Elements().Where(e => e.Name.LocalName == "ItemGroup").SelectMany(g => g.Elements()))
            {
                var include = (string?)item.Attribute("Include");
                switch (item.Name.LocalName)
                {
                    case "PackageReference" when include is not null:
                        var version = (string?)item.Attribute("Version") ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value
                            ?? centralVersions.GetValueOrDefault(include.Trim());
                        packages.Add(new PackageReference(include.Trim(), version?.Trim()));
                        break;
                    case "ProjectReference" when include is not null
                        && !string.Equals((string?)item.Attribute("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase):
                        projects.Add(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Expand(include.Trim()).Replace('\\', Path.DirectorySeparatorChar))));
                        break;
                    case "Using" when include is not null:
                        var alias = (string?)item.Attribute("Alias");
                        var isStatic = string.Equals((string?)item.Attribute("Static"), "true", StringComparison.OrdinalIgnoreCase);
                        added.Add(alias is not null ? $"{alias} = global::{include}" : isStatic ? $"static global::{include}" : $"global::{include}");
                        break;
                    case "Using" when (string?)item.Attribute("Remove") is { } remove:
                        removed.Add(remove.Trim());
                        break;
                }
            }
        }

        bool IsTrue(string name, params string[] values) => properties.TryGetValue(name, out var value) && values.Any(v => v.Equals(value, StringComparison.OrdinalIgnoreCase));
        return new ProjectFile(
            sdk ?? "Microsoft.NET.Sdk",
            IsTrue("ImplicitUsings", "enable", "true"),
            properties.GetValueOrDefault("Nullable"),
            IsTrue("AllowUnsafeBlocks", "true"),
            IsTrue("OutputType", "Exe", "WinExe"),
            packages.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).Select(g => g.Last()).ToList(),
            projects.Distinct(StringComparer.Ordinal).ToList(),
            added,
            removed);
    }

    /// <summary>Central package management: the versions of Directory.Packages.props nearest to the project.</summary>
    private static Dictionary<string, string> CentralVersions(string path)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var folder = Directory.GetParent(Path.GetFullPath(path)); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "Directory.Packages.props");
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                foreach (var item in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
                {
                    if ((string?)item.Attribute("Include") is { } id && (string?)item.Attribute("Version") is { } version)
                    {
                        versions[id.Trim()] = version.Trim();
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
            {
            }

            break;
        }

        return versions;
    }

    /// <summary>The global usings the SDK generates with <c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c>, as the .NET SDK declares them.</summary>
    public IEnumerable<string> GlobalUsings()
    {
        var namespaces = new List<string>();
        if (ImplicitUsings)
        {
            namespaces.AddRange(new[] { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" });
            var sdk = Sdk.Split('/')[0].Trim();
            if (sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase))
            {
                namespaces.AddRange(new[]
                {
                    "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
                    "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
                    "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
                });
            }
            else if (sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase))
            {
                namespaces.AddRange(new[]
                {
                    "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting",
                    "Microsoft.Extensions.Logging",
                });
            }
        }

        return namespaces.Where(n => !UsingsRemoved.Contains(n, StringComparer.Ordinal)).Select(n => "global::" + n).Concat(UsingsAdded).Distinct(StringComparer.Ordinal);
    }
}

internal sealed record PackageReference(string Id, string? Version);
