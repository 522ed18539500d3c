using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>The AWS Lambda for .NET types that define a handler (RULES.md, "Lambda handler").</summary>
internal sealed class LambdaSymbols
{
    public LambdaSymbols(Compilation compilation)
    {
        ILambdaContext = AwsSymbols.GetType(compilation, "Amazon.Lambda.Core.ILambdaContext");
        LambdaFunctionAttribute = AwsSymbols.GetType(compilation, "Amazon.Lambda.Annotations.LambdaFunctionAttribute");
        LambdaBootstrapBuilder = AwsSymbols.GetType(compilation, "Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder");
        BootstrapCalls = new BootstrapCallCache(compilation);
    }

    /// <summary>The <c>Create(…)</c> calls of each type and of the compilation, found once for every rule when a rule needs them.</summary>
    public BootstrapCallCache BootstrapCalls { get; }

    public INamedTypeSymbol? ILambdaContext { get; }
    public INamedTypeSymbol? LambdaFunctionAttribute { get; }
    public INamedTypeSymbol? LambdaBootstrapBuilder { get; }

    /// <summary>False when no Lambda package is referenced: nothing can be a handler.</summary>
    public bool IsAvailable => ILambdaContext is not null || LambdaFunctionAttribute is not null || LambdaBootstrapBuilder is not null;

    /// <summary>A method, local function or lambda that is a handler by its own signature or attributes.</summary>
    public bool IsHandlerBySignature(IMethodSymbol? method)
    {
        if (method is null)
        {
            return false;
        }

        if (ILambdaContext is not null)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Type.ImplementsOrIs(ILambdaContext))
                {
                    return true;
                }
            }
        }

        return method.HasAttribute(LambdaFunctionAttribute);
    }

    /// <summary><c>LambdaBootstrapBuilder.Create(handler, …)</c>.</summary>
    public bool IsBootstrapCreate(IMethodSymbol? method)
        => method is { IsStatic: true, Name: "Create" }
           && LambdaBootstrapBuilder is not null
           && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, LambdaBootstrapBuilder);
}
