using System.Collections.Concurrent;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ReuseSdkClients;

/// <summary>
/// What AWSBP070 needs in one compilation: the shared client classification (<see cref="ClientSymbols"/>), the ASP.NET Core types
/// that make code run per request (controllers, Razor Pages, minimal-API route builders), and per-type answers computed once
/// (is it a controller, a test class; what does its constructor create). Null for a test project (xUnit, NUnit, MSTest or TUnit
/// referenced): test code builds clients for one test run, and nothing in it is reported.
/// </summary>
internal sealed class ReuseSymbols
{
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _controllers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _testClasses = new(SymbolEqualityComparer.Default);

    private ReuseSymbols(AwsSymbols aws)
    {
        Clients = ClientSymbols.Create(aws);
        ControllerBase = aws.GetType("Microsoft.AspNetCore.Mvc.ControllerBase");
        ControllerAttribute = aws.GetType("Microsoft.AspNetCore.Mvc.ControllerAttribute");
        NonControllerAttribute = aws.GetType("Microsoft.AspNetCore.Mvc.NonControllerAttribute");
        PageModel = aws.GetType("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        EndpointRouteBuilder = aws.GetType("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        Constructors = new ServiceConstructors(this);
    }

    public ClientSymbols Clients { get; }
    public AwsSymbols Aws => Clients.Aws;
    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? PageModel { get; }
    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    /// <summary>What the constructors of the compilation's own classes create (the one level of indirection).</summary>
    public ServiceConstructors Constructors { get; }

    public static ReuseSymbols? TryCreate(AwsSymbols aws)
    {
        return TestCode.IsTestProject(aws.Compilation) ? null : new ReuseSymbols(aws);
    }

    /// <summary>
    /// An ASP.NET Core controller (created by the framework for every request): derives from <c>ControllerBase</c> or carries
    /// <c>[Controller]</c>/<c>[ApiController]</c> (also on a base class), or follows the naming convention (public, concrete,
    /// named <c>…Controller</c>) in an MVC project; not <c>[NonController]</c>. A Razor Pages <c>PageModel</c> likewise.
    /// </summary>
    public bool IsPerRequestType(INamedTypeSymbol type)
        => (ControllerBase is not null || PageModel is not null || ControllerAttribute is not null)
           && _controllers.GetOrAdd(type, ComputeIsPerRequestType);

    private bool ComputeIsPerRequestType(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsAbstract)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (NonControllerAttribute is not null && current.HasAttribute(NonControllerAttribute))
            {
                return false;
            }

            if (current.IsType(ControllerBase) || current.IsType(PageModel) || (ControllerAttribute is not null && current.HasAttribute(ControllerAttribute)))
            {
                return true;
            }
        }

        return ControllerBase is not null
               && type.DeclaredAccessibility == Accessibility.Public
               && type.ContainingType is null
               && !type.IsGenericType
               && type.Name.EndsWith("Controller", System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A class of tests, or nested in one: a member or the class carries an attribute of xUnit, NUnit, MSTest or TUnit (matched by
    /// the attribute's namespace, so a test project's own helpers and stand-ins count too).
    /// </summary>
    public bool IsTestClass(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (_testClasses.GetOrAdd(current, ComputeIsTestClass))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ComputeIsTestClass(INamedTypeSymbol type)
    {
        if (HasTestAttribute(type))
        {
            return true;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is IMethodSymbol && HasTestAttribute(member))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasTestAttribute(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            var ns = attribute.AttributeClass?.ContainingNamespace?.ToDisplayString();
            if (ns is "Xunit" or "NUnit.Framework" or "Microsoft.VisualStudio.TestTools.UnitTesting" or "TUnit.Core")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The minimal-API route method (<c>MapGet</c>, <c>MapPost</c>, …) a lambda is the request handler of: the lambda is an
    /// argument of a <c>Map*</c> method of (or extending) <c>IEndpointRouteBuilder</c>; null otherwise.
    /// </summary>
    public string? GetRouteMethod(IAnonymousFunctionOperation function)
    {
        if (EndpointRouteBuilder is null
            || function.WalkUpConversions() is not IDelegateCreationOperation delegateCreation
            || delegateCreation.WalkUpConversions() is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return null;
        }

        var method = invocation.TargetMethod;
        if (!method.Name.StartsWith("Map", System.StringComparison.Ordinal)
            || method.Name is "MapGroup" or "MapHealthChecks" or "MapControllers" or "MapRazorPages" or "MapHub")
        {
            return null;
        }

        var receiver = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : invocation.Instance?.Type;
        return receiver.ImplementsOrIs(EndpointRouteBuilder) ? method.Name : null;
    }
}
