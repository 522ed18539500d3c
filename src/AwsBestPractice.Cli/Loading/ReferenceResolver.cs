using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Cli.Loading;

/// <summary>
/// The metadata references of a loose-files project: the .NET 8 reference assemblies awsbp carries, each package the project
/// names from the local NuGet cache, and for the AWS SDK the assemblies awsbp carries when the cache does not have them.
/// </summary>
internal sealed class ReferenceResolver
{
    private static readonly string[] FrameworkPreference =
    {
        "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0", "netstandard1.3", "netstandard1.0",
    };

    /// <summary>The AWS SDK assemblies awsbp carries (see the project file).</summary>
    private static readonly string CarriedFolder = Path.Combine(AppContext.BaseDirectory, "aws");

    private readonly string? _packagesRoot;
    private readonly bool _fetch;
    private readonly Dictionary<string, MetadataReference> _byPath = new(StringComparer.Ordinal);

    /// <param name="fetch">
    /// Whether AWS SDK and Lambda packages missing from the cache are fetched from the configured package sources (with
    /// <c>--restore</c>: the user asked for network access).
    /// </param>
    public ReferenceResolver(bool fetch, string? packagesRoot = null)
    {
        _fetch = fetch;
        _packagesRoot = packagesRoot ?? DefaultPackagesRoot();
    }

    public IEnumerable<MetadataReference> Framework => Basic.Reference.Assemblies.Net80.References.All;

