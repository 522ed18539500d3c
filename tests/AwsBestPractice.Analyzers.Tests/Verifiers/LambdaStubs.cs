namespace AwsBestPractice.Analyzers.Tests.Verifiers;

/// <summary>
/// The few AWS Lambda for .NET types the rules recognise, declared with their real full names. The Amazon.Lambda.* packages
/// are not available here; these declarations mirror their public shape and are compiled once into a metadata reference.
/// </summary>
internal static class LambdaStubs
{
    public const string Source = """
        namespace Amazon.Lambda.Core
        {
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
                System.TimeSpan RemainingTime { get; }
            }

            public interface ILambdaSerializer
            {
                T Deserialize<T>(System.IO.Stream requestStream);
                void Serialize<T>(T response, System.IO.Stream responseStream);
            }

            [System.AttributeUsage(System.AttributeTargets.Assembly | System.AttributeTargets.Method)]
            public sealed class LambdaSerializerAttribute : System.Attribute
            {
                public LambdaSerializerAttribute(System.Type serializerType) { SerializerType = serializerType; }
                public System.Type SerializerType { get; }
            }
        }

        namespace Amazon.Lambda.Annotations
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class LambdaFunctionAttribute : System.Attribute
            {
                public string ResourceName { get; set; }
                public int MemorySize { get; set; }
                public int Timeout { get; set; }
            }
        }

        namespace Amazon.Lambda.Serialization.SystemTextJson
        {
            public class DefaultLambdaJsonSerializer : Amazon.Lambda.Core.ILambdaSerializer
            {
                public T Deserialize<T>(System.IO.Stream requestStream) => default;
                public void Serialize<T>(T response, System.IO.Stream responseStream) { }
            }
        }

        namespace Amazon.Lambda.RuntimeSupport
        {
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Amazon.Lambda.Core;

            public class InvocationResponse
            {
                public InvocationResponse(Stream outputStream) { }
            }

            public class LambdaBootstrap : IDisposable
            {
                public Task RunAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
                public void Dispose() { }
            }

            public class LambdaBootstrapBuilder
            {
                public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<InvocationResponse>> handler) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create(Func<Stream, Task<InvocationResponse>> handler) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, Task> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, Task<TOutput>> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, TOutput> handler, ILambdaSerializer serializer) => new LambdaBootstrapBuilder();
                public LambdaBootstrap Build() => new LambdaBootstrap();
            }
        }
        """;
}
