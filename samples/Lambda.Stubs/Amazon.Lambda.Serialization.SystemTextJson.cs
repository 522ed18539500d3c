// Shape of the Amazon.Lambda.Serialization.SystemTextJson package. See README.md for why this is a stub.
using System.Text.Json;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Serialization.SystemTextJson;

public class DefaultLambdaJsonSerializer : ILambdaSerializer
{
    public T Deserialize<T>(Stream requestStream) => JsonSerializer.Deserialize<T>(requestStream)!;

    public void Serialize<T>(T response, Stream responseStream) => JsonSerializer.Serialize(responseStream, response);
}
