using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace AwsBestPractice.Analyzers.Tests.Robustness;

/// <summary>
/// Gate 3: for every diagnostic that has a fix, in the samples, the snippets and every rule-test source, apply each offered fix
/// alone, and Fix All at document, project and solution scope. After each: no new compiler error, every comment of the
/// original still present, no type or member declaration lost, and the diagnostic gone (Fix All: only diagnostics whose fix is
/// not offered remain).
/// </summary>
public class FixSafetyTests
{
    private readonly ITestOutputHelper _output;

    public FixSafetyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Sets() => new[] { new object[] { "samples" }, new object[] { "snippets" }, new object[] { "tests" } };

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task FixesNeverBreakCode(string set)
    {
        var documentSets = set switch
        {
            // Samples: each sample project is fixed as one project (a fix may touch several files).
            "samples" => Corpus.Samples.GroupBy(d => d.Name.Split('/')[1]).Select(g => g.Select(d => (d.Name, d.Text)).ToArray()).ToArray(),
            "snippets" => Corpus.Snippets.Select(d => new[] { (d.Name, d.Text) }).ToArray(),
            _ => Corpus.TestSources.Select(d => new[] { (d.Name, d.Text) }).ToArray(),
        };

        var stats = new Stats();
        foreach (var documents in documentSets)
        {
            await CheckAsync(documents, stats);
        }

        _output.WriteLine($"Fix safety ({set}): {documentSets.Length} projects, {stats.Diagnostics} fixable-rule diagnostics, {stats.SingleFixes} single fixes applied, {stats.FixAlls} Fix All applications, {stats.NotOffered} diagnostics without an offered fix, {stats.Failures.Count} failures.");
        foreach (var (id, rule) in stats.ByRule.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            _output.WriteLine($"  {id}: {rule.Diagnostics} diagnostics, {rule.SingleFixes} single fixes, {rule.FixAlls} Fix All applications, {rule.NotOffered} without an offered fix");
        }

        Assert.True(stats.Failures.Count == 0, string.Join(Environment.NewLine + Environment.NewLine, stats.Failures.Take(8)));
    }

    private sealed class Stats
    {
        /// <summary>The same counts per rule, so a new rule's fixes can be read off the output.</summary>
        public SortedDictionary<string, Stats> ByRule { get; } = new(StringComparer.Ordinal);

        public Stats For(string id) => ByRule.TryGetValue(id, out var rule) ? rule : ByRule[id] = new Stats();

        public int Diagnostics;
        public int SingleFixes;
        public int FixAlls;
        public int NotOffered;
        public List<string> Failures { get; } = new();
    }

    private static async Task CheckAsync((string Path, string Text)[] documents, Stats stats)
    {
        var project = FixRunner.CreateProject(documents);
        var diagnostics = (await FixRunner.GetAnalyzerDiagnosticsAsync(project))
            .Where(d => d.Location.IsInSource && FixRunner.FixersFor(d.Id).Count > 0)
            .ToImmutableArray();
        if (diagnostics.IsEmpty)
        {
            return;
        }

        var baselineErrors = Describe(await FixRunner.GetErrorsAsync(project));
        var name = string.Join(",", documents.Select(d => d.Path));

        foreach (var diagnostic in diagnostics)
        {
            stats.Diagnostics++;
            stats.For(diagnostic.Id).Diagnostics++;
            foreach (var fixer in FixRunner.FixersFor(diagnostic.Id))
            {
                var actions = await FixRunner.GetFixesAsync(project, fixer, diagnostic);
                if (actions.IsEmpty)
                {
                    stats.NotOffered++;
                    stats.For(diagnostic.Id).NotOffered++;
                }

                foreach (var action in actions)
                {
                    stats.SingleFixes++;
                    stats.For(diagnostic.Id).SingleFixes++;
                    var fixedSolution = await FixRunner.ApplyAsync(action, project.Solution);
                    var where = $"{name}: fix '{action.Title}' for {diagnostic.Id} at {diagnostic.Location.GetLineSpan()}";
                    await VerifyAsync(project, fixedSolution.GetProject(project.Id)!, baselineErrors, diagnostic.Id, diagnostics.Count(d => d.Id == diagnostic.Id), singleFix: true, where, stats);
                }
            }
        }

        foreach (var group in diagnostics.GroupBy(d => d.Id))
        {
            foreach (var fixer in FixRunner.FixersFor(group.Key))
            {
                var first = group.First();
                var firstActions = await FixRunner.GetFixesAsync(project, fixer, first);
                var keys = firstActions.Select(a => a.EquivalenceKey).Distinct().ToArray();
                foreach (var key in keys)
                {
                    foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
                    {
                        var document = project.GetDocument(first.Location.SourceTree)!;
                        var action = await FixRunner.GetFixAllAsync(project, fixer, scope, key, document, group.ToImmutableArray());
                        if (action is null)
                        {
                            stats.Failures.Add($"{name}: {fixer.GetType().Name} offers no Fix All in {scope} scope");
                            continue;
                        }

                        stats.FixAlls++;
                        stats.For(group.Key).FixAlls++;
                        var fixedSolution = await FixRunner.ApplyAsync(action, project.Solution);
                        var where = $"{name}: Fix All ({scope}, {key}) for {group.Key}";
                        await VerifyAsync(project, fixedSolution.GetProject(project.Id)!, baselineErrors, group.Key, group.Count(), singleFix: false, where, stats, scope == FixAllScope.Document ? document.Id : null);
                    }
                }
            }
        }
    }

