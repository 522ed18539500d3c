using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;

namespace AwsBestPractice.Cli;

/// <summary>
/// <c>awsbp scan|fix</c>. Exit codes: 0 no finding at or above the threshold, 1 findings, 2 nothing could be loaded (or bad
/// arguments). MSBuild is located before any type that touches it is loaded, so this class names none of them.
/// </summary>
public static class Program
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int NothingLoaded = 2;

    public static int Main(string[] args)
    {
        if (!MSBuildLocator.IsRegistered)
        {
            var instances = MSBuildLocator.QueryVisualStudioInstances();
            foreach (var instance in instances)
            {
                MSBuildLocator.RegisterInstance(instance);
                break;
            }
        }

        var root = new RootCommand("awsbp: audit and fix C# code that uses the AWS SDK for .NET, with or without a build.");
        root.Subcommands.Add(Commands.Scan());
        root.Subcommands.Add(Commands.Fix());
        var parse = root.Parse(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return parse.InvokeAsync(cancellationToken: cancel.Token).GetAwaiter().GetResult();
    }
}
