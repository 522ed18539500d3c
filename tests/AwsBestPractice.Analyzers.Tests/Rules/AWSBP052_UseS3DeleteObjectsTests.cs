using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Tests.Verifiers;
using Xunit;
using Verify = AwsBestPractice.Analyzers.Tests.Verifiers.CSharpVerifier<
    AwsBestPractice.Analyzers.Rules.UseS3DeleteObjects.UseS3DeleteObjectsAnalyzer,
    AwsBestPractice.Analyzers.CodeFixes.Rules.UseS3DeleteObjects.UseS3DeleteObjectsFixer>;

namespace AwsBestPractice.Analyzers.Tests.Rules;

public class UseS3DeleteObjectsTests
{
    private const string S3Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.S3;
        using Amazon.S3.Model;
        """;

    private const string Parameters = "IAmazonS3 s3, string bucket, List<string> keys, CancellationToken cancellationToken";

    private static string S3(string body, string members = "", string usings = S3Usings, string parameters = Parameters)
        => Code.InMethod(body, parameters, usings, members);

    // Not flagged: the tricky negatives ----------------------------------------------------------------------------------------

    [Fact]
    public Task ASingleDeleteIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("await s3.DeleteObjectAsync(bucket, keys[0], cancellationToken);"));

    [Fact]
    public Task VersionedDeletesAcrossBucketsAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var version in versions)
            {
                await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = version.BucketName, Key = version.Key, VersionId = version.VersionId }, cancellationToken);
            }
            """, parameters: "IAmazonS3 s3, List<S3ObjectVersion> versions, CancellationToken cancellationToken"));

    [Fact]
    public Task ABucketComputedFromTheElementIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var path in keys)
            {
                var parts = path.Split('/', 2);
                await s3.DeleteObjectAsync(parts[0], parts[1], cancellationToken);
            }
            """));

    [Fact]
    public Task OneDeletePerClientIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var regional in clients)
            {
                await regional.DeleteObjectAsync(bucket, "replicated/marker", cancellationToken);
            }
            """, parameters: "IEnumerable<IAmazonS3> clients, string bucket, CancellationToken cancellationToken"));

    [Fact]
    public Task ARetryLoopAroundOneDeleteIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    await s3.DeleteObjectAsync(bucket, keys[0], cancellationToken);
                    break;
                }
                catch (AmazonS3Exception) when (attempt < 2)
                {
                    await Task.Delay(100 << attempt, cancellationToken);
                }
            }
            """));

    [Fact]
    public Task APollingLoopIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            while (!cancellationToken.IsCancellationRequested)
            {
                await s3.DeleteObjectAsync(bucket, "locks/" + DateTime.UtcNow.Ticks, cancellationToken);
                await Task.Delay(1000, cancellationToken);
            }
            """));

    [Fact]
    public Task ADeleteInACatchOrUnderTheOutcomeOfTheWorkIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var key in keys)
            {
                try
                {
                    await ProcessAsync(key);
                }
                catch (InvalidOperationException)
                {
                    await s3.DeleteObjectAsync(bucket, key, cancellationToken);
                }
            }

            foreach (var key in keys)
            {
                var processed = await ProcessAsync(key);
                if (processed)
                {
                    await s3.DeleteObjectAsync(bucket, key, cancellationToken);
                }
            }

            foreach (var key in keys)
            {
                if (key.Length > 10)
                {
                    Console.WriteLine(key);
                }
                else
                {
                    await s3.DeleteObjectAsync(bucket, key, cancellationToken);
                }
            }
            """, members: """
            private static Task<bool> ProcessAsync(string key) => Task.FromResult(key.Length > 0);

            """));

    [Fact]
    public Task ALoopWhoseDeleteDoesNotDependOnTheElementIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var key in keys)
            {
                Console.WriteLine(key);
                await s3.DeleteObjectAsync(bucket, "progress.json", cancellationToken);
            }
            """));

    [Fact]
    public Task ALoopOverPagesThatAlreadyBatchesIsNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var page in keys.Chunk(1000))
            {
                var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = page.Select(k => new KeyVersion { Key = k }).ToList() }, cancellationToken);
                if (response.DeleteErrors is { Count: > 0 })
                {
                    throw new InvalidOperationException("not deleted");
                }
            }
            """));

    [Fact]
    public Task TestDoubleSetUpsAndOtherTypesAreNotFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var key in keys)
            {
                mock.Setup(s => s.DeleteObjectAsync(bucket, key, default));
                await store.DeleteObjectAsync(bucket, key);
            }
            """, members: """
            private readonly Mock<IAmazonS3> mock = new();
            private readonly LocalStore store = new();

            public sealed class Mock<T>
            {
                public void Setup<TResult>(System.Linq.Expressions.Expression<Func<T, TResult>> call) { }
            }

            public sealed class LocalStore
            {
                public Task DeleteObjectAsync(string bucket, string key) => Task.CompletedTask;
            }

            """));

    [Fact]
    public Task ADeleteInsideAnotherDelegateIsNotJudged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var key in keys)
            {
                await Retry(() => s3.DeleteObjectAsync(bucket, key, cancellationToken));
            }
            """, members: """
            private static Task Retry(Func<Task> action) => action();

            """));

    // Flagged -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task ADeletePerElementIsFlaggedWithTheCollectionInTheMessage()
        => Verify.VerifyAnalyzerAsync(
            S3("""
                foreach (var key in keys)
                {
                    await {|#0:s3.DeleteObjectAsync(bucket, key, cancellationToken)|};
                }
                """),
            Verify.Diagnostic("AWSBP052").WithLocation(0).WithArguments("keys"));

    [Fact]
    public Task AForLoopIndexingTheKeysIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            for (var i = 0; i < keys.Count; i++)
            {
                await [|s3.DeleteObjectAsync(bucket, keys[i], cancellationToken)|];
            }
            """));

    [Fact]
    public Task WhenAllOverSelectIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await Task.WhenAll(keys.Select(key => [|s3.DeleteObjectAsync(bucket, key, cancellationToken)|]));
            """));

    [Fact]
    public Task ParallelForEachAsyncIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await Parallel.ForEachAsync(keys, cancellationToken, async (key, ct) =>
            {
                await [|s3.DeleteObjectAsync(bucket, key, ct)|];
            });
            """));

    [Fact]
    public Task ADeleteUnderASimpleFilterIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var key in keys)
            {
                if (key.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    await [|s3.DeleteObjectAsync(bucket, key, cancellationToken)|];
                }
            }
            """));

    [Fact]
    public Task ARequestMutatedPerElementIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            var request = new DeleteObjectRequest { BucketName = bucket };
            foreach (var key in keys)
            {
                request.Key = key;
                await [|s3.DeleteObjectAsync(request, cancellationToken)|];
            }
            """));

    [Fact]
    public Task DeletingTheObjectsOfEachListedPageIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            var request = new ListObjectsV2Request { BucketName = bucket, Prefix = "tmp/" };
            ListObjectsV2Response response;
            do
            {
                response = await s3.ListObjectsV2Async(request, cancellationToken);
                foreach (var s3Object in response.S3Objects ?? [])
                {
                    Console.WriteLine(s3Object.Key);
                    await [|s3.DeleteObjectAsync(bucket, s3Object.Key, cancellationToken)|];
                }

                request.ContinuationToken = response.NextContinuationToken;
            }
            while (response.IsTruncated == true);
            """));

    [Fact]
    public Task VersionedDeletesInOneBucketAreFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            foreach (var version in versions)
            {
                await [|s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = version.Key, VersionId = version.VersionId }, cancellationToken)|];
            }
            """, parameters: "IAmazonS3 s3, string bucket, List<S3ObjectVersion> versions, CancellationToken cancellationToken"));

    [Fact]
    public Task AwaitForeachOverAPaginatorIsFlagged()
        => Verify.VerifyAnalyzerAsync(S3("""
            await foreach (var s3Object in s3.Paginators.ListObjectsV2(new ListObjectsV2Request { BucketName = bucket }).S3Objects)
            {
                await [|s3.DeleteObjectAsync(bucket, s3Object.Key, cancellationToken)|];
            }
            """));

    // The fix -----------------------------------------------------------------------------------------------------------------

    [Fact]
    public Task TheFixDeletesInChunksOf1000AndChecksDeleteErrors()
        => Verify.VerifyCodeFixAsync(
            S3("""
                // clean up the uploads
                foreach (var key in keys)
                {
                    await [|s3.DeleteObjectAsync(bucket, key, cancellationToken)|]; // one by one
                }

                Console.WriteLine("done");
                """),
            S3("""
                // clean up the uploads
                foreach (var chunk in keys.Chunk(1000))
                {
                    // one by one
                    var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                    {
                        BucketName = bucket,
                        Objects = chunk.Select(key => new KeyVersion { Key = key }).ToList(),
                    }, cancellationToken);
                    if (response.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
                    {
                        throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} objects, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
                    }
                }

                Console.WriteLine("done");
                """));

    [Fact]
    public Task TheFixCarriesVersionsAndMovesDerivedLocalsIntoTheEntry()
        => Verify.VerifyCodeFixAsync(
            S3("""
                foreach (var version in versions)
                {
                    var key = "archive/" + version.Key;
                    await [|s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, VersionId = version.VersionId, ExpectedBucketOwner = owner })|];
                }
                """, parameters: "IAmazonS3 s3, string bucket, string owner, S3ObjectVersion[] versions"),
            S3("""
                foreach (var chunk in versions.Chunk(1000))
                {
                    var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                    {
                        BucketName = bucket,
                        ExpectedBucketOwner = owner,
                        Objects = chunk.Select(version =>
                        {
                            var key = "archive/" + version.Key;
                            return new KeyVersion { Key = key, VersionId = version.VersionId };
                        }).ToList(),
                    });
                    if (response.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
                    {
                        throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} objects, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
                    }
                }
                """, parameters: "IAmazonS3 s3, string bucket, string owner, S3ObjectVersion[] versions"));

    [Fact]
    public Task TheFixAddsSystemLinqAndAvoidsTakenNames()
        => Verify.VerifyCodeFixAsync(
            S3("""
                var response = 0;
                foreach (var key in keys)
                    await [|s3.DeleteObjectAsync(bucket, key)|];
                Console.WriteLine(response);
                """, usings: "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Amazon.S3;\nusing Amazon.S3.Model;"),
            S3("""
                var response = 0;
                foreach (var chunk in keys.Chunk(1000))
                {
                    var response2 = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
                    {
                        BucketName = bucket,
                        Objects = chunk.Select(key => new KeyVersion { Key = key }).ToList(),
                    });
                    if (response2.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
                    {
                        throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} objects, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
                    }
                }
                Console.WriteLine(response);
                """, usings: "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Amazon.S3;\nusing Amazon.S3.Model;"));

    [Theory]
    [InlineData("Console.WriteLine(key);\nawait [|s3.DeleteObjectAsync(bucket, key)|];")]
    [InlineData("if (key.Length > 0)\n{\n    await [|s3.DeleteObjectAsync(bucket, key)|];\n}")]
    [InlineData("await [|s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, IfMatch = \"etag\" })|];")]
    [InlineData("var client = new AmazonS3Client();\nawait [|client.DeleteObjectAsync(bucket, key)|];")] // the client cannot move into the key selector
    public Task NoFixOutsideTheSimpleShapeOrForAPropertyDeleteObjectsCannotCarry(string body)
        => Verify.VerifyCodeFixAsync(
            S3("foreach (var key in keys)\n{\n" + Indent(body) + "\n}"),
            S3("foreach (var key in keys)\n{\n" + Indent(body) + "\n}"));

    [Fact]
    public Task FixAllRewritesEveryLoopInEveryDocument()
        => Verify.VerifyFixAllAsync(
            new[]
            {
                S3("foreach (var key in keys)\n{\n    await [|s3.DeleteObjectAsync(bucket, key)|];\n}\n\nforeach (var other in keys)\n{\n    await [|s3.DeleteObjectAsync(bucket, other)|];\n}"),
                S3("foreach (var key in keys)\n{\n    await [|s3.DeleteObjectAsync(bucket, \"tmp/\" + key)|];\n}").Replace("class Worker", "class Cleaner", System.StringComparison.Ordinal),
            },
            new[]
            {
                S3(Fixed("key", "key") + "\n\n" + Fixed("other", "other")),
                S3(Fixed("key", "\"tmp/\" + key")).Replace("class Worker", "class Cleaner", System.StringComparison.Ordinal),
            });

    [Fact]
    public Task TheFixCompilesAgainstSdkV3()
        => Verify.VerifyCodeFixAsync(
            S3("foreach (var key in keys)\n{\n    await [|s3.DeleteObjectAsync(bucket, key)|];\n}"),
            S3(Fixed("key", "key")),
            AwsSdk.V3);

    private static string Fixed(string element, string key) => $$"""
        foreach (var chunk in keys.Chunk(1000))
        {
            var response = await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = bucket,
                Objects = chunk.Select({{element}} => new KeyVersion { Key = {{key}} }).ToList(),
            });
            if (response.DeleteErrors is { Count: > 0 } errors) // null when none failed (SDK v4)
            {
                throw new InvalidOperationException($"DeleteObjects failed for {errors.Count} of {chunk.Length} objects, first {errors[0].Key}: {errors[0].Code} {errors[0].Message}");
            }
        }
        """;

    private static string Indent(string body) => "    " + body.Replace("\n", "\n    ", System.StringComparison.Ordinal).Replace("\n    \n", "\n\n", System.StringComparison.Ordinal);
}
