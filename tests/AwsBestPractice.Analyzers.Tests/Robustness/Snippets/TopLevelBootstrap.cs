using System.Threading.Tasks;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;
using Amazon.Lambda.Serialization.SystemTextJson;
using Amazon.S3;

var handler = async (string key, ILambdaContext context) =>
{
    var s3 = new AmazonS3Client();
    var metadata = await s3.GetObjectMetadataAsync("bucket", key);
    return metadata.ContentLength;
};

await LambdaBootstrapBuilder.Create(handler, new DefaultLambdaJsonSerializer())
    .Build()
    .RunAsync();
