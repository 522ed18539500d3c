using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace Clean;

/// <summary>
/// Clients for LocalStack during local development and integration tests. LocalStack accepts any credentials; the dummy
/// "test"/"test" pair is what its documentation uses, and it is not a secret.
/// </summary>
public static class LocalDevelopment
{
    private const string LocalStackUrl = "http://localhost:4566";

    public static IAmazonDynamoDB CreateDynamoDbClient()
        => new AmazonDynamoDBClient(
            new BasicAWSCredentials("test", "test"),
            new AmazonDynamoDBConfig { ServiceURL = LocalStackUrl, AuthenticationRegion = "us-east-1" });

    public static IAmazonS3 CreateS3Client()
        => new AmazonS3Client(
            "test",
            "test",
            new AmazonS3Config { ServiceURL = LocalStackUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
}
