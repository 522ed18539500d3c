using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// A call to an AWS service operation: a method of an SDK client class or service interface that takes an
/// <c>AmazonWebServiceRequest</c> (or a convenience overload) and returns an <c>AmazonWebServiceResponse</c>,
/// sync (v3 on .NET Framework) or async. <c>ScanAsync</c> and <c>Scan</c> are the same operation, <c>Scan</c>.
/// </summary>
internal readonly struct AwsOperation
{
    public AwsOperation(IInvocationOperation invocation, string name, INamedTypeSymbol? serviceInterface, IArgumentOperation? requestArgument, ITypeSymbol responseType, bool isAsync)
    {
        Invocation = invocation;
        Name = name;
        ServiceInterface = serviceInterface;
        RequestArgument = requestArgument;
        ResponseType = responseType;
        IsAsync = isAsync;
        _request = requestArgument is null ? null : new RequestFacts();
    }

    // What the request argument sets, followed once per call for every rule that asks (a walk of the method).
    private readonly RequestFacts? _request;

    public IInvocationOperation Invocation { get; }

    /// <summary>The operation name without the <c>Async</c> suffix (<c>Scan</c>, <c>PutObject</c>).</summary>
    public string Name { get; }

    /// <summary>The service interface (<c>IAmazonDynamoDB</c>), also for calls made on the concrete client.</summary>
    public INamedTypeSymbol? ServiceInterface { get; }

    /// <summary>The request object argument, when the overload takes one.</summary>
    public IArgumentOperation? RequestArgument { get; }

    /// <summary>The response type (unwrapped from <c>Task&lt;T&gt;</c>).</summary>
    public ITypeSymbol ResponseType { get; }

    public bool IsAsync { get; }

    /// <summary>A client of the service whose namespace is <c>Amazon.</c><paramref name="service"/> (<c>SQS</c>, <c>DynamoDBv2</c>).</summary>
    public bool IsService(string service)
        => ServiceInterface?.ContainingNamespace is { Name: var name, ContainingNamespace: { Name: "Amazon", ContainingNamespace.IsGlobalNamespace: true } }
           && name == service;

    /// <summary>
    /// <see cref="RequestObjects.TryGetRequest"/> on the request argument, computed once per call and shared by the rules that
    /// look at the same call. The list is shared: callers read it, never change it.
    /// </summary>
    public bool TryGetRequest(CancellationToken cancellationToken, out IObjectCreationOperation creation, out List<RequestMemberAssignment> assignments)
    {
        if (_request is not { } facts)
        {
            creation = null!;
            assignments = new List<RequestMemberAssignment>();
            return false;
        }

        // Published as one immutable object: a handler on another thread sees either nothing or the whole result.
        var followed = Volatile.Read(ref facts.Followed);
        if (followed is null)
        {
            var found = RequestObjects.TryGetRequest(RequestArgument!.Value, cancellationToken, out var created, out var list);
            followed = new FollowedRequest(found, created, list);
            Volatile.Write(ref facts.Followed, followed);
        }

        creation = followed.Creation!;
        assignments = followed.Assignments;
        return followed.Found;
    }

    public bool Is(INamedTypeSymbol? serviceInterface, string operationName)
        => Name == operationName && serviceInterface is not null && ServiceInterface.IsType(serviceInterface);

    public static bool TryGet(IOperation? operation, AwsSymbols symbols, out AwsOperation result)
    {
        result = default;
        if (operation is not IInvocationOperation invocation)
        {
            return false;
        }

        var method = invocation.TargetMethod;
        if (method.IsStatic || method.ContainingType is null || !symbols.IsClientType(method.ContainingType))
        {
            return false;
        }

        var isAsync = method.Name.EndsWith("Async", System.StringComparison.Ordinal);
        var responseType = method.ReturnType.UnwrapTask(symbols);
        if (!responseType.InheritsFrom(symbols.AmazonWebServiceResponse))
        {
            return false;
        }

        IArgumentOperation? request = null;
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type.InheritsFrom(symbols.AmazonWebServiceRequest) == true)
            {
                request = argument;
                break;
            }
        }

        var name = isAsync ? method.Name.Substring(0, method.Name.Length - "Async".Length) : method.Name;
        result = new AwsOperation(invocation, name, symbols.GetServiceInterface(method.ContainingType), request, responseType, isAsync);
        return true;
    }

    /// <summary>
    /// A call to an AWS service operation (<see cref="TryGet"/>) or to one of the SDK's high-level APIs that make service calls
    /// and throw the same <c>AmazonServiceException</c> subclasses (<see cref="IsHighLevelCall"/>).
    /// </summary>
    public static bool IsServiceCall(IInvocationOperation invocation, AwsSymbols symbols)
        => TryGet(invocation, symbols, out _) || IsHighLevelCall(invocation.TargetMethod, symbols);

    /// <summary>
    /// An async method of the SDK's high-level APIs: the object persistence model (<c>Amazon.DynamoDBv2.DataModel</c>:
    /// <c>DynamoDBContext.SaveAsync</c>, searches, batches, transactions), the document model (<c>Amazon.DynamoDBv2.DocumentModel</c>:
    /// <c>Table.PutItemAsync</c>, searches, batches) and <c>Amazon.S3.Transfer.TransferUtility</c>. Every task-returning instance
    /// method the SDK declares in these namespaces calls the service; a type of the user's own (a test fake) is not the SDK's.
    /// Their synchronous v3 methods (.NET Framework only) are not recognised.
    /// </summary>
    public static bool IsHighLevelCall(IMethodSymbol method, AwsSymbols symbols)
    {
        if (method.IsStatic
            || method.ContainingType is not { } type
            || !method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || type.ContainingAssembly?.Name.StartsWith("AWSSDK.", System.StringComparison.Ordinal) != true
            || !IsHighLevelNamespace(type.ContainingNamespace))
        {
            return false;
        }

        var returned = method.ReturnType.OriginalDefinition;
        return returned.IsType(symbols.Task) || returned.IsType(symbols.TaskOfT);
    }

    /// <summary><c>Amazon.DynamoDBv2.DataModel</c>, <c>Amazon.DynamoDBv2.DocumentModel</c> or <c>Amazon.S3.Transfer</c>, compared by name parts.</summary>
    private static bool IsHighLevelNamespace(INamespaceSymbol? ns)
    {
        if (ns?.ContainingNamespace is not { } service || service.ContainingNamespace is not { Name: "Amazon" } amazon || amazon.ContainingNamespace is not { IsGlobalNamespace: true })
        {
            return false;
        }

        return (service.Name == "DynamoDBv2" && ns.Name is "DataModel" or "DocumentModel")
               || (service.Name == "S3" && ns.Name == "Transfer");
    }

    /// <summary>True when the call is to the named operation on any AWS client, sync or async.</summary>
    public static bool IsOperationName(IMethodSymbol method, string operationName)
        => method.Name == operationName
           || (method.Name.Length == operationName.Length + 5
               && method.Name.StartsWith(operationName, System.StringComparison.Ordinal)
               && method.Name.EndsWith("Async", System.StringComparison.Ordinal));
}

/// <summary>The followed request of one <see cref="AwsOperation"/> (<see cref="AwsOperation.TryGetRequest"/>), once computed.</summary>
internal sealed class RequestFacts
{
    public FollowedRequest? Followed;
}

internal sealed class FollowedRequest
{
    public FollowedRequest(bool found, IObjectCreationOperation? creation, List<RequestMemberAssignment> assignments)
    {
        Found = found;
        Creation = creation;
        Assignments = assignments;
    }

    public bool Found { get; }
    public IObjectCreationOperation? Creation { get; }
    public List<RequestMemberAssignment> Assignments { get; }
}
