using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>How control can leave a statement, relative to one loop.</summary>
[Flags]
internal enum LoopFlow
{
    None = 0,

    /// <summary>Execution can reach the end of the statement.</summary>
    Completes = 1,

    /// <summary><c>continue</c> of the loop.</summary>
    Continue = 2,

    /// <summary><c>break</c> of the loop.</summary>
    Break = 4,

    /// <summary><c>return</c> or <c>yield break</c>.</summary>
    Return = 8,

    /// <summary><c>throw</c>, a rethrow or a call to a <c>[DoesNotReturn]</c> method.</summary>
    Throw = 16,

    /// <summary><c>goto</c> and other jumps we do not follow.</summary>
    Other = 32,
}

/// <summary>
/// A <c>try</c> statement inside a loop that re-issues the same AWS request after a failure: the same request (it does not
/// depend on anything the loop changes) is sent again when the catch lets the loop go round, and a success leaves the loop.
/// </summary>
internal sealed class RetryLoop
{
    private RetryLoop(ILoopOperation loop, ITryOperation @try, IInvocationOperation retriedCall, LoopFlow tailFlow, ILocalSymbol? doneFlag)
    {
        Loop = loop;
        Try = @try;
        RetriedCall = retriedCall;
        TailFlow = tailFlow;
        DoneFlag = doneFlag;
    }

    public ILoopOperation Loop { get; }

    public ITryOperation Try { get; }

    /// <summary>
    /// The call the loop retries: the first AWS operation in the <c>try</c> block or, in a generic retry helper, the delegate it
    /// invokes (<c>await action()</c>).
    /// </summary>
    public IInvocationOperation RetriedCall { get; }

    /// <summary>The name to show for <see cref="RetriedCall"/>: <c>ScanAsync</c>, or the delegate's name (<c>action</c>).</summary>
    public string RetriedName
        => RetriedCall.TargetMethod.MethodKind == MethodKind.DelegateInvoke && RetriedCall.Instance is { } target && GetDelegateSymbol(target) is { } symbol
            ? symbol.Name
            : RetriedCall.TargetMethod.Name;

    /// <summary>How the statements after the <c>try</c> (up to the end of the loop body) can leave.</summary>
    private LoopFlow TailFlow { get; }

    /// <summary>A <c>bool</c> local set in the <c>try</c> block on success and read by the loop condition, if that is how success ends the loop.</summary>
    private ILocalSymbol? DoneFlag { get; }

    /// <summary>
    /// Recognises a retry loop around <paramref name="try"/>. Heuristics (see docs/rules/AWSBP020.md):
    /// the try block calls an AWS operation; success leaves the loop (the try block always ends in <c>break</c>/<c>return</c>,
    /// the statements after the try always do, or the try block sets a <c>bool</c> the loop condition reads); every AWS call
    /// in the try block is loop-invariant (a <c>foreach</c> over items or a <c>for</c> over indexes calls something else in
    /// each iteration); a <c>foreach</c> is a retry only over <c>Enumerable.Range/Repeat</c> or a <c>TimeSpan</c> schedule.
    /// </summary>
    /// <param name="allowDelegates">
    /// Also accept a try block without a direct AWS call that invokes a delegate held in a parameter, local or field (a
    /// generic retry helper); the caller must know the loop is about AWS some other way (it catches an AWS exception).
    /// </param>
    public static RetryLoop? TryCreate(ITryOperation @try, AwsSymbols symbols, bool allowDelegates, CancellationToken cancellationToken)
    {
        var loop = @try.GetEnclosingLoop();
        if (loop is null || !@try.IsDescendantOf(loop.Body))
        {
            return null;
        }

        if (loop is IForEachLoopOperation forEach && !IsRetryCounter(forEach))
        {
            return null;
        }

        var operations = FindRetriedCalls(@try.Body, symbols, allowDelegates);
        if (operations.Count == 0)
        {
            return null;
        }

        var tail = AnalyzeTail(@try, loop);
        var body = Analyze(@try.Body, loop);
        ILocalSymbol? doneFlag = null;
        var successExits =
            ((body & (LoopFlow.Completes | LoopFlow.Continue | LoopFlow.Other)) == 0 && (body & (LoopFlow.Break | LoopFlow.Return)) != 0)
            || ((body & LoopFlow.Completes) != 0 && (tail & (LoopFlow.Completes | LoopFlow.Continue | LoopFlow.Other)) == 0 && (tail & (LoopFlow.Break | LoopFlow.Return)) != 0)
            || ((body & LoopFlow.Completes) != 0 && (tail & LoopFlow.Completes) != 0 && (doneFlag = FindDoneFlag(@try.Body, loop)) is not null);
        if (!successExits)
        {
            return null;
        }

        var dataFlow = new LoopDataFlow(loop, symbols, cancellationToken);
        foreach (var operation in operations)
        {
            if (dataFlow.DependsOnLoop(operation))
            {
                return null; // a different request in each iteration: processing items, not retrying one request
            }
        }

        return new RetryLoop(loop, @try, operations[0], tail, doneFlag);
    }

