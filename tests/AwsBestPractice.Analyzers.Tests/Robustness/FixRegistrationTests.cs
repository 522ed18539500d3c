using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Infrastructure;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>Every exported fixer registers a fix for each of its diagnostic IDs somewhere in the test sources or samples.</summary>
public class FixRegistrationTests
{
    public static IEnumerable<object[]> FixableIds()
        => AnalyzerCatalog.CodeFixes.SelectMany(f => f.FixableDiagnosticIds.Select(id => new object[] { f.GetType().Name, id }));

    [Theory]
    [MemberData(nameof(FixableIds))]
    public async Task FixerRegistersAFixForItsId(string fixerName, string id)
    {
        var fixer = AnalyzerCatalog.CodeFixes.Single(f => f.GetType().Name == fixerName);
        foreach (var document in Corpus.TestSources.Concat(Corpus.Realistic))
        {
            if (!document.Text.Contains("Amazon", System.StringComparison.Ordinal))
            {
                continue;
            }

            var project = FixRunner.CreateProject(new[] { ("Test.cs", document.Text) });
            foreach (var diagnostic in (await FixRunner.GetAnalyzerDiagnosticsAsync(project)).Where(d => d.Id == id))
            {
                if (!(await FixRunner.GetFixesAsync(project, fixer, diagnostic)).IsEmpty)
                {
                    return;
                }
            }
        }

        Assert.Fail($"{fixerName} registered no fix for any {id} diagnostic of the test sources and samples.");
    }
}
