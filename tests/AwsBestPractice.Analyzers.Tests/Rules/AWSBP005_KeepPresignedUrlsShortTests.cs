using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.KeepPresignedUrlsShort.KeepPresignedUrlsShortAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.KeepPresignedUrlsShort.KeepPresignedUrlsShortFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class KeepPresignedUrlsShortTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private const string Parameters = "IAmazonS3 s3, string bucket, string key";
    private const string SigV4 = "more than the 7 days SigV4 allows (the SDK rejects it)";
    private const string OverHour = "more than the maximum of 1 hour (dotnet_diagnostic.AWSBP005.max_lifetime)";

    private static DiagnosticResult D(int location, params object[] arguments)
        => Verify.Diagnostic("AWSBP005").WithLocation(location).WithArguments(arguments).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static string InMethod(string body, string members = "", string parameters = Parameters)
        => Code.InMethod(body, parameters, Usings, members);

    private static string Presign(string expires)
        => InMethod($$"""
            var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET, Expires = {{expires}} });
            """);

    private static async Task WithMaximumAsync(string? maximum, string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = Verify.CreateTest();
        test.TestCode = source;
        test.FixedCode = fixedSource;
        test.ExpectedDiagnostics.AddRange(expected);
        if (maximum is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.AWSBP005.max_lifetime = " + maximum + "\n"));
            test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.AWSBP005.max_lifetime = " + maximum + "\n"));
        }

        await test.RunAsync(CancellationToken.None);
    }

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("DateTime.UtcNow.AddMinutes(15)")]
    [InlineData("DateTime.UtcNow.AddHours(1)")]
    [InlineData("DateTime.Now.AddSeconds(3600)")]
    [InlineData("DateTime.UtcNow.Add(TimeSpan.FromMinutes(59))")]
    [InlineData("DateTime.UtcNow.AddDays(-1)")]
    [InlineData("DateTime.Today.AddDays(8)")]
    [InlineData("new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc)")]
    public Task ShortOrUnknownLifetimesAreNotFlagged(string expires)
        => Verify.VerifyAnalyzerAsync(Presign(expires));

    [Fact]
    public Task LifetimesFromConfigurationAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var days = 1;
            if (extended)
            {
                days = 30;
            }

            var first = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddSeconds(settings.LinkSeconds) });
            var second = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.Add(lifetime) });
            var third = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddDays(days) });
            """, members: "public sealed class Settings { public int LinkSeconds { get; set; } }\n\n", parameters: Parameters + ", Settings settings, TimeSpan lifetime, bool extended"));

    [Fact]
    public Task OtherExpiresPropertiesAreNotFlagged()
        // PutObjectRequest.Expires is the object's Expires header (caching), not a signature lifetime.
        => Verify.VerifyAnalyzerAsync(InMethod("""
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x", Expires = DateTime.UtcNow.AddDays(365).ToString("R") });
            var token = new Token { Expires = DateTime.UtcNow.AddDays(30) };
            """, members: "public sealed class Token { public DateTime Expires { get; set; } }\n\n"));

    [Fact]
    public Task FakesAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(InMethod("""
            var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddDays(30) };
            var url = fake.GetPreSignedURL(request);
            """, members: """
            private readonly FakeS3 fake = new();

            public sealed class FakeS3
            {
                public string GetPreSignedURL(GetPreSignedUrlRequest request) => "https://example.com/" + request.Key;
            }

            """));

    [Fact]
    public Task CodeOfATestProjectIsNotFlagged()
        => Verify.VerifyNothingInTestProjectAsync(Presign("DateTime.UtcNow.AddDays(8)"));

    [Fact]
    public Task ALargerConfiguredMaximumAllowsLongerLinks()
        => WithMaximumAsync("86400", Presign("DateTime.UtcNow.AddHours(12)"), Presign("DateTime.UtcNow.AddHours(12)"));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task MoreThanSevenDaysIsFlaggedAndClamped()
        => Verify.VerifyCodeFixAsync(
            Presign("{|#0:DateTime.UtcNow.AddDays(8)|}"),
            new[] { D(0, "8 days", SigV4, "1 hour") },
            Presign("DateTime.UtcNow.AddHours(1)"));

    [Fact]
    public Task MoreThanTheDefaultMaximumIsFlaggedAndClamped()
        => Verify.VerifyCodeFixAsync(
            Presign("{|#0:DateTime.UtcNow.AddHours(2)|}"),
            new[] { D(0, "2 hours", OverHour, "1 hour") },
            Presign("DateTime.UtcNow.AddHours(1)"));

    [Fact]
    public Task TimeSpanOffsetsAreFlaggedAndClampedInTheirUnit()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = {|#0:DateTime.Now.Add(TimeSpan.FromMinutes(90))|} });
                var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = {|#1:DateTime.UtcNow + TimeSpan.FromDays(3)|} });
                var c = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = {|#2:DateTime.UtcNow.Add(new TimeSpan(2, 0, 0))|} });
                """),
            new[] { D(0, "90 minutes", OverHour, "1 hour"), D(1, "3 days", OverHour, "1 hour"), D(2, "2 hours", OverHour, "1 hour") },
            InMethod("""
                var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.Now.Add(TimeSpan.FromMinutes(60)) });
                var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow + TimeSpan.FromHours(1) });
                var c = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.Add(TimeSpan.FromHours(1)) });
                """));

    [Fact]
    public Task ConstantsThroughLocalsConstsAndFieldsAreFlagged()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var days = ShareDays;
                var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET };
                request.Expires = {|#0:DateTime.UtcNow.AddDays(days)|};
                var first = await s3.GetPreSignedURLAsync(request);
                var second = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = {|#1:DateTime.UtcNow.Add(ArchiveLifetime)|} });
                """, members: """
                private const int ShareDays = 3;
                private static readonly TimeSpan ArchiveLifetime = TimeSpan.FromDays(10);

                """),
            new[] { D(0, "3 days", OverHour, "1 hour"), D(1, "10 days", SigV4, "1 hour") },
            InMethod("""
                var days = ShareDays;
                var request = new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.GET };
                request.Expires = DateTime.UtcNow.AddHours(1);
                var first = await s3.GetPreSignedURLAsync(request);
                var second = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.Add(TimeSpan.FromHours(1)) });
                """, members: """
                private const int ShareDays = 3;
                private static readonly TimeSpan ArchiveLifetime = TimeSpan.FromDays(10);

                """));

    [Fact]
    public Task ASmallerConfiguredMaximumFlagsAndClampsToIt()
        => WithMaximumAsync(
            "600",
            Presign("{|#0:DateTime.UtcNow.AddMinutes(30)|}"),
            Presign("DateTime.UtcNow.AddMinutes(10)"),
            D(0, "30 minutes", "more than the maximum of 10 minutes (dotnet_diagnostic.AWSBP005.max_lifetime)", "10 minutes"));

    [Theory]
    [InlineData("1h")]
    [InlineData("-5")]
    [InlineData("")]
    [InlineData("99999999999999999999")]
    public Task AnInvalidMaximumFallsBackToOneHour(string maximum)
        => WithMaximumAsync(maximum, Presign("{|#0:DateTime.UtcNow.AddHours(2)|}"), Presign("DateTime.UtcNow.AddHours(1)"), D(0, "2 hours", OverHour, "1 hour"));

    [Fact]
    public Task AMaximumAboveSevenDaysStillStopsAtSevenDays()
        => WithMaximumAsync(
            "1209600",
            Presign("{|#0:DateTime.UtcNow.AddDays(8)|}"),
            Presign("DateTime.UtcNow.AddDays(7)"),
            D(0, "8 days", SigV4, "7 days"));

    [Fact]
    public Task ChainsAndDateTimeOffsetsAreReportedWithoutAFix()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTime.UtcNow.AddDays(1).AddHours(1)|] });
                var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTimeOffset.UtcNow.AddDays(8).UtcDateTime|] });
                var now = DateTime.UtcNow;
                var c = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|now.AddHours(6 * 2)|] });
                """),
            InMethod("""
                var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTime.UtcNow.AddDays(1).AddHours(1)|] });
                var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTimeOffset.UtcNow.AddDays(8).UtcDateTime|] });
                var now = DateTime.UtcNow;
                var c = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|now.AddHours(6 * 2)|] });
                """));

    [Fact]
    public Task SdkV3DateTimeExpiresIsFlaggedAndClamped()
        => Verify.VerifyCodeFixAsync(
            InMethod("""
                var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.PUT, Expires = [|DateTime.UtcNow.AddDays(3)|] });
                """),
            InMethod("""
                var url = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Verb = HttpVerb.PUT, Expires = DateTime.UtcNow.AddHours(1) });
                """),
            AwsSdk.V3);

    [Fact]
    public Task FixAllClampsEveryLink()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                InMethod("""
                    var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTime.UtcNow.AddDays(8)|] });
                    var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = [|DateTime.UtcNow.Add(TimeSpan.FromHours(5))|] });
                    """),
                Presign("[|DateTime.UtcNow.AddMinutes(120)|]").Replace("class Worker", "class Links"),
            },
            new[]
            {
                InMethod("""
                    var a = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.AddHours(1) });
                    var b = s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = key, Expires = DateTime.UtcNow.Add(TimeSpan.FromHours(1)) });
                    """),
                Presign("DateTime.UtcNow.AddMinutes(60)").Replace("class Worker", "class Links"),
            });
}
