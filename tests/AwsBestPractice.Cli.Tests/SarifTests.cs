using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Xunit;

namespace AwsBestPractice.Cli.Tests;

[Collection("awsbp")]
public sealed class SarifTests
{
    [Fact]
    public void Sarif_is_valid_2_1_0_with_rule_metadata_help_links_and_fingerprints()
    {
        using var copy = Awsbp.CopyOfSamples();
        var output = Path.Combine(copy.Path, "out", "awsbp.sarif");

        var run = Awsbp.Run("scan", copy.Path, "--format", "sarif", "--output", output);

        Assert.True(run.ExitCode == 1, run.ToString());
        var text = File.ReadAllText(output);
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-2.1.0.json")));
        var evaluation = schema.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? new()).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        using var sarif = JsonDocument.Parse(text);
        var runElement = sarif.RootElement.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Contains(rules, r => r.GetProperty("id").GetString() == "AWSBP010" && r.GetProperty("helpUri").GetString()!.EndsWith("AWSBP010.md", StringComparison.Ordinal));
        var results = runElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(
            Awsbp.Expected("expected-diagnostics.txt"),
            new System.Collections.Generic.SortedSet<string>(results.Select(r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                return $"{r.GetProperty("ruleId").GetString()}|{location.GetProperty("artifactLocation").GetProperty("uri").GetString()}|{location.GetProperty("region").GetProperty("startLine").GetInt32()}";
            }), StringComparer.Ordinal));
        Assert.All(results, r =>
        {
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Equal("%SRCROOT%", r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.Matches("^[0-9a-f]{32}$", r.GetProperty("partialFingerprints").EnumerateObject().Single().Value.GetString()!);
        });
    }

    [Fact]
    public void Schema_rejects_what_the_standard_rejects()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sarif-2.1.0.json")));
        var options = new EvaluationOptions { RequireFormatValidation = true };
        Assert.True(schema.Evaluate(JsonDocument.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}}}]}""").RootElement, options).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"version":"2.0.0","runs":[]}""").RootElement, options).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"level":"warn"}]}]}""").RootElement, options).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x","rules":[{"id":"A","helpLink":"x"}]}}}]}""").RootElement, options).IsValid);
    }
}
