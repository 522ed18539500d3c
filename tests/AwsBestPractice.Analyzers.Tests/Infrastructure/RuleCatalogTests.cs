using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>Every shipped descriptor matches the catalog, has its doc page, help link and release-tracking line.</summary>
public class RuleCatalogTests
{
    [Fact]
    public void AtLeastTheWaveOneRulesAreImplemented()
    {
        var ids = AnalyzerCatalog.Descriptors.Select(d => d.Id).ToArray();
        Assert.Contains("AWSBP001", ids);
        Assert.Contains("AWSBP010", ids);
        Assert.Contains("AWSBP020", ids);
        Assert.Contains("AWSBP030", ids);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.DescriptorIds), MemberType = typeof(AnalyzerCatalog))]
    public void DescriptorMatchesCatalog(string id)
    {
        var descriptor = AnalyzerCatalog.Descriptors.Single(d => d.Id == id);
        Assert.True(RuleCatalog.Rules.TryGetValue(id, out var entry), $"{id} is not in the rule catalog");
        Assert.Equal(entry!.Title, descriptor.Title.ToString());
        Assert.Equal(entry.Category, descriptor.Category);
        Assert.Equal(entry.Severity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault || entry.Severity == DiagnosticSeverity.Hidden);
        Assert.False(descriptor.Title.ToString().EndsWith(".", StringComparison.Ordinal), "titles have no trailing period");
        Assert.DoesNotContain(id, RuleCatalog.Retired);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.DescriptorIds), MemberType = typeof(AnalyzerCatalog))]
    public void DescriptorHasDocPageAndHelpLink(string id)
    {
        var descriptor = AnalyzerCatalog.Descriptors.Single(d => d.Id == id);
        Assert.Equal($"https://github.com/awsbestpractice/AwsBestPractice.Analyzers/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        var page = RepositoryPaths.RuleDoc(id);
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text);
        foreach (var section in new[] { "## Why", "## Non-compliant", "## Compliant", "## Configure or suppress" })
        {
            Assert.Contains(section, text);
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.DescriptorIds), MemberType = typeof(AnalyzerCatalog))]
    public void DescriptorIsInReleaseTracking(string id)
    {
        var descriptor = AnalyzerCatalog.Descriptors.Single(d => d.Id == id);
        var releases = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "AwsBestPractice.Analyzers", "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "AwsBestPractice.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex($@"^{id}\s*\|\s*{descriptor.Category}\s*\|\s*{SeverityName(descriptor.DefaultSeverity)}\s*\|", RegexOptions.Multiline), releases);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCatalog.DescriptorIds), MemberType = typeof(AnalyzerCatalog))]
    public void RuleWithFixInCatalogHasAnExportedFixer(string id)
    {
        var entry = RuleCatalog.Rules[id];
        var fixers = AnalyzerCatalog.CodeFixes.Where(f => f.FixableDiagnosticIds.Contains(id)).ToArray();
        Assert.Equal(entry.HasFix, fixers.Length > 0);
    }

    [Theory]
    [InlineData("docs/README.md", "rules/")]
    [InlineData("README.md", "docs/rules/")]
    public void DocsRuleTableIsUpToDate(string file, string linkPrefix)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        var expected = DocsTable.Render(AnalyzerCatalog.Descriptors, id => AnalyzerCatalog.CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id)), linkPrefix);
        var actual = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(DocsTable.Begin, actual);
        var updated = DocsTable.Replace(actual, expected);
        updated = DocsTable.Replace(updated, DocsTable.RenderPlanned(AnalyzerCatalog.Descriptors.Select(d => d.Id).ToHashSet()), DocsTable.PlannedBegin, DocsTable.PlannedEnd);
        if (updated != actual && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, updated);
            return;
        }

        Assert.True(updated == actual, $"The rule table in {file} is stale: run the tests with UPDATE_DOCS=1 to regenerate it.");
    }

    private static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "Info",
        DiagnosticSeverity.Hidden => "Hidden",
        DiagnosticSeverity.Warning => "Warning",
        _ => "Error",
    };
}

/// <summary>The docs/README.md rule table, generated from the descriptors.</summary>
public static class DocsTable
{
    public const string Begin = "<!-- rules:begin (generated by RuleCatalogTests; UPDATE_DOCS=1 dotnet test to refresh) -->";
    public const string End = "<!-- rules:end -->";

    public static string Render(IEnumerable<DiagnosticDescriptor> descriptors, Func<string, bool> hasFix, string linkPrefix)
    {
        var lines = new List<string>
        {
            "| ID | Title | Category | Default severity | Code fix |",
            "|---|---|---|---|---|",
        };
        foreach (var d in descriptors)
        {
            lines.Add($"| [{d.Id}]({linkPrefix}{d.Id}.md) | {d.Title} | {d.Category} | {d.DefaultSeverity} | {(hasFix(d.Id) ? "yes" : "no")} |");
        }

        return string.Join("\n", lines);
    }

