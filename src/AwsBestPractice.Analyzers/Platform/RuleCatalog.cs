using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The rule catalogue (RULES.md): every ID with its fixed title, category, default severity, wave and whether it has a fix,
/// written once. Descriptors take their title, category and severity from here (<see cref="Descriptor"/>); the README and
/// docs tables, the release-tracking check and the scripts' ID list (<c>eng/rules.txt</c>) are generated from it or checked
/// against it by the tests.
/// </summary>
internal static class RuleCatalog
{
    public static ImmutableArray<RuleEntry> Rules { get; } = ImmutableArray.Create<RuleEntry>(
        new("AWSBP001", "Do not hardcode AWS credentials", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 1, hasFix: true),
        new("AWSBP002", "Do not grant wildcard permissions in IAM policy documents", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 2, hasFix: false),
        new("AWSBP003", "Do not make S3 objects or buckets public with canned ACLs", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP004", "Do not send AWS requests over plain HTTP", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP005", "Keep presigned URL lifetimes short and valid", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP006", "Use IMDSv2 instead of raw IMDSv1 metadata requests", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP007", "Do not open SSH/RDP to the whole internet", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP008", "Read configuration and secrets from the environment, not literals, in Lambda code", RuleCategories.Security, DiagnosticSeverity.Info, wave: 3, hasFix: true),
        new("AWSBP009", "Do not log AWS credentials", RuleCategories.Security, DiagnosticSeverity.Warning, wave: 3, hasFix: true),
        new("AWSBP010", "Create SDK clients outside the Lambda handler", RuleCategories.Performance, DiagnosticSeverity.Warning, wave: 1, hasFix: true),
        new("AWSBP011", "Do not block on async AWS calls in a Lambda handler", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP012", "Await AWS calls before the Lambda handler returns", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP013", "A Lambda function must not invoke itself", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP014", "Cache configuration fetched from SSM/Secrets Manager outside the handler", RuleCategories.Performance, DiagnosticSeverity.Info, wave: 3, hasFix: true),
        new("AWSBP015", "Lambda handlers must not be async void", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: true),
        new("AWSBP016", "Do not overwrite reserved Lambda environment variables", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP017", "Do not invoke other Lambda functions synchronously from a handler", RuleCategories.Cost, DiagnosticSeverity.Info, wave: 3, hasFix: false),
        new("AWSBP020", "Do not retry AWS client errors (4xx)", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 1, hasFix: true),
        new("AWSBP021", "Back off exponentially between retries of AWS calls", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP022", "Handle unprocessed items of batch operations", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP030", "Do not empty a DynamoDB table with Scan and DeleteItem", RuleCategories.Cost, DiagnosticSeverity.Warning, wave: 1, hasFix: true),
        new("AWSBP031", "Use BatchWriteItem instead of single writes in a loop", RuleCategories.Performance, DiagnosticSeverity.Info, wave: 2, hasFix: true),
        new("AWSBP032", "Follow pagination of AWS list, scan and query calls", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP033", "Keep DynamoDB batch and transaction sizes within limits", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP034", "Filter DynamoDB scans on the server, not in memory", RuleCategories.Cost, DiagnosticSeverity.Info, wave: 3, hasFix: false),
        new("AWSBP040", "Use SQS long polling", RuleCategories.Cost, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP041", "Receive SQS messages in batches", RuleCategories.Performance, DiagnosticSeverity.Info, wave: 2, hasFix: true),
        new("AWSBP042", "Use SQS batch APIs instead of per-message calls in a loop", RuleCategories.Cost, DiagnosticSeverity.Info, wave: 2, hasFix: true),
        new("AWSBP043", "SQS parameter value out of range", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 2, hasFix: true),
        new("AWSBP044", "Set MessageGroupId when sending to a FIFO queue", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP045", "Use PurgeQueue instead of receive-and-delete loops to empty a queue", RuleCategories.Cost, DiagnosticSeverity.Info, wave: 3, hasFix: true),
        new("AWSBP050", "Use TransferUtility for file uploads to S3", RuleCategories.Reliability, DiagnosticSeverity.Info, wave: 2, hasFix: true),
        new("AWSBP052", "Use DeleteObjects instead of deleting S3 objects one by one", RuleCategories.Cost, DiagnosticSeverity.Info, wave: 2, hasFix: true),
        new("AWSBP053", "S3 bucket name is invalid", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: false),
        new("AWSBP054", "Dispose S3 GetObject responses", RuleCategories.Reliability, DiagnosticSeverity.Warning, wave: 3, hasFix: true),
        new("AWSBP055", "Verify bucket ownership with ExpectedBucketOwner (off by default)", RuleCategories.Security, DiagnosticSeverity.Hidden, wave: 3, hasFix: false),
        new("AWSBP061", "Use envelope encryption for data over 4 KB", RuleCategories.Reliability, DiagnosticSeverity.Info, wave: 3, hasFix: false),
        new("AWSBP062", "Use ReEncrypt instead of Decrypt followed by Encrypt", RuleCategories.Security, DiagnosticSeverity.Info, wave: 3, hasFix: true),
        new("AWSBP070", "Reuse SDK clients instead of creating them per call", RuleCategories.Performance, DiagnosticSeverity.Warning, wave: 2, hasFix: true));

    /// <summary>Retired IDs are never reused.</summary>
    public static ImmutableArray<string> Retired { get; } = ImmutableArray.Create("AWSBP051", "AWSBP060");

    public static RuleEntry Get(string id)
    {
        foreach (var rule in Rules)
        {
            if (rule.Id == id)
            {
                return rule;
            }
        }

        throw new ArgumentException("Not in the rule catalogue: " + id, nameof(id));
    }

    /// <summary>The rule's descriptor: title, category and severity from the catalogue, help link to docs/rules/&lt;ID&gt;.md.</summary>
    public static DiagnosticDescriptor Descriptor(string id, string messageFormat, string description)
    {
        var rule = Get(id);
        return new DiagnosticDescriptor(
            id,
            rule.Title,
            messageFormat,
            rule.Category,
            rule.Severity,
            isEnabledByDefault: true,
            description,
            RuleIdentifiers.GetHelpUri(id));
    }
}

internal sealed class RuleEntry
{
    public RuleEntry(string id, string title, string category, DiagnosticSeverity severity, int wave, bool hasFix)
    {
        Id = id;
        Title = title;
        Category = category;
        Severity = severity;
        Wave = wave;
        HasFix = hasFix;
    }

    public string Id { get; }
    public string Title { get; }
    public string Category { get; }
    public DiagnosticSeverity Severity { get; }
    public int Wave { get; }
    public bool HasFix { get; }
}
