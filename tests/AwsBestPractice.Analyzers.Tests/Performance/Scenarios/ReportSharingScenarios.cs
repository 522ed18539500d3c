using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// A report-sharing service (upload a CSV to S3, hand out a presigned link, build its client) whose upload ACL, client config or
/// link lifetime is written by each S3 security rule's scenario; the other parts are the compliant versions.
/// </summary>
public abstract class ReportSharingScenario : IRuleScenario
{
    public abstract string RuleId { get; }

    public int DiagnosticsPerFile => 1;

    public AwsSdk Sdk => AwsSdk.V4;

    /// <summary>Extra members of the upload request's initializer (after <c>ContentType</c>).</summary>
    protected virtual string UploadMembers(ScenarioVariant variant) => string.Empty;

    /// <summary>Extra members of the client config's initializer (after <c>RegionEndpoint</c>).</summary>
    protected virtual string ConfigMembers(ScenarioVariant variant) => string.Empty;

    /// <summary>The link's expiry, an expression of <c>DateTime.UtcNow</c>.</summary>
    protected virtual string Expires(ScenarioVariant variant) => "DateTime.UtcNow.AddMinutes(15)";

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public sealed class {{n.T}}ReportSharing
            {
                private readonly IAmazonS3 _s3;
                private readonly string _bucket;

                public {{n.T}}ReportSharing(IAmazonS3 s3, string bucket)
                {
                    _s3 = s3;
                    _bucket = bucket;
                }

                public static IAmazonS3 CreateClient(string region)
                    => new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region){{ConfigMembers(variant)}} });

                public async Task<string> ShareAsync(string reportId, string csv, CancellationToken cancellationToken)
                {
                    var key = $"reports/{{n.Area}}/{reportId}.csv";
                    await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = csv, ContentType = "text/csv"{{UploadMembers(variant)}} }, cancellationToken);
                    var link = new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Verb = HttpVerb.GET };
                    link.Expires = {{Expires(variant)}};
                    return await _s3.GetPreSignedURLAsync(link);
                }
            }
            """);
    }
}

/// <summary>AWSBP003: the report is uploaded public-read (fires) or private (clean).</summary>
public sealed class DoNotUsePublicCannedAclsScenario : ReportSharingScenario
{
    public override string RuleId => "AWSBP003";

    protected override string UploadMembers(ScenarioVariant variant)
        => variant == ScenarioVariant.Fires ? ", CannedACL = S3CannedACL.PublicRead" : ", CannedACL = S3CannedACL.BucketOwnerFullControl";
}

/// <summary>AWSBP004: the client is built with UseHttp = true (fires) or left on HTTPS (clean).</summary>
public sealed class DoNotUsePlainHttpScenario : ReportSharingScenario
{
    public override string RuleId => "AWSBP004";

    protected override string ConfigMembers(ScenarioVariant variant)
        => variant == ScenarioVariant.Fires ? ", UseHttp = true" : ", UseHttp = false";
}

/// <summary>AWSBP005: the link lives 3 days (fires) or 15 minutes (clean).</summary>
public sealed class KeepPresignedUrlsShortScenario : ReportSharingScenario
{
    public override string RuleId => "AWSBP005";

    protected override string Expires(ScenarioVariant variant)
        => variant == ScenarioVariant.Fires ? "DateTime.UtcNow.AddDays(3)" : "DateTime.UtcNow.AddMinutes(15)";
}
