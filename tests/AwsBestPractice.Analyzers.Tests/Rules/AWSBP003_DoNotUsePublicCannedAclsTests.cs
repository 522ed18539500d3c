using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.DoNotUsePublicCannedAcls.DoNotUsePublicCannedAclsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotUsePublicCannedAcls.DoNotUsePublicCannedAclsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class DoNotUsePublicCannedAclsTests
{
    private const string S3Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        using Amazon.S3.Transfer;
        """;

    private const string Parameters = "IAmazonS3 s3, string bucket, string key, Stream body";

    private static DiagnosticResult D(int location, params object[] arguments)
        => Verify.Diagnostic("AWSBP003").WithLocation(location).WithArguments(arguments).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static string S3(string body, string members = "", string parameters = Parameters)
        => Code.InMethod(body, parameters, S3Usings, members);

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("S3CannedACL.Private")]
    [InlineData("S3CannedACL.BucketOwnerFullControl")]
    [InlineData("S3CannedACL.BucketOwnerRead")]
    [InlineData("S3CannedACL.NoACL")]
    [InlineData("S3CannedACL.FindValue(\"private\")")]
    [InlineData("\"bucket-owner-full-control\"")]
    public Task PrivateAclsAreNotFlagged(string acl)
        => Verify.VerifyAnalyzerAsync(S3($$"""
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, CannedACL = {{acl}} });
            """));

    [Fact]
    public Task AclsFromConfigurationAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = S3CannedACL.FindValue(settings["S3:Acl"]) });
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = configuredAcl });
            var request = new PutObjectRequest { BucketName = bucket, Key = key };
            request.CannedACL = Environment.GetEnvironmentVariable("UPLOAD_ACL");
            await s3.PutObjectAsync(request);
            """, parameters: Parameters + ", IReadOnlyDictionary<string, string> settings, S3CannedACL configuredAcl"));

    [Fact]
    public Task AnAclChosenAtRunTimeIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = isPublic ? S3CannedACL.PublicRead : S3CannedACL.Private });
            var acl = S3CannedACL.PublicRead;
            if (!isPublic)
            {
                acl = S3CannedACL.Private;
            }

            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = acl });
            """, parameters: Parameters + ", bool isPublic"));

    [Fact]
    public Task FakesAndTestDoubleSetUpsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await fake.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = S3CannedACL.PublicRead });
            mock.Setup(m => m.PutObjectAsync(new PutObjectRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead }, default));
            """, members: """
            private readonly FakeS3 fake = new();
            private readonly Mock<IAmazonS3> mock = new();

            public sealed class FakeS3
            {
                public List<PutObjectRequest> Puts { get; } = new();

                public Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default)
                {
                    Puts.Add(request);
                    return Task.FromResult(new PutObjectResponse());
                }
            }

            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            """));

    [Fact]
    public Task CodeOfATestProjectIsNotFlagged()
        => Verify.VerifyNothingInTestProjectAsync(S3("await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = S3CannedACL.PublicRead });"));

    [Fact]
    public Task OtherTypesAndRequestsNotSentInViewAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            var upload = new Upload { CannedACL = "public-read" };
            var copy = new GetObjectRequest { BucketName = bucket, Key = key };
            await s3.GetObjectAsync(copy);
            """, members: """
            public sealed class Upload { public string CannedACL { get; set; } = ""; }

            public static PutObjectRequest Build(string bucket) => new PutObjectRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicRead };

            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task APublicReadObjectIsFlaggedAndMadePrivate()
        => Verify.VerifyCodeFixAsync(
            S3("""
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    InputStream = body,
                    CannedACL = {|#0:S3CannedACL.PublicRead|}, // partners download it
                    ContentType = "text/csv",
                });
                """),
            new[] { D(0, "PutObject", "public-read", "anyone read", "object") },
            S3("""
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = bucket,
                    Key = key,
                    InputStream = body,
                    // partners download it
                    ContentType = "text/csv",
                });
                """));

    [Fact]
    public Task APublicReadWriteBucketIsFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = {|#0:S3CannedACL.PublicReadWrite|} });"),
            new[] { D(0, "PutBucket", "public-read-write", "anyone read and write", "bucket") },
            S3("await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });"));

    [Fact]
    public Task AuthenticatedReadOnACopyIsFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("""
                await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = key, DestinationBucket = bucket, DestinationKey = key + ".bak", CannedACL = {|#0:S3CannedACL.AuthenticatedRead|} });
                """),
            new[] { D(0, "CopyObject", "authenticated-read", "any AWS account read", "object") },
            S3("""
                await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = key, DestinationBucket = bucket, DestinationKey = key + ".bak" });
                """));

    [Fact]
    public Task AnAclAssignedAfterCreationIsFlaggedOnTheCallAndRemoved()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body };
                // Reports are shared on the public site.
                request.CannedACL = S3CannedACL.PublicRead;
                await {|#0:s3.PutObjectAsync(request)|};
                """),
            new[] { D(0, "PutObject", "public-read", "anyone read", "object") },
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body };
                // Reports are shared on the public site.
                await s3.PutObjectAsync(request);
                """));

    [Fact]
    public Task PutAclAndMultipartUploadsAreFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("""
                await s3.PutACLAsync(new PutACLRequest { BucketName = bucket, Key = key, CannedACL = {|#0:S3CannedACL.PublicRead|} });
                await s3.PutACLAsync(new PutACLRequest { BucketName = bucket, CannedACL = {|#1:S3CannedACL.PublicRead|} });
                var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, CannedACL = {|#2:S3CannedACL.PublicRead|} });
                """),
            new[]
            {
                D(0, "PutACL", "public-read", "anyone read", "object"),
                D(1, "PutACL", "public-read", "anyone read", "bucket"),
                D(2, "InitiateMultipartUpload", "public-read", "anyone read", "object"),
            },
            S3("""
                await s3.PutACLAsync(new PutACLRequest { BucketName = bucket, Key = key });
                await s3.PutACLAsync(new PutACLRequest { BucketName = bucket });
                var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
                """));

    [Fact]
    public Task TransferUtilityUploadsAreFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var transfer = new TransferUtility(s3);
                var upload = new TransferUtilityUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    FilePath = "/tmp/report.csv",
                    CannedACL = S3CannedACL.PublicRead,
                };
                await {|#0:transfer.UploadAsync(upload)|};
                """),
            new[] { D(0, "TransferUtility.Upload", "public-read", "anyone read", "object") },
            S3("""
                var transfer = new TransferUtility(s3);
                var upload = new TransferUtilityUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    FilePath = "/tmp/report.csv",
                };
                await transfer.UploadAsync(upload);
                """));

    [Fact]
    public Task ConstantStringsAndTracedValuesAreFlagged()
        => Verify.VerifyCodeFixAsync(
            S3("""
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = {|#0:"public-read"|} });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = {|#1:S3CannedACL.FindValue(PublicAcl)|} });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = {|#2:new S3CannedACL("public-read-write")|} });
                var acl = S3CannedACL.PublicRead;
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = {|#3:acl|} });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = {|#4:Shared|} });
                """, members: """
                private const string PublicAcl = "public-read";
                private static readonly S3CannedACL Shared = S3CannedACL.PublicRead;

                """),
            new[]
            {
                D(0, "PutObject", "public-read", "anyone read", "object"),
                D(1, "PutObject", "public-read", "anyone read", "object"),
                D(2, "PutObject", "public-read-write", "anyone read and write", "object"),
                D(3, "PutObject", "public-read", "anyone read", "object"),
                D(4, "PutObject", "public-read", "anyone read", "object"),
            },
            S3("""
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                var acl = S3CannedACL.PublicRead;
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                """, members: """
                private const string PublicAcl = "public-read";
                private static readonly S3CannedACL Shared = S3CannedACL.PublicRead;

                """));

    [Fact]
    public Task APublicWebsiteBucketIsStillFlagged()
        // A static website served straight from S3 is public by design; AWS's guidance is CloudFront with origin access control
        // in front of a private bucket (and S3 website endpoints do not serve HTTPS). Suppress with a justification if you must.
        => Verify.VerifyAnalyzerAsync(
            S3("""
                await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = {|#0:S3CannedACL.PublicRead|} });
                await s3.PutBucketWebsiteAsync(new PutBucketWebsiteRequest { BucketName = bucket, WebsiteConfiguration = new WebsiteConfiguration { IndexDocumentSuffix = "index.html" } });
                """),
            D(0, "PutBucket", "public-read", "anyone read", "bucket"));

    [Fact]
    public Task AConditionalAssignmentWithoutBracesIsReportedWithoutAFix()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key };
                if (key.StartsWith("public/"))
                    request.CannedACL = S3CannedACL.PublicRead;
                await [|s3.PutObjectAsync(request)|];
                """),
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key };
                if (key.StartsWith("public/"))
                    request.CannedACL = S3CannedACL.PublicRead;
                await [|s3.PutObjectAsync(request)|];
                """));

    [Fact]
    public Task SdkV3RequestsAreFlaggedAndFixed()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, CannedACL = S3CannedACL.PublicRead };
                s3.PutObjectAsync(request).Wait();
                var transfer = new TransferUtility(s3);
                transfer.Upload(new TransferUtilityUploadRequest { BucketName = bucket, Key = key, FilePath = "/tmp/a", CannedACL = [|S3CannedACL.PublicRead|] });
                """.Replace("s3.PutObjectAsync(request)", "[|s3.PutObjectAsync(request)|]")),
            S3("""
                var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body };
                s3.PutObjectAsync(request).Wait();
                var transfer = new TransferUtility(s3);
                transfer.Upload(new TransferUtilityUploadRequest { BucketName = bucket, Key = key, FilePath = "/tmp/a" });
                """),
            AwsSdk.V3);

    [Fact]
    public Task FixAllMakesEveryObjectPrivate()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                S3("""
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, CannedACL = [|S3CannedACL.PublicRead|] });
                    var request = new PutObjectRequest { BucketName = bucket, Key = key + "2" };
                    request.CannedACL = S3CannedACL.PublicRead; // shared
                    await [|s3.PutObjectAsync(request)|];
                    await [|s3.PutObjectAsync(request)|];
                    """),
                S3("await s3.PutBucketAsync(new PutBucketRequest { CannedACL = [|S3CannedACL.PublicReadWrite|], BucketName = bucket });").Replace("class Worker", "class Bucketer"),
            },
            new[]
            {
                S3("""
                    await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key });
                    var request = new PutObjectRequest { BucketName = bucket, Key = key + "2" };
                    // shared
                    await s3.PutObjectAsync(request);
                    await s3.PutObjectAsync(request);
                    """),
                S3("await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });").Replace("class Worker", "class Bucketer"),
            });
}
