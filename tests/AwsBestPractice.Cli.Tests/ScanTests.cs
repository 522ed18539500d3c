using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace AwsBestPractice.Cli.Tests;

/// <summary>awsbp scan, end to end. One collection: the tests run one at a time (each starts the tool; some restore).</summary>
[Collection("awsbp")]
public sealed class ScanTests
{
    [Fact]
    public void Samples_as_loose_files_report_the_expected_list()
    {
        using var copy = Awsbp.CopyOfSamples();
        var run = Awsbp.Run("scan", Path.Combine(copy.Path, "AwsBestPractice.Samples.sln"), "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var report = run.Json();
        Assert.Equal(Awsbp.Expected("expected-diagnostics.txt"), Awsbp.Entries(report));
        var projects = report.RootElement.GetProperty("projects").EnumerateArray().ToList();
        var samples = projects.Where(p => p.GetProperty("projectFile").GetString() is { } f && !f.StartsWith("..", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(samples);
        Assert.All(samples, p => Assert.Equal("loose files", p.GetProperty("mode").GetString()));
        // Loose-files mode compiles the samples without a single error: implicit usings, project references, packages from the cache.
        Assert.All(samples, p => Assert.Empty(p.GetProperty("filesWithCompileErrors").EnumerateArray()));
        Assert.Empty(report.RootElement.GetProperty("analyzerFailures").EnumerateArray());
    }

    [Fact]
    public void Samples_restored_are_analysed_from_their_build_with_the_same_findings()
    {
        var run = Awsbp.Run("scan", Path.Combine(Awsbp.Samples, "AwsBestPractice.Samples.sln"), "--restore", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var report = run.Json();
        Assert.Equal(Awsbp.Expected("expected-diagnostics.txt"), Awsbp.Entries(report));
        var orders = report.RootElement.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("name").GetString()!.StartsWith("OrdersFunction", StringComparison.Ordinal));
        Assert.Equal("build", orders.GetProperty("mode").GetString());
    }

    [Fact]
    public void Table_groups_findings_by_rule_with_title_count_and_first_locations()
    {
        using var copy = Awsbp.CopyOfSamples();
        var run = Awsbp.Run("scan", copy.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Stdout.Split('\n');
        var row = lines.Single(l => l.StartsWith("AWSBP010 ", StringComparison.Ordinal));
        Assert.Contains("warning", row);
        Assert.Contains("SDK clients", row, StringComparison.Ordinal);
        var count = Awsbp.Expected("expected-diagnostics.txt").Count(e => e.StartsWith("AWSBP010|", StringComparison.Ordinal));
        Assert.Contains($" {count}  ", row);
        var first = Array.IndexOf(lines, row) + 1;
        Assert.Matches(@"^\s+OrdersFunction/\S+\.cs:\d+:\d+$", lines[first].TrimEnd());
        Assert.Contains(lines, l => l.Contains("loose files", StringComparison.Ordinal));
        Assert.Contains("awsbp: analysing", run.Stderr); // progress goes to stderr, the report to stdout
    }

    [Fact]
    public void Unrestorable_project_is_analysed_as_loose_files_with_implicit_usings_and_notes()
    {
        using var folder = new TempFolder();
        folder.Write("Billing/Billing.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contoso.Internal.Billing" Version="9.9.9" />
                <PackageReference Include="AWSSDK.SQS" Version="3.7.400.1" />
                <PackageReference Include="Amazon.Lambda.Core" Version="2.2.0" />
                <PackageReference Include="Amazon.Lambda.SQSEvents" Version="2.2.0" />
              </ItemGroup>
            </Project>
            """);
        folder.Write("Billing/Poller.cs", """
            using Amazon.SQS;
            using Amazon.SQS.Model;
            using Contoso.Internal.Billing;

            namespace Billing;

            public sealed class Poller
            {
                private readonly IAmazonSQS _sqs = new AmazonSQSClient();
                private readonly HttpClient _http = new();

                public async Task<List<Message>> PollAsync(string queueUrl, CancellationToken cancellationToken)
                {
                    var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 25 }, cancellationToken);
                    return response.Messages;
                }

                public Task SendAsync(IEnumerable<Invoice> invoices, string queueUrl)
                {
                    return Task.WhenAll(invoices.Select(i => _sqs.SendMessageAsync(queueUrl, i.Id)));
                }
            }
            """);
        folder.Write("Billing/Function.cs", """
            using Amazon.Lambda.Core;
            using Amazon.SQS;

            namespace Billing;

            public class Function
            {
                public async Task<string> Handler(string input, ILambdaContext context)
                {
                    var sqs = new AmazonSQSClient();
                    await sqs.GetQueueUrlAsync(input);
                    return input;
                }
            }
            """);

        var run = Awsbp.Run("scan", folder.Path, "--restore", "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var report = run.Json();
        var project = report.RootElement.GetProperty("projects").EnumerateArray().Single();
        Assert.Equal("loose files", project.GetProperty("mode").GetString());
        var notes = string.Join("\n", project.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("restore failed", notes);
        Assert.Contains("Contoso.Internal.Billing", notes);
        Assert.Contains("Amazon.Lambda", notes);
        Assert.Contains(report.RootElement.GetProperty("messages").EnumerateArray(), m => m.GetString()!.Contains("restore of", StringComparison.Ordinal));
        // The Lambda handler is recognised through the declared Amazon.Lambda.Core types; HttpClient and Task resolve through
        // the implicit usings; only the unrestorable package's type is an error.
        Assert.Contains("AWSBP010|Billing/Function.cs|10", Awsbp.Entries(report));
        var errors = project.GetProperty("filesWithCompileErrors").EnumerateArray().ToList();
        var poller = Assert.Single(errors);
        Assert.Equal("Billing/Poller.cs", poller.GetProperty("path").GetString());
        Assert.Contains("Contoso", poller.GetProperty("first").GetString());
    }

    [Fact]
    public void Aws_packages_missing_from_the_cache_come_from_the_sources_with_restore_or_from_the_carried_copies()
    {
        using var folder = new TempFolder();
        using var cache = new TempFolder();
        // An SDK no machine has: MSBuild cannot even evaluate the project, so its own restore fetches nothing.
        folder.Write("Ops/Ops.csproj", """
            <Project Sdk="Contoso.Build.Sdk/1.0.0">
              <PropertyGroup>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AWSSDK.SimpleSystemsManagement" Version="4.1.0" />
              </ItemGroup>
            </Project>
            """);
        folder.Write("Ops/Parameters.cs", """
            using Amazon.SimpleSystemsManagement;
            using Amazon.SimpleSystemsManagement.Model;

            namespace Ops;

            public sealed class Parameters
            {
                public async Task<List<string>> ReadAsync(IEnumerable<string> names)
                {
                    var values = new List<string>();
                    foreach (var name in names)
                    {
                        var ssm = new AmazonSimpleSystemsManagementClient();
                        values.Add((await ssm.GetParameterAsync(new GetParameterRequest { Name = name })).Parameter.Value);
                    }

                    return values;
                }
            }
            """);
        var environment = new System.Collections.Generic.Dictionary<string, string> { ["NUGET_PACKAGES"] = cache.Path };

        var carried = Awsbp.RunWith(environment, "scan", folder.Path, "--format", "json");
        var fetched = Awsbp.RunWith(environment, "scan", folder.Path, "--restore", "--format", "json");

        foreach (var (run, note) in new[] { (carried, "analysed against the copy awsbp carries"), (fetched, "fetched from the configured package sources: AWSSDK.SimpleSystemsManagement") })
        {
            Assert.True(run.ExitCode == 1, run.ToString());
            using var report = run.Json();
            var project = report.RootElement.GetProperty("projects")[0];
            Assert.Equal("loose files", project.GetProperty("mode").GetString());
            Assert.Contains(project.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains(note, StringComparison.Ordinal));
            Assert.Empty(project.GetProperty("filesWithCompileErrors").EnumerateArray());
            Assert.Contains("AWSBP070|Ops/Parameters.cs|13", Awsbp.Entries(report)); // a client created per loop iteration
        }

        Assert.True(Directory.Exists(Path.Combine(cache.Path, "awssdk.simplesystemsmanagement", "4.1.0")));
    }

    [Fact]
    public void Folder_without_a_project_file_is_analysed_with_the_sdk_defaults()
    {
        using var folder = new TempFolder();
        folder.Write("scripts/Upload.cs", """
            using Amazon.Runtime;
            using Amazon.S3;

            public static class Upload
            {
                public static IAmazonS3 Create() => new AmazonS3Client(new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), Amazon.RegionEndpoint.USEast1);
            }
            """);

        var run = Awsbp.Run("scan", folder.Path, "--format", "json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var report = run.Json();
        Assert.Contains(Awsbp.Entries(report), e => e.StartsWith("AWSBP001|scripts/Upload.cs|6", StringComparison.Ordinal));
        Assert.DoesNotContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", run.Stdout); // messages never contain a full secret
        Assert.Equal("loose files", report.RootElement.GetProperty("projects")[0].GetProperty("mode").GetString());
    }

    [Fact]
    public void Exit_codes_say_clean_findings_or_nothing_loaded()
    {
        using var clean = new TempFolder();
        clean.Write("App/Program.cs", "System.Console.WriteLine(\"hello\");\n");
        Assert.Equal(0, Awsbp.Run("scan", clean.Path).ExitCode);

        using var copy = Awsbp.CopyOfSamples();
        var samples = Path.Combine(copy.Path, "AwsBestPractice.Samples.sln");
        Assert.Equal(1, Awsbp.Run("scan", samples, "--rules", "AWSBP001").ExitCode);
        // No catalogue rule has Error severity by default: nothing at or above the threshold.
        Assert.Equal(0, Awsbp.Run("scan", samples, "--severity", "error").ExitCode);

        Assert.Equal(2, Awsbp.Run("scan", Path.Combine(clean.Path, "missing")).ExitCode);
        Assert.Equal(2, Awsbp.Run("scan", samples, "--rules", "AWSBP999").ExitCode);
        var empty = new TempFolder();
        using (empty)
        {
            Assert.Equal(2, Awsbp.Run("scan", empty.Path).ExitCode);
        }
    }

    [Fact]
    public void Rules_option_limits_the_scan()
    {
        using var copy = Awsbp.CopyOfSamples();
        var run = Awsbp.Run("scan", copy.Path, "--rules", "AWSBP001,AWSBP030", "--format", "json");

        using var report = run.Json();
        var expected = Awsbp.Expected("expected-diagnostics.txt").Where(e => e.StartsWith("AWSBP001|", StringComparison.Ordinal) || e.StartsWith("AWSBP030|", StringComparison.Ordinal));
        Assert.Equal(expected, Awsbp.Entries(report));
    }

    [Fact]
    public void Every_rule_runs_whatever_the_projects_editorconfig_says_unless_respect_config()
    {
        using var copy = Awsbp.CopyOfSamples();
        File.AppendAllText(Path.Combine(copy.Path, ".editorconfig"), "\n[*.cs]\ndotnet_diagnostic.AWSBP001.severity = none\n");

        using var all = Awsbp.Run("scan", copy.Path, "--format", "json").Json();
        using var respected = Awsbp.Run("scan", copy.Path, "--format", "json", "--respect-config").Json();

        Assert.Contains(Awsbp.Entries(all), e => e.StartsWith("AWSBP001|", StringComparison.Ordinal));
        Assert.DoesNotContain(Awsbp.Entries(respected), e => e.StartsWith("AWSBP001|", StringComparison.Ordinal));
        Assert.Contains(Awsbp.Entries(respected), e => e.StartsWith("AWSBP010|", StringComparison.Ordinal));
    }
}
