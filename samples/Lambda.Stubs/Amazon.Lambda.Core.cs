// Shape of the Amazon.Lambda.Core package (the parts the samples use). See README.md for why this is a stub.
namespace Amazon.Lambda.Core;

public interface ILambdaLogger
{
    void Log(string message);

    void LogLine(string message);
}

public interface ILambdaContext
{
    string AwsRequestId { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    ILambdaLogger Logger { get; }

    TimeSpan RemainingTime { get; }
}

public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}

[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method)]
public sealed class LambdaSerializerAttribute : Attribute
{
    public LambdaSerializerAttribute(Type serializerType) => SerializerType = serializerType;

    public Type SerializerType { get; }
}
