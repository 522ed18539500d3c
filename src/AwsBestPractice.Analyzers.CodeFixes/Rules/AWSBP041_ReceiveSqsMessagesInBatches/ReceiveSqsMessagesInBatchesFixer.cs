using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.ReceiveSqsMessagesInBatches;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.ReceiveSqsMessagesInBatches;

/// <summary>AWSBP041: "Set MaxNumberOfMessages to 10" on the receive request.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReceiveSqsMessagesInBatchesFixer)), Shared]
public sealed class ReceiveSqsMessagesInBatchesFixer : SetRequestPropertyFixer
{
    public ReceiveSqsMessagesInBatchesFixer()
        : base(ReceiveSqsMessagesInBatchesAnalyzer.Rule.Id, ReceiveSqsMessagesInBatchesAnalyzer.Property, ReceiveSqsMessagesInBatchesAnalyzer.BatchSize)
    {
    }
}
