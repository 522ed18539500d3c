using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security;

namespace AwsBestPractice.Cli.Loading;

/// <summary>
/// Puts packages into the NuGet cache from the sources configured for a folder: <c>dotnet restore</c> of a throw-away project
/// that names only them, so a project whose own restore fails (a private feed) still gets the AWS SDK assemblies it names.
/// </summary>
internal static class PackageFetch
{
    public static bool Run(IReadOnlyList<PackageReference> packages, string directory, out string? error)
    {
        var folder = Path.Combine(Path.GetTempPath(), "awsbp-fetch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var items = string.Concat(packages.Select(p =>
                $"    <PackageReference Include=\"{SecurityElement.Escape(p.Id)}\" Version=\"{SecurityElement.Escape(string.IsNullOrWhiteSpace(p.Version) ? "*" : p.Version)}\" />\n"));
            File.WriteAllText(Path.Combine(folder, "fetch.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                    <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                {items}  </ItemGroup>
                </Project>
                """);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
            start.ArgumentList.Add("restore");
            start.ArgumentList.Add(Path.Combine(folder, "fetch.csproj"));
            start.ArgumentList.Add("-nologo");
            start.ArgumentList.Add("-v:q");
            if (NearestConfig(directory) is { } config)
            {
                start.ArgumentList.Add("--configfile");
                start.ArgumentList.Add(config);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                error = "timed out after 3 minutes";
                return false;
            }

            var text = (output.Result + errors.Result).Trim();
            error = process.ExitCode == 0 ? null : text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)) ?? $"exit code {process.ExitCode}";
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            error = e.Message;
            return false;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// The nearest nuget.config above the project when it defines the whole source list (<c>&lt;clear /&gt;</c>): passed as
    /// <c>--configfile</c>. A config that only adds sources is left out: the user's and machine's sources (which the throw-away
    /// project's folder sees) then still apply.
    /// </summary>
    private static string? NearestConfig(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            foreach (var name in new[] { "nuget.config", "NuGet.config", "NuGet.Config" })
            {
                var path = Path.Combine(folder.FullName, name);
                if (File.Exists(path))
                {
                    return File.ReadAllText(path).Contains("<clear", StringComparison.OrdinalIgnoreCase) ? path : null;
                }
            }
        }

        return null;
    }
}
