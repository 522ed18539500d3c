using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.DoNotUsePublicCannedAcls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotUsePublicCannedAcls;

/// <summary>
/// AWSBP003: "Remove the public ACL": the <c>CannedACL = …</c> assignment (the diagnostic's additional location) is removed, in an
/// initializer or as a statement, so the object or bucket gets the default private ACL (or the bucket's owner-enforced setting).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DoNotUsePublicCannedAclsFixer)), Shared]
public sealed class DoNotUsePublicCannedAclsFixer : RemoveAssignmentFixer
{
    public DoNotUsePublicCannedAclsFixer()
        : base(DoNotUsePublicCannedAclsAnalyzer.Rule.Id, "Remove the public ACL", "AWSBP003_RemoveAcl")
    {
    }
}
