using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace AwsBestPractice.Cli.Tests;

/// <summary>Runs the built awsbp in its own process, and the folders the tests give it.</summary>
internal static class Awsbp
{
    public static string RepoRoot { get; } = Path.GetFullPath(Metadata("RepoRoot"));

    public static string Samples => Path.Combine(RepoRoot, "samples");

    private static string Tool => Path.GetFullPath(Metadata("Awsbp"));

    public static Result Run(params string[] args) => RunWith(null, args);

    /// <summary>Runs awsbp with extra environment variables (for example an empty NuGet cache).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"awsbp {string.Join(' ', args)} did not finish in 5 minutes");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A copy of samples/ without build output: nothing restored, so every project is analysed as loose files.</summary>
    public static TempFolder CopyOfSamples()
    {
        var folder = new TempFolder();
        Copy(Samples, folder.Path);
        return folder;
    }

    public static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is not ("bin" or "obj"))
            {
                Copy(folder, Path.Combine(to, name));
            }
        }
    }

    /// <summary>The entries (<c>ID|path|line</c>) of samples/expected-diagnostics.txt or expected-after-fix.txt.</summary>
    public static SortedSet<string> Expected(string file)
        => new(File.ReadLines(Path.Combine(Samples, file))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('#')[0].Trim()), StringComparer.Ordinal);

    /// <summary>The findings of a JSON report as <c>ID|path|line</c>, with <paramref name="prefix"/> removed from paths.</summary>
    public static SortedSet<string> Entries(JsonDocument report, string prefix = "")
        => new(report.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("ruleId").GetString()}|{Strip(f.GetProperty("path").GetString()!, prefix)}|{f.GetProperty("line").GetInt32()}"), StringComparer.Ordinal);

    private static string Strip(string path, string prefix) => prefix.Length > 0 && path.StartsWith(prefix, StringComparison.Ordinal) ? path.Substring(prefix.Length) : path;

    private static string Metadata(string key)
        => typeof(Awsbp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public JsonDocument Json() => JsonDocument.Parse(Stdout);

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }
}

internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "awsbp-tests", Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
