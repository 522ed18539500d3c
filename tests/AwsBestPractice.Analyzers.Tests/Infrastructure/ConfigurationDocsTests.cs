using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>Every .editorconfig option a rule reads is in docs/configuration.md's table and on the rule's page.</summary>
public class ConfigurationDocsTests
{
    [Fact]
    public void EveryRuleOptionIsDocumented()
    {
        var rules = Path.Combine(RepositoryPaths.Root, "src", "AwsBestPractice.Analyzers", "Rules");
        var options = Directory.EnumerateFiles(rules, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\.TreeOption\(\s*\w+\.Id,\s*""([a-z_]+)""").Select(m =>
                (Id: Regex.Match(file.Replace('\\', '/'), @"/(AWSBP\d{3})_").Groups[1].Value, Name: m.Groups[1].Value)))
            .Distinct()
            .ToList();
        Assert.NotEmpty(options); // AWSBP005's max_lifetime at least: the search itself must find something

        var configuration = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
        foreach (var (id, name) in options)
        {
            var key = $"dotnet_diagnostic.{id}.{name}";
            Assert.Matches(new Regex(@"^\| `" + Regex.Escape(key) + "` \\| \\[" + id + "\\]", RegexOptions.Multiline), configuration);
            Assert.Contains(key, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "rules", id + ".md")), StringComparison.Ordinal);
        }
    }
}