    /// <summary>True when the catch clause sends the loop round again (falls through to the loop end, or <c>continue</c>s).</summary>
    public bool CatchRetries(ICatchClauseOperation @catch)
    {
        var handler = Analyze(@catch.Handler, Loop);
        if ((handler & LoopFlow.Continue) != 0)
        {
            return true;
        }

        if ((handler & LoopFlow.Completes) == 0 || (TailFlow & (LoopFlow.Completes | LoopFlow.Continue)) == 0)
        {
            return false;
        }

        // while (!done) { try { …; done = true; } catch { done = true; } }: the catch ends the loop as well.
        return DoneFlag is null || !AssignsAtTopLevel(@catch.Handler, DoneFlag);
    }

    /// <summary>
    /// A waiter rather than a retry of a client error (RULES.md, AWSBP020): <paramref name="catchClause"/> lets only "not found"
    /// errors through (<see cref="AwsErrorClassification.SelectsOnlyNotFound"/>) and the loop polls reads with a delay
    /// (<see cref="IsPollingReads"/>). The retry rules ask the same question so that they agree on what a waiter is.
    /// </summary>
    public bool IsWaiter(ICatchClauseOperation catchClause, AwsSymbols symbols)
        => AwsErrorClassification.SelectsOnlyNotFound(catchClause.ExceptionType, catchClause.Filter, GetExceptionLocal(catchClause), symbols)
           && IsPollingReads(symbols);

    /// <summary>The catch clause's exception variable (<c>catch (AmazonServiceException ex)</c>), if it declares one.</summary>
    public static ILocalSymbol? GetExceptionLocal(ICatchClauseOperation catchClause)
        => catchClause.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation declarator ? declarator.Symbol : null;

