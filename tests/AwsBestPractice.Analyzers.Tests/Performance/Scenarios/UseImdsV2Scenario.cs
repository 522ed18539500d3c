using AwsBestPractice.Analyzers.Tests.Verifiers;

namespace AwsBestPractice.Analyzers.Tests.Performance.Scenarios;

/// <summary>
/// AWSBP006: an instance-info helper that reads the instance ID and availability zone from the metadata service with plain GETs
/// (fires) or through the SDK's EC2InstanceMetadata and a token-protected request (clean); both also read the ECS task metadata
/// endpoint and a remote configuration URL, which the rule leaves alone.
/// </summary>
public sealed class UseImdsV2Scenario : IRuleScenario
{
    public string RuleId => "AWSBP006";

    /// <summary>The instance ID and the availability zone requests.</summary>
    public int DiagnosticsPerFile => 2;

    public AwsSdk Sdk => AwsSdk.V4;

    public string Generate(int index, ScenarioVariant variant)
    {
        var n = new Names(index);
        var body = variant == ScenarioVariant.Fires
            ? """
                    var instanceId = await _http.GetStringAsync(MetadataRoot + "instance-id", cancellationToken);
                    using var request = new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "placement/availability-zone");
                    using var response = await _http.SendAsync(request, cancellationToken);
                    var zone = await response.Content.ReadAsStringAsync(cancellationToken);
              """
            : """
                    var instanceId = Amazon.Util.EC2InstanceMetadata.InstanceId ?? "unknown";
                    using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "http://169.254.169.254/latest/api/token");
                    tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "300");
                    using var tokenResponse = await _http.SendAsync(tokenRequest, cancellationToken);
                    using var request = new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "placement/availability-zone");
                    request.Headers.Add("X-aws-ec2-metadata-token", await tokenResponse.Content.ReadAsStringAsync(cancellationToken));
                    using var response = await _http.SendAsync(request, cancellationToken);
                    var zone = await response.Content.ReadAsStringAsync(cancellationToken);
              """;
        return CodeShapes.AwsFile(n, new[] { "System.Net.Http" }, $$"""
            public sealed class {{n.T}}InstanceInfo
            {
                private const string MetadataRoot = "http://169.254.169.254/latest/meta-data/";
                private readonly HttpClient _http;

                public {{n.T}}InstanceInfo(HttpClient http) => _http = http;

                public async Task<string> DescribeAsync(CancellationToken cancellationToken)
                {
            {{body}}
                    var task = await _http.GetStringAsync("http://169.254.170.2/v4/metadata", cancellationToken);
                    var settings = await _http.GetStringAsync("https://config.example.com/{{n.Area.ToLowerInvariant()}}/settings.json", cancellationToken);
                    return $"{instanceId} in {zone} ({task.Length + settings.Length} bytes of settings)";
                }
            }
            """);
    }
}
