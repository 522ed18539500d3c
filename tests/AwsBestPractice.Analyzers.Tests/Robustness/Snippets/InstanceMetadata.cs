using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Amazon.Util;

namespace Snippets.InstanceMetadata;

public sealed class InstanceInfo
{
    private const string MetadataRoot = "http://169.254.169.254/latest/meta-data/";
    private static readonly HttpClient Http = new();

    public async Task<string> RegionAsync()
    {
        var region = await Http.GetStringAsync(new Uri("http://169.254.169.254/latest/meta-data/placement/region"));
        return region.Trim();
    }

    // Not awaited: reported, no fix (the caller awaits a Task<string>).
    public Task<string> InstanceIdAsync() => Http.GetStringAsync(MetadataRoot + "instance-id");

    public async Task<string> AvailabilityZoneWithTokenAsync()
    {
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Put, "http://169.254.169.254/latest/api/token");
        tokenRequest.Headers.Add("X-aws-ec2-metadata-token-ttl-seconds", "21600");
        var token = await (await Http.SendAsync(tokenRequest)).Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, MetadataRoot + "placement/availability-zone");
        request.Headers.Add("X-aws-ec2-metadata-token", token);
        return await (await Http.SendAsync(request)).Content.ReadAsStringAsync();
    }

    public string Hostname()
    {
#pragma warning disable SYSLIB0014 // WebClient is obsolete
        using var web = new WebClient();
        return web.DownloadString("http://169.254.169.254/latest/meta-data/hostname");
#pragma warning restore SYSLIB0014
    }

    public async Task<string> RoleCredentialsAsync(string role)
        => await Http.GetStringAsync($"http://169.254.169.254/latest/meta-data/iam/security-credentials/{role}");

    public Task<string> TaskMetadataAsync() => Http.GetStringAsync("http://169.254.170.2/v4/metadata");

    public string? FromTheSdk() => EC2InstanceMetadata.InstanceId;
}