    /// <summary>
    /// The waits on the way from a failure that <paramref name="catchClause"/> handles to the next attempt, in source order: the
    /// <c>Task.Delay</c>/<c>Thread.Sleep</c> calls of the handler, of the rest of the loop (the try block, the statements before and
    /// after the try, the loop's condition and increments) and of a <c>finally</c>; not those of the try's other catch clauses nor
    /// of lambdas and local functions (they run elsewhere). A wait inside an inner loop is not listed: it sets
    /// <paramref name="mayWaitOtherwise"/>. <paramref name="mayWaitOtherwise"/> is set when the same places call
    /// something else whose name says it waits (<c>BackoffAsync(attempt)</c>, <c>WaitBeforeRetry()</c>, <c>PauseAsync()</c>) or
    /// code that does not bind (being typed): a wait the caller cannot judge.
    /// </summary>
    public List<IInvocationOperation> GetWaits(ICatchClauseOperation catchClause, out bool mayWaitOtherwise)
    {
        mayWaitOtherwise = false;
        var waits = new List<IInvocationOperation>();
        var stack = new Stack<IOperation>();
        stack.Push(Loop);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            switch (current)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    continue;
                case ICatchClauseOperation other when other != catchClause && other.Parent == Try:
                    continue;
                case ILoopOperation inner when inner != Loop:
                    // An inner loop (another retry in the handler, a pacing loop): how long it waits is not judged.
                    mayWaitOtherwise |= WaitsBetweenAttempts(inner);
                    continue;
                case IInvocationOperation invocation when IsDelayCall(invocation):
                    waits.Add(invocation);
                    break;
                case IInvalidOperation:
                    mayWaitOtherwise = true; // code being typed (Task.Delay( …): not judged
                    break;
                case IInvocationOperation invocation when NameSaysItWaits(invocation.TargetMethod) && !invocation.IsDescendantOf(Try.Body):
                    mayWaitOtherwise = true;
                    break;
            }

            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }

        waits.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        return waits;
    }

    /// <summary><c>Task.Delay(…)</c> or <c>Thread.Sleep(…)</c>.</summary>
    public static bool IsDelayCall(IInvocationOperation invocation)
        => invocation.TargetMethod is { IsStatic: true } method
           && ((method.Name == "Delay" && method.ContainingType?.Name == "Task") || (method.Name == "Sleep" && method.ContainingType?.Name == "Thread"));

    private static bool NameSaysItWaits(IMethodSymbol method)
    {
        if (method.ContainingType is { Name: "Task" or "ValueTask" or "TaskAwaiter" } || method.Name == "GetResult")
        {
            return false; // task.Wait(): blocking on a call, not a pause
        }

        var name = method.Name;
        foreach (var word in new[] { "Delay", "Sleep", "Wait", "Backoff", "BackOff", "Pause" })
        {
            if (name.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The local that counts the loop's attempts, in scope in <paramref name="catchClause"/>: the variable of a <c>for</c> loop that
    /// its increment raises (<c>for (var attempt = 0; …; attempt++)</c>), the variable of a <c>foreach</c> over
    /// <c>Enumerable.Range</c>, or a numeric local declared before the loop that the loop only increments (<c>attempts++</c>,
    /// <c>++retries</c>, <c>attempt += 1</c>, in the body, the condition or a catch filter). Increments in
    /// <paramref name="catchClause"/> are preferred. Null when the loop counts nothing. <paramref name="countsThisCatch"/> is false
    /// when the counter is raised only by the try's other catch clauses: failures that this one catches do not count.
    /// </summary>
    public ILocalSymbol? FindAttemptCounter(ICatchClauseOperation catchClause, out bool countsThisCatch)
    {
        countsThisCatch = true;
        if (Loop is IForEachLoopOperation)
        {
            return Loop.Locals.Length == 1 && Loop.Locals[0].Type.SpecialType == SpecialType.System_Int32 ? Loop.Locals[0] : null;
        }

        var increments = new List<(ILocalSymbol Local, bool InCatch, bool InOtherCatch)>();
        var otherwiseAssigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in Loop.DescendantsAndSelf())
        {
            IOperation? target = operation switch
            {
                IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment => increment.Target,
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value.ConstantValue: { HasValue: true, Value: int and > 0 } } add => add.Target,
                _ => null,
            };
            if (target?.WalkDownConversions() is ILocalReferenceOperation counted)
            {
                var inOtherCatch = false;
                foreach (var other in Try.Catches)
                {
                    inOtherCatch |= other != catchClause && operation.IsDescendantOf(other);
                }

                increments.Add((counted.Local, operation.IsDescendantOf(catchClause), inOtherCatch));
                continue;
            }

            switch (operation)
            {
                case IAssignmentOperation { Target: var assigned }:
                    if (assigned.WalkDownConversions() is ILocalReferenceOperation reset)
                    {
                        otherwiseAssigned.Add(reset.Local);
                    }

                    break;
                case IIncrementOrDecrementOperation { Target: var decremented } when decremented.WalkDownConversions() is ILocalReferenceOperation down:
                    otherwiseAssigned.Add(down.Local);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: var byRef } when byRef.WalkDownConversions() is ILocalReferenceOperation passed:
                    otherwiseAssigned.Add(passed.Local);
                    break;
            }
        }

        ILocalSymbol? best = null;
        foreach (var (local, inCatch, _) in increments)
        {
            if (otherwiseAssigned.Contains(local) || !IsNumeric(local.Type) || !IsDeclaredOutsideBody(local))
            {
                continue;
            }

            if (inCatch)
            {
                return local;
            }

            best ??= local;
        }

        if (best is not null)
        {
            countsThisCatch = false;
            foreach (var (local, _, inOtherCatch) in increments)
            {
                countsThisCatch |= !inOtherCatch && SymbolEqualityComparer.Default.Equals(local, best);
            }
        }

        return best;
    }

    private static bool IsNumeric(ITypeSymbol type)
        => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte;

    /// <summary>Declared before the loop or in a <c>for</c> header: a local of the loop body is a new variable in each iteration.</summary>
    private bool IsDeclaredOutsideBody(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var declaration = local.DeclaringSyntaxReferences[0];
        return declaration.SyntaxTree == Loop.Body.Syntax.SyntaxTree && !Loop.Body.Syntax.Span.Contains(declaration.Span);
    }

    /// <summary>
    /// A waiter rather than a retry (RULES.md, AWSBP020): every AWS operation the loop repeats reads state (<c>Get…</c>,
    /// <c>Head…</c>, <c>Describe…</c>, <c>List…</c>) and the loop waits between attempts (<c>Task.Delay</c>,
    /// <c>Thread.Sleep</c>), the way the SDKs' own waiters poll <c>HeadObject</c> or <c>DescribeTable</c>. Whether the errors
    /// it waits through are "not found" is the caller's test.
    /// </summary>
    public bool IsPollingReads(AwsSymbols symbols)
    {
        var sawRead = false;
        foreach (var operation in Try.Body.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && AwsOperation.TryGet(invocation, symbols, out var call))
            {
                if (!IsReadOperation(call.Name))
                {
                    return false;
                }

                sawRead = true;
            }
        }

        return sawRead && WaitsBetweenAttempts(Loop);
    }

    private static bool IsReadOperation(string name)
        => name.StartsWith("Get", StringComparison.Ordinal) || name.StartsWith("Head", StringComparison.Ordinal)
           || name.StartsWith("Describe", StringComparison.Ordinal) || name.StartsWith("List", StringComparison.Ordinal);

    /// <summary>A <c>Task.Delay</c> or <c>Thread.Sleep</c> in the loop (its body or condition).</summary>
    public static bool WaitsBetweenAttempts(ILoopOperation loop)
    {
        foreach (var operation in loop.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && IsDelayCall(invocation))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRetryCounter(IForEachLoopOperation forEach)
    {
        var collection = forEach.Collection.WalkDownConversions();
        if (collection is IInvocationOperation { TargetMethod: { Name: "Range" or "Repeat", ContainingType: { Name: "Enumerable" } enumerable } }
            && enumerable.ContainingNamespace?.ToDisplayString() == "System.Linq")
        {
            return true;
        }

        // foreach (var delay in new[] { TimeSpan.FromSeconds(1), … }): a back-off schedule.
        foreach (var local in forEach.Locals)
        {
            if (local.Type is { Name: "TimeSpan", ContainingNamespace.Name: "System" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The AWS calls in the block (service operations and the high-level APIs' calls), in source order (lambdas included: they usually run there, e.g. a Polly delegate); when
    /// there are none and <paramref name="allowDelegates"/>, the invocations of delegates held in a parameter, local or field.
    /// </summary>
    private static List<IInvocationOperation> FindRetriedCalls(IOperation block, AwsSymbols symbols, bool allowDelegates)
    {
        var result = new List<IInvocationOperation>();
        var delegates = new List<IInvocationOperation>();
        foreach (var descendant in block.DescendantsAndSelf())
        {
            if (descendant is not IInvocationOperation invocation)
            {
                continue;
            }

            if (AwsOperation.IsServiceCall(invocation, symbols))
            {
                result.Add(invocation);
            }
            else if (allowDelegates
                     && invocation.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                     && invocation.Instance is { } target
                     && GetDelegateSymbol(target) is not null)
            {
                delegates.Add(invocation);
            }
        }

        if (result.Count == 0)
        {
            result = delegates;
        }

        result.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
        return result;
    }

    private static ISymbol? GetDelegateSymbol(IOperation target)
        => target.WalkDownConversions() switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };

    /// <summary>How control leaves the statements that follow <paramref name="try"/> up to the end of the loop body.</summary>
    private static LoopFlow AnalyzeTail(IOperation @try, ILoopOperation loop)
    {
        var result = LoopFlow.None;
        IOperation current = @try;
        while (current.Parent is { } parent)
        {
            if (parent is IBlockOperation block)
            {
                var index = block.Operations.IndexOf(current);
                for (var i = index + 1; index >= 0 && i < block.Operations.Length; i++)
                {
                    var flow = Analyze(block.Operations[i], loop);
                    result |= flow & ~LoopFlow.Completes;
                    if ((flow & LoopFlow.Completes) == 0)
                    {
                        return result;
                    }
                }
            }
            else if (parent is ITryOperation { Finally: { } @finally } && current != @finally && (Analyze(@finally, loop) & LoopFlow.Completes) == 0)
            {
                return result | (Analyze(@finally, loop) & ~LoopFlow.Completes);
            }

            if (parent == loop.Body || parent == loop)
            {
                break;
            }

            current = parent;
        }

        return result | LoopFlow.Completes;
    }

    /// <summary>
    /// How control can leave <paramref name="statement"/>: a conservative structural analysis (inner loops and switches are
    /// assumed to complete; only <c>break</c>/<c>continue</c> of <paramref name="loop"/> count as such).
    /// </summary>
    public static LoopFlow Analyze(IOperation? statement, ILoopOperation loop)
    {
        switch (statement)
        {
            case null:
                return LoopFlow.Completes;
            case IBlockOperation block:
                var result = LoopFlow.None;
                foreach (var inner in block.Operations)
                {
                    var flow = Analyze(inner, loop);
                    result |= flow & ~LoopFlow.Completes;
                    if ((flow & LoopFlow.Completes) == 0)
                    {
                        return result;
                    }
                }

                return result | LoopFlow.Completes;
            case IExpressionStatementOperation { Operation: IThrowOperation }:
            case IThrowOperation:
                return LoopFlow.Throw;
            case IExpressionStatementOperation { Operation: var expression } when DoesNotReturn(expression):
                return LoopFlow.Throw;
            case IReturnOperation { Kind: OperationKind.YieldReturn }:
                return LoopFlow.Completes;
            case IReturnOperation:
                return LoopFlow.Return;
            case IBranchOperation branch:
                if (branch.BranchKind == BranchKind.Continue && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel))
                {
                    return LoopFlow.Continue;
                }

                if (branch.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel))
                {
                    return LoopFlow.Break;
                }

                return LoopFlow.Other;
            case IConditionalOperation conditional:
                if (conditional.Condition.ConstantValue is { HasValue: true, Value: true })
                {
                    return Analyze(conditional.WhenTrue, loop);
                }

                return Analyze(conditional.WhenTrue, loop) | (conditional.WhenFalse is null ? LoopFlow.Completes : Analyze(conditional.WhenFalse, loop));
            case ITryOperation tryOperation:
                var tryFlow = Analyze(tryOperation.Body, loop);
                foreach (var catchClause in tryOperation.Catches)
                {
                    tryFlow |= Analyze(catchClause.Handler, loop);
                }

                if (tryOperation.Finally is { } finallyBlock && (Analyze(finallyBlock, loop) & LoopFlow.Completes) == 0)
                {
                    return (tryFlow & ~LoopFlow.Completes) | Analyze(finallyBlock, loop);
                }

                return tryFlow;
            case IUsingOperation usingOperation:
                return Analyze(usingOperation.Body, loop);
            case ILockOperation lockOperation:
                return Analyze(lockOperation.Body, loop);
            case ILabeledOperation labeled:
                return Analyze(labeled.Operation, loop) | LoopFlow.Completes; // a goto can jump past it
            case ILoopOperation or ISwitchOperation:
                // Assumed to complete; a continue/break of our loop or a return inside can still leave.
                return LoopFlow.Completes | JumpsOutOf(statement, loop);
            default:
                return LoopFlow.Completes;
        }
    }

    private static LoopFlow JumpsOutOf(IOperation statement, ILoopOperation loop)
    {
        var result = LoopFlow.None;
        foreach (var descendant in statement.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IBranchOperation { BranchKind: BranchKind.Continue } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ContinueLabel):
                    result |= LoopFlow.Continue;
                    break;
                case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                    result |= LoopFlow.Break;
                    break;
                case IReturnOperation { Kind: OperationKind.Return or OperationKind.YieldBreak } ret when !IsInNestedFunction(ret, statement):
                    result |= LoopFlow.Return;
                    break;
            }
        }

        return result;
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation stop)
    {
        for (var current = operation.Parent; current is not null && current != stop; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool DoesNotReturn(IOperation expression)
    {
        var value = expression is IAwaitOperation awaited ? awaited.Operation : expression;
        return value is IInvocationOperation invocation
               && HasDoesNotReturn(invocation.TargetMethod);
    }

    private static bool HasDoesNotReturn(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DoesNotReturnAttribute" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>while (!done) { try { call; done = true; } … }</c>: a bool local assigned a constant at the top level of the try block and read by the loop condition.</summary>
    private static ILocalSymbol? FindDoneFlag(IBlockOperation tryBlock, ILoopOperation loop)
    {
        var condition = loop switch
        {
            IWhileLoopOperation whileLoop => whileLoop.Condition,
            IForLoopOperation forLoop => forLoop.Condition,
            _ => null,
        };
        if (condition is null)
        {
            return null;
        }

        foreach (var statement in tryBlock.Operations)
        {
            if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: bool } } }
                && target.Local.Type?.SpecialType == SpecialType.System_Boolean)
            {
                foreach (var descendant in condition.DescendantsAndSelf())
                {
                    if (descendant is ILocalReferenceOperation read && SymbolEqualityComparer.Default.Equals(read.Local, target.Local))
                    {
                        return target.Local;
                    }
                }
            }
        }

        return null;
    }

    private static bool AssignsAtTopLevel(IBlockOperation block, ILocalSymbol local)
    {
        foreach (var statement in block.Operations)
        {
            if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } }
                && SymbolEqualityComparer.Default.Equals(target.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Which locals and parameters the loop changes, and whether an expression depends on them (following locals declared
    /// in the loop body to the values assigned to them, a few levels deep).
    /// </summary>
    private sealed class LoopDataFlow
    {
        private const int MaxDepth = 4;
        private readonly ILoopOperation _loop;
        private readonly AwsSymbols _symbols;
        private readonly HashSet<ISymbol> _changed = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<IOperation>> _bodyLocalValues = new(SymbolEqualityComparer.Default);
        private readonly CancellationToken _cancellationToken;

        public LoopDataFlow(ILoopOperation loop, AwsSymbols symbols, CancellationToken cancellationToken)
        {
            _loop = loop;
            _symbols = symbols;
            _cancellationToken = cancellationToken;
            if (loop is IForEachLoopOperation)
            {
                foreach (var local in loop.Locals)
                {
                    _changed.Add(local);
                }
            }

            Collect();
        }

        private bool IsDeclaredInBody(ISymbol symbol)
        {
            if (symbol is not ILocalSymbol local || local.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            var span = local.DeclaringSyntaxReferences[0].Span;
            return _loop.Body.Syntax.Span.Contains(span) && _loop.Body.Syntax.SyntaxTree == local.DeclaringSyntaxReferences[0].SyntaxTree;
        }

        private void Collect()
        {
            foreach (var operation in _loop.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer()?.Value is { } initial:
                        AddValue(declarator.Symbol, initial);
                        break;
                    case IAssignmentOperation assignment:
                        AddTarget(assignment.Target, assignment.Value);
                        break;
                    case IIncrementOrDecrementOperation increment:
                        AddTarget(increment.Target, null);
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                        AddTarget(argument.Value, null);
                        break;
                    case IDeclarationExpressionOperation declaration:
                        foreach (var local in declaration.Expression.DescendantsAndSelf())
                        {
                            if (local is ILocalReferenceOperation declared)
                            {
                                _changed.Add(declared.Local);
                            }
                        }

                        break;
                }
            }
        }

        /// <summary>
        /// Records an assignment. A local or parameter declared outside the loop body that is assigned (or whose object is
        /// changed: <c>req.ExclusiveStartKey = …</c>) inside the loop is changed by the loop; for a local declared in the
        /// body the assigned value is remembered, to be followed.
        /// </summary>
        private void AddTarget(IOperation target, IOperation? value)
        {
            var current = target.WalkDownConversions();
            if (current is ITupleOperation or IDeclarationExpressionOperation)
            {
                foreach (var element in current.DescendantsAndSelf())
                {
                    if (element.GetReferencedLocalOrParameter() is { } symbol)
                    {
                        _changed.Add(symbol);
                    }
                }

                return;
            }

            while (true)
            {
                if (current is IMemberReferenceOperation { Instance: { } instance })
                {
                    current = instance.WalkDownConversions();
                }
                else if (current is IArrayElementReferenceOperation array)
                {
                    current = array.ArrayReference.WalkDownConversions();
                }
                else
                {
                    break;
                }
            }

            if (current.GetReferencedLocalOrParameter() is not { } root)
            {
                return; // a field or a static member: not followed
            }

            if (!IsDeclaredInBody(root))
            {
                _changed.Add(root);
            }
            else if (value is not null)
            {
                AddValue(root, value);
            }
        }

        private void AddValue(ISymbol symbol, IOperation value)
        {
            if (!IsDeclaredInBody(symbol))
            {
                // A for-header local with an initialiser (int i = 0) is changed only if assigned later; record nothing.
                return;
            }

            if (IsFreshRead(value))
            {
                // var current = await ddb.GetItemAsync(…) in the loop body: state read again in each iteration. A request
                // built from it (an optimistic-concurrency write with the new version) differs from one iteration to the next.
                _changed.Add(symbol);
                return;
            }

            if (!_bodyLocalValues.TryGetValue(symbol, out var values))
            {
                values = new List<IOperation>();
                _bodyLocalValues.Add(symbol, values);
            }

            values.Add(value);
        }

        /// <summary>An awaited call or a call to an AWS operation: a value read again in each iteration.</summary>
        private bool IsFreshRead(IOperation value)
        {
            foreach (var operation in value.DescendantsAndSelf())
            {
                if (operation is IAwaitOperation
                    || (operation is IInvocationOperation invocation && AwsOperation.IsServiceCall(invocation, _symbols)))
                {
                    return true;
                }
            }

            return false;
        }

        public bool DependsOnLoop(IOperation expression) => DependsOnLoop(expression, 0, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

        private bool DependsOnLoop(IOperation expression, int depth, HashSet<ISymbol> visited)
        {
            foreach (var descendant in expression.DescendantsAndSelf())
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var symbol = descendant switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };
                if (symbol is null)
                {
                    continue;
                }

                if (_changed.Contains(symbol))
                {
                    return true;
                }

                if (depth < MaxDepth && visited.Add(symbol) && _bodyLocalValues.TryGetValue(symbol, out var values))
                {
                    foreach (var value in values)
                    {
                        if (value != descendant && DependsOnLoop(value, depth + 1, visited))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