    private static string? DefaultPackagesRoot()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".nuget", "packages");
    }

    /// <summary>Resolves <paramref name="project"/>'s packages; says in <paramref name="notes"/> what came from where.</summary>
    public ResolvedReferences Resolve(ProjectFile project, string directory, bool anyAwsCode, List<string> notes)
    {
        var references = new List<MetadataReference>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unresolved = new List<string>();
        var lambdaStubs = false;
        var packages = project.Packages.ToList();
        if (packages.Any(p => p.Id.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase)) && !packages.Any(p => p.Id.Equals("AWSSDK.Core", StringComparison.OrdinalIgnoreCase)))
        {
            packages.Add(new PackageReference("AWSSDK.Core", null)); // every service package depends on it
        }

        if (packages.Count == 0 && anyAwsCode)
        {
            // A folder without a project file: the AWS services its code names, from the copies awsbp carries.
            packages.AddRange(CarriedAwsAssemblies().Select(id => new PackageReference(id, null)));
        }

        if (_fetch)
        {
            var missing = packages.Where(p => IsAws(p.Id) && FromCache(p.Id, p.Version, out _).Count == 0).ToList();
            if (missing.Count > 0)
            {
                notes.Add(PackageFetch.Run(missing, directory, out var fetchError)
                    ? $"fetched from the configured package sources: {string.Join(", ", missing.Select(p => p.Id))}"
                    : $"could not fetch {string.Join(", ", missing.Select(p => p.Id))} from the configured package sources ({fetchError})");
            }
        }

        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<PackageReference>(packages);
        while (pending.Count > 0)
        {
            var package = pending.Dequeue();
            if (!visited.Add(package.Id))
            {
                continue;
            }

            var fromCache = FromCache(package.Id, package.Version, out var dependencies);
            if (fromCache.Count > 0 || dependencies.Count > 0)
            {
                Add(fromCache);
                foreach (var dependency in dependencies)
                {
                    pending.Enqueue(dependency);
                }

                continue;
            }

            if (package.Id.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase))
            {
                var carried = Path.Combine(CarriedFolder, package.Id + ".dll");
                if (File.Exists(carried))
                {
                    Add(new[] { carried });
                    if (project.Packages.Count > 0)
                    {
                        notes.Add($"{package.Id} {package.Version ?? ""} is not in the NuGet cache: analysed against the copy awsbp carries".Replace("  ", " "));
                    }
                }
                else
                {
                    notes.Add($"{package.Id} could not be had (not in the NuGet cache, not carried by awsbp): its calls are not recognised");
                }
            }
            else if (package.Id.StartsWith("Amazon.Lambda.", StringComparison.OrdinalIgnoreCase))
            {
                lambdaStubs = true;
            }
            else if (project.Packages.Any(p => p.Id.Equals(package.Id, StringComparison.OrdinalIgnoreCase)))
            {
                // Only packages the project names: a dependency missing from the cache is usually part of the framework.
                unresolved.Add(package.Id);
            }
        }

        if (lambdaStubs)
        {
            notes.Add("Amazon.Lambda.* packages are not in the NuGet cache: their types are declared from awsbp's stubs");
        }

        if (unresolved.Count > 0)
        {
            notes.Add($"{unresolved.Count} package(s) not in the NuGet cache, their types unresolved: {string.Join(", ", unresolved.Take(8))}{(unresolved.Count > 8 ? ", …" : "")}");
        }

        return new ResolvedReferences(references, lambdaStubs);

        void Add(IEnumerable<string> paths)
        {
            foreach (var path in paths)
            {
                if (!names.Add(Path.GetFileNameWithoutExtension(path)))
                {
                    continue;
                }

                if (!_byPath.TryGetValue(path, out var reference))
                {
                    reference = MetadataReference.CreateFromFile(path);
                    _byPath[path] = reference;
                }

                references.Add(reference);
            }
        }
    }

    private static bool IsAws(string id)
        => id.StartsWith("AWSSDK.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Amazon.Lambda.", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> CarriedAwsAssemblies()
        => !Directory.Exists(CarriedFolder) ? Enumerable.Empty<string>() : Directory.EnumerateFiles(CarriedFolder, "AWSSDK.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not null && !n.Contains("CodeAnalysis", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)!;

    private IReadOnlyList<string> FromCache(string id, string? version, out IReadOnlyList<PackageReference> dependencies)
    {
        dependencies = Array.Empty<PackageReference>();
        if (_packagesRoot is null)
        {
            return Array.Empty<string>();
        }

        var folder = Path.Combine(_packagesRoot, id.ToLowerInvariant());
        if (!Directory.Exists(folder))
        {
            return Array.Empty<string>();
        }

        var versions = Directory.GetDirectories(folder).Select(Path.GetFileName).Where(v => v is not null).Cast<string>().ToList();
        var chosen = Choose(versions, version);
        if (chosen is null)
        {
            return Array.Empty<string>();
        }

        dependencies = Dependencies(Path.Combine(folder, chosen, id.ToLowerInvariant() + ".nuspec"));
        var lib = Path.Combine(folder, chosen, "lib");
        if (!Directory.Exists(lib))
        {
            return Array.Empty<string>();
        }

        foreach (var framework in FrameworkPreference)
        {
            var candidate = Path.Combine(lib, framework);
            if (Directory.Exists(candidate))
            {
                var dlls = Directory.GetFiles(candidate, "*.dll");
                if (dlls.Length > 0)
                {
                    return dlls;
                }
            }
        }

        return Array.Empty<string>();
    }

    /// <summary>A package's dependencies for the target framework nearest to .NET 8 (from its .nuspec in the cache).</summary>
    private static IReadOnlyList<PackageReference> Dependencies(string nuspec)
    {
        try
        {
            if (!File.Exists(nuspec))
            {
                return Array.Empty<PackageReference>();
            }

            var groups = System.Xml.Linq.XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "group").ToList();
            foreach (var framework in FrameworkPreference)
            {
                var group = groups.FirstOrDefault(g => Normalize((string?)g.Attribute("targetFramework")) == framework);
                if (group is not null)
                {
                    return group.Elements().Where(e => e.Name.LocalName == "dependency")
                        .Select(e => new PackageReference((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version")))
                        .Where(d => d.Id.Length > 0)
                        .ToList();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
        }

        return Array.Empty<PackageReference>();

        static string Normalize(string? framework) => framework?.ToLowerInvariant() switch
        {
            ".netstandard2.0" => "netstandard2.0",
            ".netstandard2.1" => "netstandard2.1",
            "net8.0" => "net8.0",
            { } other => other.TrimStart('.'),
            null => "",
        };
    }

    /// <summary>The exact version if the cache has it, else the newest with the same major version, else the newest.</summary>
    internal static string? Choose(IReadOnlyList<string> available, string? requested)
    {
        if (available.Count == 0)
        {
            return null;
        }

        var wanted = requested?.Trim('[', ']', '(', ')', ' ').Split(',')[0].Replace("*", "0");
        if (wanted is not null && available.Contains(wanted, StringComparer.OrdinalIgnoreCase))
        {
            return available.First(v => v.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        }

        var ordered = available.OrderByDescending(Parse).ThenByDescending(v => v, StringComparer.Ordinal).ToList();
        var major = wanted is not null ? Parse(wanted).Major : -1;
        return ordered.FirstOrDefault(v => Parse(v).Major == major) ?? ordered[0];

        static Version Parse(string value)
        {
            var core = value.Split('-', '+')[0];
            return Version.TryParse(core, out var parsed) ? parsed : new Version(0, 0);
        }
    }
}

internal sealed record ResolvedReferences(IReadOnlyList<MetadataReference> References, bool NeedsLambdaStubs);