    private static async Task VerifyAsync(Project original, Project fixedProject, List<string> baselineErrors, string id, int countBefore, bool singleFix, string where, Stats stats, DocumentId? onlyDocument = null)
    {
        var errors = Describe(await FixRunner.GetErrorsAsync(fixedProject));
        foreach (var baseline in baselineErrors)
        {
            errors.Remove(baseline);
        }

        if (errors.Count > 0)
        {
            stats.Failures.Add($"{where}: new compiler errors:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}{Environment.NewLine}{await ChangedTextAsync(original, fixedProject)}");
            return;
        }

        foreach (var document in original.Documents)
        {
            var fixedDocument = fixedProject.GetDocument(document.Id);
            if (fixedDocument is null)
            {
                stats.Failures.Add($"{where}: document {document.Name} was removed");
                continue;
            }

            var before = (await document.GetSyntaxRootAsync())!;
            var after = (await fixedDocument.GetSyntaxRootAsync())!;
            var afterText = after.ToFullString();
            foreach (var comment in Comments(before))
            {
                if (!afterText.Contains(comment, StringComparison.Ordinal))
                {
                    stats.Failures.Add($"{where}: comment lost in {document.Name}: {comment}{Environment.NewLine}{await ChangedTextAsync(original, fixedProject)}");
                }
            }

            var declarationsAfter = Declarations(after).ToHashSet();
            foreach (var declaration in Declarations(before))
            {
                if (!declarationsAfter.Contains(declaration))
                {
                    stats.Failures.Add($"{where}: declaration lost in {document.Name}: {declaration}");
                }
            }
        }

        var remaining = (await FixRunner.GetAnalyzerDiagnosticsAsync(fixedProject)).Where(d => d.Id == id).ToArray();
        if (singleFix)
        {
            if (remaining.Length >= countBefore)
            {
                stats.Failures.Add($"{where}: the fix did not remove the diagnostic ({countBefore} before, {remaining.Length} after){Environment.NewLine}{await ChangedTextAsync(original, fixedProject)}");
            }

            return;
        }

        // Fix All: what remains must be diagnostics whose fix is deliberately not offered.
        foreach (var diagnostic in remaining)
        {
            if (onlyDocument is not null && fixedProject.GetDocument(diagnostic.Location.SourceTree)?.Id != onlyDocument)
            {
                continue;
            }

            foreach (var fixer in FixRunner.FixersFor(id))
            {
                if (!(await FixRunner.GetFixesAsync(fixedProject, fixer, diagnostic)).IsEmpty)
                {
                    stats.Failures.Add($"{where}: a fixable {id} remains at {diagnostic.Location.GetLineSpan()}{Environment.NewLine}{await ChangedTextAsync(original, fixedProject)}");
                }
            }
        }
    }

    private static List<string> Describe(ImmutableArray<Diagnostic> errors)
        => errors.Select(e => $"{e.Id}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}").ToList();

    private static IEnumerable<string> Comments(SyntaxNode root)
        => root.DescendantTrivia(descendIntoTrivia: true)
            .Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia))
            .Select(t => t.ToString().Trim())
            .Where(t => t.Length > 2);

    private static IEnumerable<string> Declarations(SyntaxNode root)
        => root.DescendantNodes().Select(n => n switch
        {
            BaseTypeDeclarationSyntax type => "type " + type.Identifier.ValueText,
            MethodDeclarationSyntax method => $"method {method.Identifier.ValueText}({method.ParameterList.Parameters.Count})",
            PropertyDeclarationSyntax property => "property " + property.Identifier.ValueText,
            ConstructorDeclarationSyntax constructor => $"ctor {constructor.Identifier.ValueText}({constructor.ParameterList.Parameters.Count})",
            LocalFunctionStatementSyntax local => "local function " + local.Identifier.ValueText,
            _ => null,
        }).Where(d => d is not null)!;

    private static async Task<string> ChangedTextAsync(Project original, Project fixedProject)
    {
        var parts = new List<string>();
        foreach (var document in original.Documents)
        {
            var before = (await document.GetTextAsync()).ToString();
            var after = (await fixedProject.GetDocument(document.Id)!.GetTextAsync()).ToString();
            if (before != after)
            {
                parts.Add($"--- fixed {document.Name} ---{Environment.NewLine}{after}");
            }
        }

        return string.Join(Environment.NewLine, parts);
    }
}