    public const string PlannedBegin = "<!-- planned:begin (generated from the rule catalog by RuleCatalogTests) -->";
    public const string PlannedEnd = "<!-- planned:end -->";

    /// <summary>The catalogue's rules that are not implemented yet: their IDs are reserved.</summary>
    public static string RenderPlanned(ISet<string> implemented)
    {
        var lines = new List<string>
        {
            "| ID | Title | Category | Default severity | Wave | Code fix |",
            "|---|---|---|---|---|---|",
        };
        foreach (var (id, entry) in RuleCatalog.Rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (!implemented.Contains(id))
            {
                lines.Add($"| {id} | {entry.Title} | {entry.Category} | {entry.Severity} | {entry.Wave} | {(entry.HasFix ? "planned" : "no")} |");
            }
        }

        return string.Join("\n", lines);
    }

    public static string Replace(string document, string table, string begin = Begin, string end = End)
    {
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = document.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            return document;
        }

        return document.Substring(0, start + begin.Length) + "\n" + table + "\n" + document.Substring(stop);
    }
}

/// <summary>Every exported fixer is MEF-exported, shared, has a fix-all provider and fixes only shipped IDs.</summary>
public class CodeFixProviderTests
{
    public static IEnumerable<object[]> Fixers() => AnalyzerCatalog.CodeFixes.Select(f => new object[] { f.GetType().Name });

    [Theory]
    [MemberData(nameof(Fixers))]
    public void FixerIsExportedSharedAndSupportsFixAll(string name)
    {
        var fixer = AnalyzerCatalog.CodeFixes.Single(f => f.GetType().Name == name);
        var type = fixer.GetType();
        Assert.True(type.IsSealed, $"{name} should be sealed");
        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Contains(LanguageNames.CSharp, export!.Languages);
        Assert.NotNull(type.GetCustomAttribute<System.Composition.SharedAttribute>());
        Assert.NotNull(fixer.GetFixAllProvider());
        Assert.NotEmpty(fixer.FixableDiagnosticIds);
        foreach (var id in fixer.FixableDiagnosticIds)
        {
            Assert.Contains(id, AnalyzerCatalog.Descriptors.Select(d => d.Id));
        }
    }
}

public class AnalyzerShapeTests
{
    public static IEnumerable<object[]> AnalyzerNames() => AnalyzerCatalog.Analyzers.Select(a => new object[] { a.GetType().Name });

    [Fact]
    public void AnalyzerAssemblyDoesNotReferenceWorkspaces()
    {
        var references = AnalyzerCatalog.AnalyzerAssembly.GetReferencedAssemblies().Select(a => a.Name).ToArray();
        Assert.DoesNotContain(references, r => r!.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal) || r.Contains("Workspaces", StringComparison.Ordinal));
        var roslyn = AnalyzerCatalog.AnalyzerAssembly.GetReferencedAssemblies().Single(a => a.Name == "Microsoft.CodeAnalysis");
        Assert.Equal(new Version(4, 8, 0, 0), roslyn.Version);
    }

    [Fact]
    public void AssembliesTargetNetStandard20()
    {
        foreach (var assembly in new[] { AnalyzerCatalog.AnalyzerAssembly, AnalyzerCatalog.CodeFixAssembly })
        {
            var framework = assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>();
            Assert.Equal(".NETStandard,Version=v2.0", framework?.FrameworkName);
        }
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void AnalyzerIsSealedAndStateless(string name)
    {
        var type = AnalyzerCatalog.Analyzers.Single(a => a.GetType().Name == name).GetType();
        Assert.True(type.IsSealed);
        var mutableFields = type.GetFields(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => !f.IsLiteral && !f.IsInitOnly && !f.Name.Contains("k__BackingField", StringComparison.Ordinal))
            .Select(f => f.Name)
            .ToArray();
        Assert.Empty(mutableFields);
    }

    [Theory]
    [MemberData(nameof(AnalyzerNames))]
    public void WithoutAwsSdkNothingIsRegistered(string name)
    {
        var analyzer = AnalyzerCatalog.Analyzers.Single(a => a.GetType().Name == name);
        var withoutAws = RecordingAnalysisContext.Run(analyzer, Compilations.Create("class C { void M() { } }", Verifiers.AwsSdk.None));
        Assert.True(withoutAws.ConfiguredConcurrentExecution, "EnableConcurrentExecution");
        Assert.Equal(GeneratedCodeAnalysisFlags.None, withoutAws.GeneratedCodeFlags);
        Assert.True(withoutAws.CompilationStartActions > 0, "rules gate in RegisterCompilationStartAction");
        Assert.Equal(0, withoutAws.NonStartActions);
        Assert.Equal(0, withoutAws.ActionsRegisteredInCompilationStart);

        var withAws = RecordingAnalysisContext.Run(analyzer, Compilations.Create("class C { void M() { } }", Verifiers.AwsSdk.V4));
        Assert.True(withAws.ActionsRegisteredInCompilationStart > 0, "with the AWS SDK the rule registers its actions");
    }
}
