// Shape of the Amazon.Lambda.Annotations package (the parts the samples use). See README.md for why this is a stub.
namespace Amazon.Lambda.Annotations;

[AttributeUsage(AttributeTargets.Method)]
public sealed class LambdaFunctionAttribute : Attribute
{
    public string? ResourceName { get; set; }

    public int MemorySize { get; set; }

    public int Timeout { get; set; }
}
