// Shape of the Amazon.Lambda.RuntimeSupport package (the parts the samples use). See README.md for why this is a stub:
// the real bootstrap polls the Lambda Runtime API; this one only keeps the overloads so that handler code compiles.
using Amazon.Lambda.Core;

namespace Amazon.Lambda.RuntimeSupport;

public class InvocationResponse
{
    public InvocationResponse(Stream outputStream) => OutputStream = outputStream;

    public Stream OutputStream { get; }
}

public class LambdaBootstrap : IDisposable
{
    public Task RunAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Dispose()
    {
    }
}

public class LambdaBootstrapBuilder
{
    public static LambdaBootstrapBuilder Create(Func<Stream, ILambdaContext, Task<InvocationResponse>> handler) => new();

    public static LambdaBootstrapBuilder Create(Func<Stream, Task<InvocationResponse>> handler) => new();

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, ILambdaContext, Task> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TInput>(Func<TInput, Task> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TOutput>(Func<ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, Task<TOutput>> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, Task<TOutput>> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, ILambdaContext, TOutput> handler, ILambdaSerializer serializer) => new();

    public static LambdaBootstrapBuilder Create<TInput, TOutput>(Func<TInput, TOutput> handler, ILambdaSerializer serializer) => new();

    public LambdaBootstrap Build() => new();
}
