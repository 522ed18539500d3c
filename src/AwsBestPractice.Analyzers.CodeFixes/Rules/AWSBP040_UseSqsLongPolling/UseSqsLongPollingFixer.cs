using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.UseSqsLongPolling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.UseSqsLongPolling;

/// <summary>AWSBP040: "Set WaitTimeSeconds to 20" on the receive request.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseSqsLongPollingFixer)), Shared]
public sealed class UseSqsLongPollingFixer : SetRequestPropertyFixer
{
    public UseSqsLongPollingFixer()
        : base(UseSqsLongPollingAnalyzer.Rule.Id, UseSqsLongPollingAnalyzer.Property, UseSqsLongPollingAnalyzer.LongPollSeconds)
    {
    }
}
