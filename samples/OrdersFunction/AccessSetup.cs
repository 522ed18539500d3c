using System.Text.Json;
using Amazon.Auth.AccessControlPolicy;
using Amazon.S3;

namespace OrdersFunction;

/// <summary>One-off set-up of the receipts bucket: who may read and write it.</summary>
public static class AccessSetup
{
    /// <summary>The bucket policy, written when the bucket is created.</summary>
    public static Task ApplyReceiptsPolicyAsync(IAmazonS3 s3, string bucket, string roleArn)
    {
        var policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Sid = "OrdersFunction",
                    Effect = "Allow",
                    Principal = new { AWS = roleArn },
                    Action = "*", // AWSBP002: every action of every service
                    Resource = $"arn:aws:s3:::{bucket}/*",
                },
            },
        });
        return s3.PutBucketPolicyAsync(bucket, policy);
    }

    /// <summary>The statement the auditors' role gets, built with the SDK's policy builder.</summary>
    public static string AuditorsPolicy()
    {
        var statement = new Statement(Statement.StatementEffect.Allow) { Id = "Auditors" };
        statement.Actions.Add(new ActionIdentifier("s3:ListAllMyBuckets"));
        statement.Actions.Add(new ActionIdentifier("s3:PutObjectTagging"));
        statement.Resources.Add(new Resource("*")); // AWSBP002: a write action (s3:PutObjectTagging) on every resource
        return new Policy("auditors").WithStatements(statement).ToJson();
    }

    private static readonly HttpClient Http = new();

    /// <summary>Tags the receipts with the instance that wrote them (the function also runs on EC2 for batch imports).</summary>
    public static async Task<string> InstanceIdAsync()
    {
        var instanceId = await Http.GetStringAsync("http://169.254.169.254/latest/meta-data/instance-id"); // AWSBP006: IMDSv1, no session token
        return instanceId.Trim();
    }
}
