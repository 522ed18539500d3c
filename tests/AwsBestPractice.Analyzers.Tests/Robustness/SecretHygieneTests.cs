using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>
/// Gate 5: for every credential-shaped value in the AWSBP001 tests, the samples and the snippets, no diagnostic message, title,
/// description, property (these reach SARIF logs) or code-fix title contains the full value. (The SARIF files of a real build
/// of the samples are checked by eng/check-samples.sh.)
/// </summary>
public class SecretHygieneTests
{
    private static readonly Regex AccessKeyShape = new(@"(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Z0-9])", RegexOptions.Compiled);
    private static readonly Regex SecretShape = new(@"""([A-Za-z0-9/+=]{32,64})""", RegexOptions.Compiled);

    private readonly ITestOutputHelper _output;

    public SecretHygieneTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task NoOutputContainsAFullSecret()
    {
        var credentialTests = Path.Combine(RepositoryPaths.Root, "tests", "AwsBestPractice.Analyzers.Tests", "Rules", "AWSBP001_HardcodedCredentialsTests.cs");
        Assert.True(File.Exists(credentialTests), "the AWSBP001 tests are the source of credential-shaped values");
        var documents = Corpus.TestSources.Where(d => d.Name.StartsWith("tests/AWSBP001_HardcodedCredentialsTests", StringComparison.Ordinal))
            .Concat(Corpus.Samples)
            .Concat(Corpus.Snippets)
            .ToArray();

        var secrets = documents.SelectMany(d => Secrets(d.Text)).Where(s => s.Length >= 12).Distinct().ToArray();
        Assert.NotEmpty(secrets);

        var checkedDiagnostics = 0;
        var checkedFixes = 0;
        var leaks = new List<string>();
        foreach (var document in documents)
        {
            var project = FixRunner.CreateProject(new[] { (document.Name.Replace('/', '_') + ".cs", document.Text) });
            var diagnostics = await FixRunner.GetAnalyzerDiagnosticsAsync(project);
            foreach (var diagnostic in diagnostics.Where(d => d.Id.StartsWith("AWSBP", StringComparison.Ordinal)))
            {
                checkedDiagnostics++;
                var outputs = new List<string>
                {
                    diagnostic.GetMessage(CultureInfo.InvariantCulture),
                    diagnostic.Descriptor.Title.ToString(CultureInfo.InvariantCulture),
                    diagnostic.Descriptor.Description.ToString(CultureInfo.InvariantCulture),
                    diagnostic.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture),
                };
                outputs.AddRange(diagnostic.Properties.Select(p => p.Key + "=" + p.Value));
                foreach (var fixer in FixRunner.FixersFor(diagnostic.Id))
                {
                    foreach (var action in await FixRunner.GetFixesAsync(project, fixer, diagnostic))
                    {
                        checkedFixes++;
                        outputs.Add(action.Title);
                    }
                }

                foreach (var secret in secrets)
                {
                    if (outputs.Any(o => o.Contains(secret, StringComparison.Ordinal)))
                    {
                        leaks.Add($"{document.Name}: {diagnostic.Id} output contains the full value {secret.Substring(0, 4)}…");
                    }
                }
            }
        }

        _output.WriteLine($"Secret hygiene: {secrets.Length} credential-shaped values, {checkedDiagnostics} diagnostics and {checkedFixes} fix titles checked.");
        Assert.True(checkedDiagnostics > 0);
        Assert.Empty(leaks);
    }

    internal static IEnumerable<string> Secrets(string text)
    {
        foreach (Match match in AccessKeyShape.Matches(text))
        {
            yield return match.Value;
        }

        foreach (Match match in SecretShape.Matches(text))
        {
            var value = match.Groups[1].Value;
            // Secret-like: mixed case and digits (not a word or a path).
            if (value.Any(char.IsDigit) && value.Any(char.IsUpper) && value.Any(char.IsLower))
            {
                yield return value;
            }
        }
    }
}
