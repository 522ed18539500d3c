using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseTransferUtilityForFileUploads.UseTransferUtilityForFileUploadsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseTransferUtilityForFileUploads.UseTransferUtilityForFileUploadsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class UseTransferUtilityForFileUploadsTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private const string FixedUsings = Usings + "\nusing Amazon.S3.Transfer;";

    private const string Parameters = "IAmazonS3 s3, string bucket, string path, CancellationToken cancellationToken";

    private static string InMethod(string body, string usings = Usings, string parameters = Parameters, string members = "")
        => Code.InMethod(body, parameters, usings, members);

    // Not flagged ------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("ContentBody = File.ReadAllText(path)")] // the body is already in memory
    [InlineData("InputStream = new MemoryStream(File.ReadAllBytes(path))")]
    [InlineData("InputStream = await new HttpClient().GetStreamAsync(path)")] // a network stream
    [InlineData("InputStream = stream")] // a parameter: unknown origin
    [InlineData("InputStream = Open(path)")] // a factory of the user's own: unknown origin
    [InlineData("FilePath = null, ContentBody = \"{}\"")]
    public Task UploadsNotReadFromALocalFileAreNotFlagged(string member)
        => Verify.VerifyAnalyzerAsync(InMethod(
            $"await s3.PutObjectAsync(new PutObjectRequest {{ BucketName = bucket, Key = \"k\", {member} }});",
            parameters: Parameters + ", Stream stream",
            members: "private static Stream Open(string path) => Stream.Null;\n"));

    [Fact]
    public Task AStreamLocalThatIsNotAlwaysAFileIsOfUnknownOrigin()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            Stream body = File.OpenRead(path);
            if (path.Length == 0)
            {
                body = new MemoryStream();
            }

            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = body });
            """));

    [Fact]
    public Task ARequestTheMethodDidNotBuildIsUnknown()
        => Verify.VerifyAnalyzerAsync(InMethod(
            "await s3.PutObjectAsync(request, cancellationToken);\nawait s3.PutObjectAsync(Build(path));",
            parameters: Parameters + ", PutObjectRequest request",
            members: "private static PutObjectRequest Build(string path) => new PutObjectRequest { FilePath = path };\n"));

    [Fact]
    public Task CodeAlreadyUsingTransferUtilityIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod(
            "await new TransferUtility(s3).UploadAsync(new TransferUtilityUploadRequest { BucketName = bucket, FilePath = path }, cancellationToken);",
            usings: FixedUsings));

    [Fact]
    public Task ARequestBuiltForATestDoubleIsNotAnUpload()
        => Verify.VerifyAnalyzerAsync(InMethod(
            "mock.Setup(s => s.PutObjectAsync(new PutObjectRequest { BucketName = bucket, FilePath = path }, default));",
            parameters: "Mock<IAmazonS3> mock, string bucket, string path",
            members: """
                public sealed class Mock<T>
                {
                    public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
                }

                """));

    [Fact]
    public Task AFakeOfTheUsersOwnIsNotAClient()
        => Verify.VerifyAnalyzerAsync(InMethod(
            "await fake.PutObjectAsync(new PutObjectRequest { BucketName = bucket, FilePath = path });",
            parameters: "FakeS3 fake, string bucket, string path",
            members: """
                public abstract class FakeS3
                {
                    public abstract Task<PutObjectResponse> PutObjectAsync(PutObjectRequest request, CancellationToken cancellationToken = default);
                }

                """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("InputStream = File.OpenRead(path)")]
    [InlineData("InputStream = File.Open(path, FileMode.Open, FileAccess.Read)")]
    [InlineData("InputStream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)")]
    [InlineData("InputStream = new FileInfo(path).OpenRead()")]
    [InlineData("FilePath = Path.Combine(path, \"report.csv\")")]
    public Task AFileUploadIsFlaggedAndFixed(string member)
        => Verify.VerifyCodeFixAsync(
            InMethod($"await [|s3.PutObjectAsync(new PutObjectRequest {{ BucketName = bucket, Key = \"reports/daily.csv\", {member} }}, cancellationToken)|];"),
            InMethod($"await new TransferUtility(s3).UploadAsync(new TransferUtilityUploadRequest {{ BucketName = bucket, Key = \"reports/daily.csv\", {member} }}, cancellationToken);", FixedUsings));

    [Fact]
    public Task AStreamLocalKeepsEveryMemberTheCodeSetsLaterAndItsComments()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                using var stream = File.OpenRead(path);
                PutObjectRequest request = new PutObjectRequest
                {
                    BucketName = bucket, // the archive bucket
                    Key = "reports/daily.csv",
                    InputStream = stream,
                    ContentType = "text/csv",
                    StorageClass = S3StorageClass.StandardInfrequentAccess,
                    ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                    ServerSideEncryptionKeyManagementServiceKeyId = "alias/reports",
                    ServerSideEncryptionKeyManagementServiceEncryptionContext = "eyJyZXBvcnQiOiJkYWlseSJ9",
                    CannedACL = S3CannedACL.BucketOwnerFullControl,
                    ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                    Metadata = { ["source"] = "inventory" },
                };
                request.Metadata.Add("owner", "reports");
                request.Headers.ContentDisposition = "attachment";
                request.TagSet = new() { new Tag { Key = "retention", Value = "1y" } };
                // Upload the report.
                await [|s3.PutObjectAsync(request, cancellationToken)|].ConfigureAwait(false); // archived nightly
                """),
            InMethod("""
                using var stream = File.OpenRead(path);
                TransferUtilityUploadRequest request = new TransferUtilityUploadRequest
                {
                    BucketName = bucket, // the archive bucket
                    Key = "reports/daily.csv",
                    InputStream = stream,
                    ContentType = "text/csv",
                    StorageClass = S3StorageClass.StandardInfrequentAccess,
                    ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                    ServerSideEncryptionKeyManagementServiceKeyId = "alias/reports",
                    SSEKMSEncryptionContext = "eyJyZXBvcnQiOiJkYWlseSJ9",
                    CannedACL = S3CannedACL.BucketOwnerFullControl,
                    ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
                    Metadata = { ["source"] = "inventory" },
                };
                request.Metadata.Add("owner", "reports");
                request.Headers.ContentDisposition = "attachment";
                request.TagSet = new() { new Tag { Key = "retention", Value = "1y" } };
                // Upload the report.
                await new TransferUtility(s3).UploadAsync(request, cancellationToken).ConfigureAwait(false); // archived nightly
                """, FixedUsings));

    [Fact]
    public Task AFilePathSetAfterTheCreationIsFlaggedAndTheCustomerKeyKept()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var request = new PutObjectRequest { BucketName = bucket, Key = "k" };
                request.FilePath = path;
                request.ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256;
                request.ServerSideEncryptionCustomerProvidedKey = Environment.GetEnvironmentVariable("SSE_KEY");
                await [|s3.PutObjectAsync(request)|];
                """),
            InMethod("""
                var request = new TransferUtilityUploadRequest { BucketName = bucket, Key = "k" };
                request.FilePath = path;
                request.ServerSideEncryptionCustomerMethod = ServerSideEncryptionCustomerMethod.AES256;
                request.ServerSideEncryptionCustomerProvidedKey = Environment.GetEnvironmentVariable("SSE_KEY");
                await new TransferUtility(s3).UploadAsync(request);
                """, FixedUsings));

    [Theory]
    [InlineData("var response = await [|s3.PutObjectAsync(request)|];\nConsole.WriteLine(response.ETag);")] // the response is used
    [InlineData("return [|s3.PutObjectAsync(request)|];")] // not a statement
    [InlineData("request.MD5Digest = \"x\";\nawait [|s3.PutObjectAsync(request)|];")] // no counterpart
    [InlineData("request.WriteOffsetBytes = 0;\nawait [|s3.PutObjectAsync(request)|];")]
    [InlineData("await [|s3.PutObjectAsync(request)|];\nawait [|s3.PutObjectAsync(request)|];")] // one request, two calls
    [InlineData("Console.WriteLine(request);\nawait [|s3.PutObjectAsync(request)|];")] // the request goes elsewhere
    public Task AnUploadTheFixCannotRewriteWithoutLosingSomethingIsReportedWithoutAFix(string body)
    {
        var source = Code.InMethod(
            "var request = new PutObjectRequest { BucketName = bucket, FilePath = path };\n" + body,
            Parameters,
            Usings).Replace("public async Task RunAsync", body.StartsWith("return", System.StringComparison.Ordinal) ? "public Task RunAsync" : "public async Task RunAsync", System.StringComparison.Ordinal);
        return Verify.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public Task SdkV3HasNoCounterpartForTheEncryptionContextOrTheWebsiteRedirect()
    {
        var source = InMethod("""
            await [|s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, FilePath = path, ServerSideEncryptionKeyManagementServiceEncryptionContext = "e30=" })|];
            await [|s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, FilePath = path, WebsiteRedirectLocation = "/index.html" })|];
            """);
        return Verify.VerifyCodeFixAsync(source, source, AwsSdk.V3);
    }

    [Fact]
    public Task SdkV3UploadIsFixedToCompilingCode()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                using (var stream = new FileStream(path, FileMode.Open))
                {
                    var request = new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = stream, ObjectLockMode = ObjectLockMode.Governance };
                    request.ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(30);
                    await [|s3.PutObjectAsync(request, cancellationToken)|];
                }
                """),
            InMethod("""
                using (var stream = new FileStream(path, FileMode.Open))
                {
                    var request = new TransferUtilityUploadRequest { BucketName = bucket, Key = "k", InputStream = stream, ObjectLockMode = ObjectLockMode.Governance };
                    request.ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(30);
                    await new TransferUtility(s3).UploadAsync(request, cancellationToken);
                }
                """, FixedUsings),
            AwsSdk.V3);

    [Fact]
    public Task FixAllRewritesEveryUploadOfTheDocumentsAndProjects()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                InMethod("""
                    await [|s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, FilePath = path })|];
                    await [|s3.PutObjectAsync(new() { BucketName = bucket, Key = "copy", FilePath = path })|];
                    """),
                InMethod("await [|s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, InputStream = File.OpenRead(path) }, cancellationToken)|];").Replace("class Worker", "class Archiver"),
            },
            new[]
            {
                InMethod("""
                    await new TransferUtility(s3).UploadAsync(new TransferUtilityUploadRequest { BucketName = bucket, FilePath = path });
                    await new TransferUtility(s3).UploadAsync(new() { BucketName = bucket, Key = "copy", FilePath = path });
                    """, FixedUsings),
                InMethod("await new TransferUtility(s3).UploadAsync(new TransferUtilityUploadRequest { BucketName = bucket, InputStream = File.OpenRead(path) }, cancellationToken);", FixedUsings).Replace("class Worker", "class Archiver"),
            });
}
