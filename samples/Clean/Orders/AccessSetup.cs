using System.Text.Json;
using Amazon.Auth.AccessControlPolicy;
using Amazon.S3;
using Amazon.Util;

namespace Clean.Orders;

/// <summary>One-off set-up of the receipts bucket: who may read and write it, and nothing more.</summary>
public static class AccessSetup
{
    /// <summary>The bucket policy: the function's role reads and writes receipts, in this bucket only.</summary>
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
                    Action = new[] { "s3:GetObject", "s3:PutObject" },
                    Resource = $"arn:aws:s3:::{bucket}/*",
                },
            },
        });
        return s3.PutBucketPolicyAsync(bucket, policy);
    }

    /// <summary>The auditors list the buckets (a read on every resource) and tag the receipts of one bucket.</summary>
    public static string AuditorsPolicy(string bucket)
    {
        var list = new Statement(Statement.StatementEffect.Allow) { Id = "ListBuckets" };
        list.Actions.Add(new ActionIdentifier("s3:ListAllMyBuckets"));
        list.Resources.Add(new Resource("*"));
        var tag = new Statement(Statement.StatementEffect.Allow) { Id = "TagReceipts" };
        tag.Actions.Add(new ActionIdentifier("s3:PutObjectTagging"));
        tag.Resources.Add(new Resource($"arn:aws:s3:::{bucket}/receipts/*"));
        return new Policy("auditors").WithStatements(list, tag).ToJson();
    }

    /// <summary>Tags the receipts with the instance that wrote them: the SDK reads the metadata with IMDSv2 (null off EC2).</summary>
    public static string InstanceId()
    {
        var instanceId = EC2InstanceMetadata.InstanceId ?? "unknown";
        return instanceId.Trim();
    }
}
