using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>What the code does with a task: see <see cref="AsyncAwsCalls.GetUse"/>.</summary>
internal enum TaskUse
{
    Dropped,
    Stored,
    Blocked,
    Other,
}

/// <summary>
/// Tasks started by AWS SDK calls inside Lambda handlers, and what the handler does with them: the shared model of AWSBP011
/// (blocking on the task) and AWSBP012 (returning before it completes). An AWS call is a method of a type of an <c>AWSSDK.*</c>
/// assembly (service clients and interfaces, <c>TransferUtility</c>, <c>DynamoDBContext</c>) or of <c>HttpClient</c> that returns
/// a <c>Task</c>; a type of the user's own (a fake implementing <c>IAmazonSQS</c>) is not one.
/// </summary>
internal sealed class AsyncAwsCalls
{
    /// <summary>
    /// Diagnostic property of AWSBP011 and AWSBP012: "true" when the handler can await at the reported place (<see cref="CanAwaitInHandler"/>),
    /// which the fix needs.
    /// </summary>
    public const string AwaitableProperty = "Awaitable";

    private AsyncAwsCalls(AwsSymbols aws, INamedTypeSymbol task)
    {
        Aws = aws;
        Task = task;
        HttpClient = aws.GetType("System.Net.Http.HttpClient");
    }

    public AwsSymbols Aws { get; }

    public INamedTypeSymbol Task { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public LambdaSymbols Lambda => Aws.Lambda;

    /// <summary>Null when nothing can be a Lambda handler (no Lambda package) or tasks are unknown: the rules then register nothing.</summary>
    public static AsyncAwsCalls? TryCreate(AwsSymbols aws)
        => aws.Lambda.IsAvailable && aws.Task is { } task ? new AsyncAwsCalls(aws, task) : null;

    /// <summary>
    /// A call that starts an AWS request and returns its task: a method of a type of an <c>AWSSDK.*</c> assembly, or of
    /// <c>HttpClient</c>, whose return type is <c>Task</c> or <c>Task&lt;T&gt;</c>.
    /// </summary>
    public bool IsAwsTaskCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ReturnType is not INamedTypeSymbol returnType || !returnType.IsOrInheritsFrom(Task))
        {
            return false;
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.ContainingAssembly?.Name is { } assembly && assembly.StartsWith("AWSSDK.", System.StringComparison.Ordinal))
        {
            return true;
        }

        return HttpClient is not null && type.IsOrInheritsFrom(HttpClient);
    }

    /// <summary>
    /// What the code does with the task of <paramref name="call"/> (a call returning a task), by syntax shape and member names only:
    /// drops it (a statement, <c>_ = …</c>), keeps it in a local (<paramref name="local"/>), blocks on it at once
    /// (<paramref name="blocking"/>, <paramref name="form"/>), or anything else. A <c>ConfigureAwait(…)</c> on the task is seen through.
    /// </summary>
    public static TaskUse GetUse(IOperation call, out ILocalSymbol? local, out IOperation? blocking, out string? form)
    {
        local = null;
        var value = call;
        while (value.WalkUpConversions() is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance?.WalkDownConversions() == value)
        {
            value = configured;
        }

        if (TryGetBlocking(value, out blocking, out form))
        {
            return TaskUse.Blocked;
        }

        switch (value.WalkUpConversions())
        {
            case IExpressionStatementOperation:
            case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                return TaskUse.Dropped;
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                local = declarator.Symbol;
                return TaskUse.Stored;
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value.WalkDownConversions() == value:
                local = target.Local;
                return TaskUse.Stored;
            default:
                return TaskUse.Other;
        }
    }

    /// <summary>
    /// <c>task.Result</c>, <c>task.Wait()</c> or <c>task.GetAwaiter().GetResult()</c> on the task <paramref name="task"/> (a call,
    /// its <c>ConfigureAwait</c>, or a reference to the local that holds it): the operation that blocks and how.
    /// </summary>
    public static bool TryGetBlocking(IOperation task, out IOperation? blocking, out string? form)
    {
        var value = task;
        while (value.WalkUpConversions() is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configured && configured.Instance?.WalkDownConversions() == value)
        {
            value = configured;
        }

        switch (value.WalkUpConversions())
        {
            case IPropertyReferenceOperation { Property: { Name: "Result", ContainingType.Name: "Task" } } result:
                blocking = result;
                form = ".Result";
                return true;
            case IInvocationOperation { TargetMethod: { Name: "Wait", ContainingType.Name: "Task" } } wait:
                blocking = wait;
                form = ".Wait()";
                return true;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter
                when getAwaiter.WalkUpConversions() is IInvocationOperation { TargetMethod: { Name: "GetResult", ContainingType.Name: "TaskAwaiter" or "ConfiguredTaskAwaiter" } } getResult:
                blocking = getResult;
                form = ".GetAwaiter().GetResult()";
                return true;
            default:
                blocking = null;
                form = null;
                return false;
        }
    }

    /// <summary><c>task.ConfigureAwait(false)</c> → <c>task</c>.</summary>
    public static IOperation UnwrapConfigureAwait(IOperation value)
    {
        var current = value;
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } instance })
        {
            current = instance.WalkDownConversions();
        }

        return current;
    }

    /// <summary>
    /// The one value the local is given in its method (its initializer or a single assignment), or null when it has several or
    /// escapes by <c>ref</c>/<c>out</c>.
    /// </summary>
    public static IOperation? SingleValue(ILocalSymbol local, IOperation root, CancellationToken cancellationToken)
    {
        IOperation? value = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is { } initializer)
                    {
                        if (value is not null)
                        {
                            return null;
                        }

                        value = initializer;
                    }

                    break;
                case IAssignmentOperation { Target: var target } assignment when target.WalkDownConversions() is ILocalReferenceOperation assigned
                                                                                && SymbolEqualityComparer.Default.Equals(assigned.Local, local):
                    if (value is not null || assignment is not ISimpleAssignmentOperation simple)
                    {
                        return null;
                    }

                    value = simple.Value;
                    break;
                case ILocalReferenceOperation { Parent: IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } } escaping
                    when SymbolEqualityComparer.Default.Equals(escaping.Local, local):
                    return null;
            }
        }

        return value;
    }

    /// <summary>
    /// The function (method, local function or lambda) whose body holds <paramref name="operation"/> directly, as the syntax
    /// node of the innermost lambda or local function; null for the containing member itself.
    /// </summary>
    public static IOperation? GetEnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the handler can await at <paramref name="operation"/>: it is in the handler's own body (not in a lambda or local
    /// function declared there, which would have to become async too), outside a <c>lock</c> and a catch filter.
    /// </summary>
    public static bool CanAwaitInHandler(IOperation operation, IOperation? handlerOperation)
    {
        if (GetEnclosingFunction(operation) != handlerOperation)
        {
            return false;
        }

        for (var current = operation.Parent; current is not null && current != handlerOperation; current = current.Parent)
        {
            if (current is ILockOperation)
            {
                return false;
            }

            if (current.Parent is ICatchClauseOperation catchClause && catchClause.Filter == current)
            {
                return false;
            }
        }

        return true;
    }
}
