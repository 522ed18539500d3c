using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;

namespace Snippets.ReportSharing;

public sealed class ReportPublisher
{
    private const string PublicAcl = "public-read";
    private const int LinkDays = 3;
    private static readonly TimeSpan ArchiveLinkLifetime = TimeSpan.FromDays(10);

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;

    public ReportPublisher(IAmazonS3 s3, string bucket)
    {
        _s3 = s3;
        _bucket = bucket;
    }

    public static IAmazonS3 CreateClient(string region, string? endpoint)
    {
        var config = new AmazonS3Config
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            UseHttp = true, // the proxy terminates TLS
        };
        config.ServiceURL = "http://s3.internal.example.com";
        return new AmazonS3Client(config);
    }

    public static IAmazonS3 CreateLocalClient()
        => new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config { ServiceURL = "http://localhost:4566", UseHttp = true, ForcePathStyle = true });

    public static IAmazonS3 CreateMinioClient()
        => new AmazonS3Client(new AmazonS3Config { ServiceURL = "http://minio:9000", ForcePathStyle = true });

    public async Task<string> PublishAsync(string name, Stream body, bool makePublic, CancellationToken cancellationToken)
    {
        var key = "reports/" + name;
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            // Partners download these without signing in.
            CannedACL = S3CannedACL.PublicRead,
        }, cancellationToken);

        var copy = new CopyObjectRequest { SourceBucket = _bucket, SourceKey = key, DestinationBucket = _bucket, DestinationKey = key + ".bak" };
        copy.CannedACL = PublicAcl;
        await _s3.CopyObjectAsync(copy, cancellationToken);

        var maybe = new PutObjectRequest { BucketName = _bucket, Key = key + ".meta", ContentBody = "{}" };
        if (makePublic)
            maybe.CannedACL = S3CannedACL.PublicRead;
        await _s3.PutObjectAsync(maybe, cancellationToken);

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key + ".private", ContentBody = "{}", CannedACL = S3CannedACL.FindValue("private") }, cancellationToken);

        var transfer = new TransferUtility(_s3);
        await transfer.UploadAsync(new TransferUtilityUploadRequest { BucketName = _bucket, Key = key + ".zip", FilePath = "/tmp/report.zip", CannedACL = S3CannedACL.AuthenticatedRead }, cancellationToken);

        var request = new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddDays(LinkDays), // partners have the weekend
        };
        var link = await _s3.GetPreSignedURLAsync(request);

        var archive = new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Verb = HttpVerb.GET };
        archive.Expires = DateTime.Now.Add(ArchiveLinkLifetime);
        var archiveLink = await _s3.GetPreSignedURLAsync(archive);

        var quick = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Expires = DateTime.UtcNow + TimeSpan.FromMinutes(90) });
        var brief = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Expires = DateTime.UtcNow.AddMinutes(10) });
        return string.Join("\n", link, archiveLink, quick, brief);
    }

    public Task<string> LinkForAsync(string key, TimeSpan lifetime)
        => _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest { BucketName = _bucket, Key = key, Expires = DateTime.UtcNow.Add(lifetime) });
}
