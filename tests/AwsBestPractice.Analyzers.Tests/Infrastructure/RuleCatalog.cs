using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>The rule catalog (RULES.md): IDs, titles, categories and default severities are fixed there.</summary>
public static class RuleCatalog
{
    public sealed record Entry(string Title, string Category, DiagnosticSeverity Severity, int Wave, bool HasFix);

    public static IReadOnlyDictionary<string, Entry> Rules { get; } = new Dictionary<string, Entry>
    {
        ["AWSBP001"] = new("Do not hardcode AWS credentials", "Security", DiagnosticSeverity.Warning, Wave: 1, HasFix: true),
        ["AWSBP002"] = new("Do not grant wildcard permissions in IAM policy documents", "Security", DiagnosticSeverity.Warning, Wave: 2, HasFix: false),
        ["AWSBP003"] = new("Do not make S3 objects or buckets public with canned ACLs", "Security", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP004"] = new("Do not send AWS requests over plain HTTP", "Security", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP005"] = new("Keep presigned URL lifetimes short and valid", "Security", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP006"] = new("Use IMDSv2 instead of raw IMDSv1 metadata requests", "Security", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP007"] = new("Do not open SSH/RDP to the whole internet", "Security", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP008"] = new("Read configuration and secrets from the environment, not literals, in Lambda code", "Security", DiagnosticSeverity.Info, Wave: 3, HasFix: true),
        ["AWSBP009"] = new("Do not log AWS credentials", "Security", DiagnosticSeverity.Warning, Wave: 3, HasFix: true),
        ["AWSBP010"] = new("Create SDK clients outside the Lambda handler", "Performance", DiagnosticSeverity.Warning, Wave: 1, HasFix: true),
        ["AWSBP011"] = new("Do not block on async AWS calls in a Lambda handler", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP012"] = new("Await AWS calls before the Lambda handler returns", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP013"] = new("A Lambda function must not invoke itself", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP014"] = new("Cache configuration fetched from SSM/Secrets Manager outside the handler", "Performance", DiagnosticSeverity.Info, Wave: 3, HasFix: true),
        ["AWSBP015"] = new("Lambda handlers must not be async void", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: true),
        ["AWSBP016"] = new("Do not overwrite reserved Lambda environment variables", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP017"] = new("Do not invoke other Lambda functions synchronously from a handler", "Cost", DiagnosticSeverity.Info, Wave: 3, HasFix: false),
        ["AWSBP020"] = new("Do not retry AWS client errors (4xx)", "Reliability", DiagnosticSeverity.Warning, Wave: 1, HasFix: true),
        ["AWSBP021"] = new("Back off exponentially between retries of AWS calls", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP022"] = new("Handle unprocessed items of batch operations", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP030"] = new("Do not empty a DynamoDB table with Scan and DeleteItem", "Cost", DiagnosticSeverity.Warning, Wave: 1, HasFix: true),
        ["AWSBP031"] = new("Use BatchWriteItem instead of single writes in a loop", "Performance", DiagnosticSeverity.Info, Wave: 2, HasFix: true),
        ["AWSBP032"] = new("Follow pagination of AWS list, scan and query calls", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP033"] = new("Keep DynamoDB batch and transaction sizes within limits", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP034"] = new("Filter DynamoDB scans on the server, not in memory", "Cost", DiagnosticSeverity.Info, Wave: 3, HasFix: false),
        ["AWSBP040"] = new("Use SQS long polling", "Cost", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP041"] = new("Receive SQS messages in batches", "Performance", DiagnosticSeverity.Info, Wave: 2, HasFix: true),
        ["AWSBP042"] = new("Use SQS batch APIs instead of per-message calls in a loop", "Cost", DiagnosticSeverity.Info, Wave: 2, HasFix: true),
        ["AWSBP043"] = new("SQS parameter value out of range", "Reliability", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
        ["AWSBP044"] = new("Set MessageGroupId when sending to a FIFO queue", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP045"] = new("Use PurgeQueue instead of receive-and-delete loops to empty a queue", "Cost", DiagnosticSeverity.Info, Wave: 3, HasFix: true),
        ["AWSBP050"] = new("Use TransferUtility for file uploads to S3", "Reliability", DiagnosticSeverity.Info, Wave: 2, HasFix: true),
        ["AWSBP052"] = new("Use DeleteObjects instead of deleting S3 objects one by one", "Cost", DiagnosticSeverity.Info, Wave: 2, HasFix: true),
        ["AWSBP053"] = new("S3 bucket name is invalid", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: false),
        ["AWSBP054"] = new("Dispose S3 GetObject responses", "Reliability", DiagnosticSeverity.Warning, Wave: 3, HasFix: true),
        ["AWSBP055"] = new("Verify bucket ownership with ExpectedBucketOwner (off by default)", "Security", DiagnosticSeverity.Hidden, Wave: 3, HasFix: false),
        ["AWSBP061"] = new("Use envelope encryption for data over 4 KB", "Reliability", DiagnosticSeverity.Info, Wave: 3, HasFix: false),
        ["AWSBP062"] = new("Use ReEncrypt instead of Decrypt followed by Encrypt", "Security", DiagnosticSeverity.Info, Wave: 3, HasFix: true),
        ["AWSBP070"] = new("Reuse SDK clients instead of creating them per call", "Performance", DiagnosticSeverity.Warning, Wave: 2, HasFix: true),
    };

    /// <summary>Retired IDs are never reused.</summary>
    public static IReadOnlyCollection<string> Retired { get; } = new[] { "AWSBP051", "AWSBP060" };
}
