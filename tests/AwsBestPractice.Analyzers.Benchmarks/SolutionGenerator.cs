using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AwsBestPractice.Analyzers.Tests.Performance.Scenarios;
using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Benchmarks;

/// <summary>
/// Writes the large generated solution of the build comparison (eng/perf/run.sh), and prepares a copy of samples/ for the same
/// comparison. Whether a build uses our package is chosen with <c>-p:PerfAnalyzers=ours|none</c> (perf-analyzers.props); the .NET
/// SDK's own analyzers are off in both configurations, so only our package differs (the AWS packages' own analyzers run in both).
/// </summary>
public static class SolutionGenerator
{
    /// <summary>One generated project: its share of the lines and what its files are made of.</summary>
    private sealed record ProjectPlan(string Name, double Share, bool ReferencesAws, string? ProjectReference, Func<int, int, (string Text, string? FiresRule)> File);

    private const int IndexStride = 10_000;

    public static int Run(string[] args)
    {
        if (args.Length >= 1 && args[0] == "samples")
        {
            return PrepareSamples(Arg(args, "--from") ?? throw Usage(), Arg(args, "--out") ?? throw Usage());
        }

        var output = Arg(args, "--out") ?? throw Usage();
        var lines = int.Parse(Arg(args, "--lines") ?? "200000", System.Globalization.CultureInfo.InvariantCulture);
        var firesEvery = int.Parse(Arg(args, "--fires-every") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        Generate(output, lines, firesEvery);
        return 0;
    }

    private static bool PrintedByBuild(string ruleId)
        => ScenarioCatalog.Analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == ruleId).DefaultSeverity >= Microsoft.CodeAnalysis.DiagnosticSeverity.Warning;

