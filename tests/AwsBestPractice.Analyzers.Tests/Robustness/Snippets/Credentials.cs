using System;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace Snippets.Credentials;

public static class ClientFactory
{
    private const string AccessKey = "AKIAQ3EGRJ2VMN7WXK4T";
    private const string SecretKey = "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";
    private static readonly string Region = "eu-west-1";

    public static IAmazonS3 CreateS3()
        => new AmazonS3Client(AccessKey, SecretKey, RegionEndpoint.GetBySystemName(Region));

    public static IAmazonS3 CreateS3WithCredentials()
    {
        var credentials = new BasicAWSCredentials(AccessKey, SecretKey);
        return new AmazonS3Client(credentials, RegionEndpoint.EUWest1);
    }

    public static IAmazonDynamoDB CreateLocalDynamo()
        => new AmazonDynamoDBClient("fake", "fake", new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });

    public static IAmazonS3 CreateFromEnvironment()
        => new AmazonS3Client(
            new BasicAWSCredentials(
                Environment.GetEnvironmentVariable("MY_KEY_ID") ?? string.Empty,
                Environment.GetEnvironmentVariable("MY_SECRET") ?? string.Empty),
            RegionEndpoint.EUWest1);

    public static void Configure()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAZ7YX3WV2UT4SR5QP");
        Environment.SetEnvironmentVariable("AWS_REGION", "eu-west-1");
    }

    public static AWSCredentials Session(string token)
        => new SessionAWSCredentials("ASIAQ3EGRJ2VMN7WXK4T", SecretKey + "", token);
}
