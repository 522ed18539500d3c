using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

/// <summary>What an earlier reference to a task's local says about the task at a later read: see <see cref="AsyncAwsCalls.MayBeCompleteAt"/>.</summary>
internal enum TaskCompletion
{
    /// <summary>Nothing: the reference does not complete the task (<c>Task.WhenAny</c>, a status read for logging, a method call).</summary>
    NotKnown,

    /// <summary>The task is complete after it: awaited, combined by <c>Task.WhenAll</c>/<c>WaitAll</c>, its completion checked.</summary>
    Completed,

    /// <summary>The task went into a collection (an array, a collection expression, <c>Add</c>…), which is not followed.</summary>
    Untracked,
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
    /// <summary>
    /// The symbol-free test that runs before <see cref="GetUse"/> on every call returning a task: true for every call that
    /// <see cref="IsAwsTaskCall"/>, <see cref="IsTaskRunOfAwsCall"/> or <see cref="IsWhenAllOfAwsCalls"/> may accept (a method of
    /// a type from an <c>AWSSDK.*</c> assembly, of <c>HttpClient</c> or a type deriving from it, or <c>Task.Run</c>/<c>WhenAll</c>/<c>WhenAny</c>),
    /// so that the task calls of code that does not touch AWS cost a name test, not a walk of the code around them.
    /// </summary>
    public static bool MayBeAwsTaskCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        if (method.IsStatic && type.Name == "Task")
        {
            return method.Name is "Run" or "WhenAll" or "WhenAny";
        }

