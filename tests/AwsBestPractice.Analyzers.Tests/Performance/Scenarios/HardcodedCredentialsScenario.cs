using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>AWSBP001: a client factory with a literal key pair (fires) or the default chain / environment (clean); both have a LocalStack client with dummy keys.</summary>
public sealed class HardcodedCredentialsScenario : IRuleScenario
{
    public string RuleId => "AWSBP001";

    /// <summary>The access key ID and the secret key passed to <c>BasicAWSCredentials</c>.</summary>
    public int DiagnosticsPerFile => 2;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var archive = variant == ScenarioVariant.Fires
            ? $"new AmazonS3Client(new BasicAWSCredentials(\"{n.AccessKeyId}\", \"{n.SecretKey}\"), RegionEndpoint.{n.Region})"
            : $"new AmazonS3Client(RegionEndpoint.{n.Region})";
        return CodeShapes.AwsFile(n, System.Array.Empty<string>(), $$"""
            public static class {{n.T}}Clients
            {
                public static IAmazonS3 CreateArchiveClient()
                    => {{archive}};

                public static IAmazonS3 CreateCrossAccountClient()
                    => new AmazonS3Client(
                        new BasicAWSCredentials(
                            Environment.GetEnvironmentVariable("ARCHIVE_ACCESS_KEY_ID") ?? string.Empty,
                            Environment.GetEnvironmentVariable("ARCHIVE_SECRET_ACCESS_KEY") ?? string.Empty),
                        RegionEndpoint.{{n.Region}});

                // DynamoDB Local for integration tests: dummy keys, never sent to AWS.
                public static IAmazonDynamoDB CreateLocalClient()
                    => new AmazonDynamoDBClient(
                        new BasicAWSCredentials("test", "test"),
                        new AmazonDynamoDBConfig { ServiceURL = "http://localhost:8000" });
            }
            """);
    }
}
