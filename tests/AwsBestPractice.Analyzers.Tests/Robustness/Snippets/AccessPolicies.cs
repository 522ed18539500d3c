using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Auth.AccessControlPolicy;
using Amazon.S3;
using Amazon.S3.Model;

namespace Snippets.AccessPolicies;

public sealed class BucketSetup
{
    private const string ReadOnlyStatement = "{ \"Effect\": \"Allow\", \"Action\": [\"s3:ListAllMyBuckets\", \"s3:GetBucketLocation\"], \"Resource\": \"*\" }";
    private readonly IAmazonS3 _s3;

    public BucketSetup(IAmazonS3 s3) => _s3 = s3;

    public Task GrantEverythingAsync(string bucket)
        => _s3.PutBucketPolicyAsync(bucket, """
            {
              "Version": "2012-10-17",
              "Statement": [
                { "Sid": "Everything", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/Uploader" }, "Action": "s3:*", "Resource": "*" }
              ]
            }
            """);

    public Task GrantUploadsAsync(string bucket, string accountId)
        => _s3.PutBucketPolicyAsync(bucket, $$"""
            {
              "Statement": [
                { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::{{accountId}}:root" }, "Action": ["s3:PutObject"], "Resource": "arn:aws:s3:::{{bucket}}/uploads/*" },
                {{ReadOnlyStatement}}
              ]
            }
            """);

    public string BuildWithTheSdk(string bucket)
    {
        var upload = new Statement(Statement.StatementEffect.Allow) { Id = "Upload" };
        upload.Actions.Add(new ActionIdentifier("s3:PutObject"));
        upload.Resources.Add(new Resource("*"));
        var deny = new Statement(Statement.StatementEffect.Deny)
            .WithActionIdentifiers(new ActionIdentifier("*"))
            .WithResources(new Resource("arn:aws:s3:::" + bucket));
        return new Policy("uploads").WithStatements(upload, deny).ToJson();
    }

    public string Serialise()
        => JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new object[]
            {
                new { Effect = "Allow", Action = "*", Resource = "*" },
                new Dictionary<string, object> { ["Effect"] = "Deny", ["NotAction"] = new[] { "s3:GetObject" }, ["Resource"] = "*" },
            },
        });

    // Typing in progress: must not throw.
    public string HalfTyped() => "{ \"Statement\": [{ \"Effect\": \"Allow\", \"Action\": [\"s3:*";
}