        if (type.ContainingAssembly?.Name is { } assembly && assembly.StartsWith("AWSSDK.", System.StringComparison.Ordinal))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name == "HttpClient")
            {
                return true;
            }
        }

        return false;
    }

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
    /// <c>Task.Run(() => client.PutObjectAsync(…))</c> or <c>Task.Run(async () => await …)</c>: a <c>Task.Run</c> whose delegate, a
    /// lambda, makes an AWS call (<see cref="IsAwsTaskCall"/>). A method group (<c>Task.Run(SendAsync)</c>) is the user's own
    /// helper and is not followed.
    /// </summary>
    public bool IsTaskRunOfAwsCall(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod is not { Name: "Run", IsStatic: true, ContainingType.Name: "Task" } || !invocation.TargetMethod.ContainingType.IsOrInheritsFrom(Task))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation function })
            {
                foreach (var operation in function.Body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation call && IsAwsTaskCall(call))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Task.WhenAll(…)</c>/<c>Task.WhenAny(…)</c> of AWS calls: an argument (or an element of the array, collection expression or
    /// <c>Select</c> lambda given to it) is an AWS call (<see cref="IsAwsTaskCall"/>), or a local whose only value is one. Blocking
    /// on the combined task blocks on the calls.
    /// </summary>
    public bool IsWhenAllOfAwsCalls(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        if (invocation.TargetMethod is not { Name: "WhenAll" or "WhenAny", IsStatic: true, ContainingType.Name: "Task" } || !invocation.TargetMethod.ContainingType.IsOrInheritsFrom(Task))
        {
            return false;
        }

        IOperation? root = null;
        foreach (var argument in invocation.Arguments)
        {
            foreach (var operation in argument.Value.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation call when IsAwsTaskCall(call):
                        return true;
                    case ILocalReferenceOperation reference:
                        root ??= invocation.GetRoot();
                        if (SingleValue(reference.Local, root, cancellationToken) is { } value
                            && UnwrapConfigureAwait(value.WalkDownConversions()) is IInvocationOperation stored && IsAwsTaskCall(stored))
                        {
                            return true;
                        }

                        break;
                }
            }
        }

        return false;
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
    /// Whether the task held by a local may be complete at <paramref name="read"/> (a place that blocks on it), judged from the
    /// local's <paramref name="references"/> that come before it in the source (flow-insensitive: an await in one branch counts for
    /// the other). True when one of them completes the task (<see cref="TaskCompletion.Completed"/>) or hands it to a collection
    /// (<see cref="TaskCompletion.Untracked"/>: it may be awaited through the collection, which is not followed), or when the read
    /// is in the task's own continuation (<c>task.ContinueWith(_ => task.Result)</c>).
    /// </summary>
    public static bool MayBeCompleteAt(IOperation read, IReadOnlyList<ILocalReferenceOperation> references)
    {
        var position = read.Syntax.SpanStart;
        foreach (var earlier in references)
        {
            if (earlier.Syntax.SpanStart < position
                && (GetCompletion(earlier) != TaskCompletion.NotKnown || IsInContinuationOf(read, earlier)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the reference <paramref name="reference"/> to a task's local does to the task: awaits it (<c>await task</c>, also
    /// through <c>ConfigureAwait(…)</c> and <c>WaitAsync(…)</c>), checks its completion (<c>IsCompleted…</c>, <c>Status</c>), passes
    /// it to <c>Task.WhenAll</c>/<c>Task.WaitAll</c> (directly or in the array or collection given to it): completed.
    /// <c>Task.WhenAny</c>/<c>WaitAny</c> complete only one of their tasks: not known. An array, a collection expression or an
    /// argument of <c>Add</c>/<c>AddRange</c>/<c>Enqueue</c>/<c>Push</c>/<c>TryAdd</c> (a collection initializer too): untracked.
    /// </summary>
    public static TaskCompletion GetCompletion(ILocalReferenceOperation reference)
    {
        IOperation value = reference;
        var parent = value.WalkUpConversions();
        if (parent is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" })
        {
            return TaskCompletion.Completed;
        }

        while (parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WaitAsync", Instance: { } instance } wrapper && instance.WalkDownConversions() == value)
        {
            value = wrapper;
            parent = value.WalkUpConversions();
        }

        if (parent is IAwaitOperation)
        {
            return TaskCompletion.Completed;
        }

        // Up through the arguments, arrays and collection expressions the task is an element of, to what receives them.
        var inCollection = false;
        IOperation previous = reference;
        for (var current = reference.Parent; current is not null; previous = current, current = current.Parent)
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.Name: "Task", Name: "WhenAll" or "WaitAll" } }:
                    return TaskCompletion.Completed;
                case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.Name: "Task", Name: "WhenAny" or "WaitAny" } }:
                    return TaskCompletion.NotKnown;
                case IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Enqueue" or "Push" or "TryAdd" } when previous is IArgumentOperation:
                    return TaskCompletion.Untracked;
                case IArrayInitializerOperation:
                    inCollection = true;
                    continue;
                case IArgumentOperation or IArrayCreationOperation or IConversionOperation or IParenthesizedOperation:
                    continue;
                default:
                    // A collection expression ([a, b]) is OperationKind.None in the Roslyn we build against and
                    // ICollectionExpressionOperation in newer ones: known by its syntax in both.
                    if (current.Syntax.IsKind(SyntaxKind.CollectionExpression))
                    {
                        inCollection = true;
                        continue;
                    }

                    return inCollection ? TaskCompletion.Untracked : TaskCompletion.NotKnown;
            }
        }

        return inCollection ? TaskCompletion.Untracked : TaskCompletion.NotKnown;
    }

    /// <summary>
    /// <paramref name="read"/> is inside a lambda passed to <c>ContinueWith</c> on <paramref name="task"/>
    /// (<c>task.ContinueWith(_ => task.Result)</c>): the continuation runs once the task is complete.
    /// </summary>
    private static bool IsInContinuationOf(IOperation read, ILocalReferenceOperation task)
    {
        if (task.WalkUpConversions() is not IInvocationOperation { TargetMethod.Name: "ContinueWith", Instance: { } instance } continueWith
            || instance.WalkDownConversions() != task)
        {
            return false;
        }

        var inLambda = false;
        for (var current = read.Parent; current is not null; current = current.Parent)
        {
            if (current == continueWith)
            {
                return inLambda;
            }

            inLambda |= current is IAnonymousFunctionOperation;
        }

        return false;
    }

    /// <summary>
    /// <c>task = other;</c>: the reference to the local is only the target of an assignment used as a statement, which reads
    /// nothing (the task the local held is dropped there).
    /// </summary>
    public static bool IsOnlyOverwritten(ILocalReferenceOperation reference)
        => reference.Parent is ISimpleAssignmentOperation { Parent: IExpressionStatementOperation } assignment && assignment.Target == reference;

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