    private static Exception Usage() => new ArgumentException(
        "usage: generate-solution --out DIR [--lines 200000] [--fires-every 20] | generate-solution samples --from SAMPLES --out DIR");

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static void Generate(string output, int targetLines, int firesEvery)
    {
        var rules = ScenarioCatalog.MeasuredRuleIds;
        if (rules.Count == 0)
        {
            throw new InvalidOperationException("No shipped rule has a scenario.");
        }

        // AWS files: every scenario in turn; one file in `firesEvery` is the variant where the rule fires.
        (string, string?) AwsFile(int index, int ordinal, Func<int, string> pickRule)
        {
            var rule = pickRule(ordinal);
            var fires = ordinal % firesEvery == firesEvery - 1;
            return (ScenarioCatalog.Scenarios[rule].Generate(index, fires ? ScenarioVariant.Fires : ScenarioVariant.Clean), fires ? rule : null);
        }

        var handlerRule = rules.Contains("AWSBP010") ? "AWSBP010" : rules[0];
        var plans = new[]
        {
            new ProjectPlan("Contoso.Domain", 0.30, false, null, (i, _) => (CodeShapes.NonAwsFile(i), null)),
            new ProjectPlan("Contoso.Reporting", 0.15, false, null, (i, _) => (CodeShapes.NonAwsFile(i), null)),
            new ProjectPlan("Contoso.Infrastructure", 0.20, true, null, (i, o) => AwsFile(i, o, k => rules[k % rules.Count])),
            new ProjectPlan("Contoso.Functions", 0.10, true, null, (i, o) => AwsFile(i, o, k => k % 2 == 0 ? handlerRule : rules[(k / 2) % rules.Count])),
            // References Infrastructure: the AWS SDK is in its compilation, but its own code does not touch AWS.
            new ProjectPlan("Contoso.Web", 0.25, false, "Contoso.Infrastructure", (i, _) => (CodeShapes.NonAwsFile(i), null)),
        };

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        Directory.CreateDirectory(output);
        WriteCommonFiles(output);

        var stubs = Path.Combine(output, "src", "Lambda.Stubs");
        Directory.CreateDirectory(stubs);
        File.WriteAllText(Path.Combine(stubs, "Lambda.Stubs.csproj"), Csproj(references: false, projectReference: null, stubs: false));
        File.WriteAllText(Path.Combine(stubs, "LambdaStubs.cs"), "#nullable disable\n" + LambdaStubs.Source);

        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var summary = new List<object>();
        var totalLines = 0;
        for (var p = 0; p < plans.Length; p++)
        {
            var plan = plans[p];
            var directory = Path.Combine(output, "src", plan.Name);
            Directory.CreateDirectory(directory);
            var aws = plan.ReferencesAws || plan.ProjectReference is not null;
            File.WriteAllText(Path.Combine(directory, plan.Name + ".csproj"), Csproj(plan.ReferencesAws, plan.ProjectReference, stubs: plan.ReferencesAws));
            var quota = (int)(targetLines * plan.Share);
            int projectLines = 0, files = 0, awsFiles = 0;
            while (projectLines < quota)
            {
                var (text, firesRule) = plan.File((p + 1) * IndexStride + files, files);
                File.WriteAllText(Path.Combine(directory, $"File{files:D4}.cs"), text);
                projectLines += CodeShapes.CountLines(text);
                files++;
                if (plan.ReferencesAws)
                {
                    awsFiles++;
                }

                // A command-line build prints warnings and errors only: an Info rule's diagnostics are not in its log.
                if (firesRule is not null && PrintedByBuild(firesRule))
                {
                    expected[firesRule] = expected.GetValueOrDefault(firesRule) + ScenarioCatalog.Scenarios[firesRule].DiagnosticsPerFile;
                }
            }

            totalLines += projectLines;
            summary.Add(new { project = plan.Name, files, lines = projectLines, awsSdkReferenced = aws, awsFiles });
        }

        var projects = new[] { "Lambda.Stubs" }.Concat(plans.Select(p => p.Name));
        File.WriteAllText(Path.Combine(output, "Perf.slnx"),
            "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"src/{p}/{p}.csproj\" />\n")) + "</Solution>\n");
        File.WriteAllText(Path.Combine(output, "workload.json"), JsonSerializer.Serialize(
            new { lines = totalLines, firesEvery, projects = summary, expectedDiagnostics = expected },
            new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"Generated {totalLines:N0} lines in {plans.Length + 1} projects under {output}");
    }

    /// <summary>Copies samples/ (sources and projects, no bin/obj) and swaps its analyzer project references for perf-analyzers.props.</summary>
    public static int PrepareSamples(string from, string output)
    {
        if (!Directory.Exists(from))
        {
            Console.WriteLine($"No samples at {from}: skipped.");
            return 0;
        }

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(output, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        WriteCommonFiles(output, directoryBuildProps: false);
        var props = Path.Combine(output, "Directory.Build.props");
        var document = File.Exists(props) ? XDocument.Load(props) : new XDocument(new XElement("Project"));
        document.Root!.Descendants("ProjectReference")
            .Where(e => (string?)e.Attribute("OutputItemType") == "Analyzer")
            .ToList()
            .ForEach(e => e.Remove());
        document.Root.Add(new XElement("Import", new XAttribute("Project", "$(MSBuildThisFileDirectory)perf-analyzers.props")));
        document.Save(props);

        // The samples import the package's targets from the source tree (presets, as a package consumer gets them); the copy
        // lives elsewhere and gets them from the package itself where the package is referenced.
        var targets = Path.Combine(output, "Directory.Build.targets");
        if (File.Exists(targets))
        {
            var targetsDocument = XDocument.Load(targets);
            targetsDocument.Root!.Elements("Import")
                .Where(e => ((string?)e.Attribute("Project") ?? "").Contains("AwsBestPractice.Analyzers.Package", StringComparison.Ordinal))
                .ToList()
                .ForEach(e => e.Remove());
            targetsDocument.Save(targets);
        }

        // The samples' own solution also lists the analyzer projects: build the sample projects only.
        var projects = Directory.EnumerateFiles(output, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(output, p).Replace('\\', '/'))
            .OrderBy(p => p, StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(output, "Samples.slnx"),
            "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p}\" />\n")) + "</Solution>\n");
        Console.WriteLine($"Prepared samples under {output}");
        return 0;
    }

    private static void WriteCommonFiles(string output, bool directoryBuildProps = true)
    {
        File.WriteAllText(Path.Combine(output, "perf-analyzers.props"), """
            <Project>
              <!-- The analyzer package of this build: -p:PerfAnalyzers=ours|none (none by default). -->
              <PropertyGroup>
                <PerfAnalyzers Condition="'$(PerfAnalyzers)' == ''">none</PerfAnalyzers>
                <!-- Only the package under test: the .NET SDK's own analyzers are off in every configuration. -->
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
                <ReportAnalyzer>true</ReportAnalyzer>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup Condition="'$(PerfAnalyzers)' == 'ours'">
                <PackageReference Include="AwsBestPractice.Analyzers" Version="$(PerfOursVersion)" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);

        // Nothing from the repository's own .editorconfig files applies to the generated code.
        File.WriteAllText(Path.Combine(output, ".editorconfig"), "root = true\n");

        if (directoryBuildProps)
        {
            File.WriteAllText(Path.Combine(output, "Directory.Build.props"), """
                <Project>
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <LangVersion>latest</LangVersion>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                    <OutputType>Library</OutputType>
                    <IsPackable>false</IsPackable>
                    <GenerateDocumentationFile>false</GenerateDocumentationFile>
                  </PropertyGroup>
                  <Import Project="$(MSBuildThisFileDirectory)perf-analyzers.props" />
                </Project>
                """);
        }
    }

    private static string Csproj(bool references, string? projectReference, bool stubs)
    {
        var builder = new StringBuilder("<Project Sdk=\"Microsoft.NET.Sdk\">\n");
        if (references)
        {
            builder.Append("""
                  <ItemGroup>
                    <PackageReference Include="AWSSDK.DynamoDBv2" Version="4.1.0" />
                    <PackageReference Include="AWSSDK.S3" Version="4.1.0" />
                    <PackageReference Include="AWSSDK.SQS" Version="4.0.100.25" />
                    <PackageReference Include="Polly" Version="8.9.1" />
                  </ItemGroup>

                """);
        }

        if (stubs || projectReference is not null)
        {
            builder.Append("  <ItemGroup>\n");
            if (stubs)
            {
                builder.Append("    <ProjectReference Include=\"../Lambda.Stubs/Lambda.Stubs.csproj\" />\n");
            }

            if (projectReference is not null)
            {
                builder.Append($"    <ProjectReference Include=\"../{projectReference}/{projectReference}.csproj\" />\n");
            }

            builder.Append("  </ItemGroup>\n");
        }

        return builder.Append("</Project>\n").ToString();
    }
}
