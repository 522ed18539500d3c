using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using AwsBestPractice.Analyzers.Rules.AwaitAwsCallsBeforeReturning;
using AwsBestPractice.Analyzers.Rules.BackOffExponentially;
using AwsBestPractice.Analyzers.Rules.CreateClientOutsideHandler;
using AwsBestPractice.Analyzers.Rules.DoNotBlockOnAsyncCalls;
using AwsBestPractice.Analyzers.Rules.DoNotRetryClientErrors;
using AwsBestPractice.Analyzers.Rules.DoNotUsePlainHttp;
using AwsBestPractice.Analyzers.Rules.DoNotUsePublicCannedAcls;
using AwsBestPractice.Analyzers.Rules.FollowPagination;
using AwsBestPractice.Analyzers.Rules.HandleUnprocessedBatchItems;
using AwsBestPractice.Analyzers.Rules.HardcodedCredentials;
using AwsBestPractice.Analyzers.Rules.KeepPresignedUrlsShort;
using AwsBestPractice.Analyzers.Rules.ReceiveSqsMessagesInBatches;
using AwsBestPractice.Analyzers.Rules.ReuseSdkClients;
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;
using AwsBestPractice.Analyzers.Rules.SqsValueOutOfRange;
using AwsBestPractice.Analyzers.Rules.UseBatchWriteItem;
using AwsBestPractice.Analyzers.Rules.UseImdsV2;
using AwsBestPractice.Analyzers.Rules.UseS3DeleteObjects;
using AwsBestPractice.Analyzers.Rules.UseSqsBatchApis;
using AwsBestPractice.Analyzers.Rules.UseSqsLongPolling;
using AwsBestPractice.Analyzers.Rules.UseTransferUtilityForFileUploads;
using AwsBestPractice.Analyzers.Rules.WildcardIamPolicy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers;

/// <summary>
/// The package's one analyzer: every rule of the catalogue that is implemented, run through one <see cref="RuleHost"/>, so the
/// compiler calls one action per operation kind for all rules, AWS calls are classified once, and a rule the user turned off
/// does no work. Each rule is also a <see cref="DiagnosticAnalyzer"/> of its own (<see cref="AwsRule"/>) for tests and
/// one-rule measurements; only this type carries <see cref="DiagnosticAnalyzerAttribute"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AwsBestPracticeAnalyzer : DiagnosticAnalyzer
{
    public AwsBestPracticeAnalyzer()
    {
        Rules = ImmutableArray.Create<AwsRule>(
            new HardcodedCredentialsAnalyzer(),
            new WildcardIamPolicyAnalyzer(),
            new DoNotUsePublicCannedAclsAnalyzer(),
            new DoNotUsePlainHttpAnalyzer(),
            new KeepPresignedUrlsShortAnalyzer(),
            new UseImdsV2Analyzer(),
            new CreateClientOutsideHandlerAnalyzer(),
            new DoNotBlockOnAsyncCallsAnalyzer(),
            new AwaitAwsCallsBeforeReturningAnalyzer(),
            new DoNotRetryClientErrorsAnalyzer(),
            new BackOffExponentiallyAnalyzer(),
            new HandleUnprocessedBatchItemsAnalyzer(),
            new ScanAndDeleteTableCleanupAnalyzer(),
            new UseBatchWriteItemAnalyzer(),
            new FollowPaginationAnalyzer(),
            new UseSqsLongPollingAnalyzer(),
            new ReceiveSqsMessagesInBatchesAnalyzer(),
            new UseSqsBatchApisAnalyzer(),
            new SqsValueOutOfRangeAnalyzer(),
            new UseTransferUtilityForFileUploadsAnalyzer(),
            new UseS3DeleteObjectsAnalyzer(),
            new ReuseSdkClientsAnalyzer());
        var descriptors = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
        foreach (var rule in Rules)
        {
            descriptors.AddRange(rule.SupportedDiagnostics);
        }

        SupportedDiagnostics = descriptors.ToImmutable();
    }

    /// <summary>The rules, in catalogue order.</summary>
    public ImmutableArray<AwsRule> Rules { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        RuleHost.Register(context, Rules);
    }
}
