using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>How a call is repeated once per element (<see cref="PerItemCall.Kind"/>).</summary>
internal enum PerItemKind
{
    /// <summary><c>foreach (var x in items)</c> or <c>await foreach</c>.</summary>
    ForEach,

    /// <summary><c>for (var i = 0; i &lt; items.Count; i++)</c>: the element is <c>items[i]</c>, the index is the loop variable.</summary>
    For,

    /// <summary>A lambda passed to <c>Select</c>, <c>ForEach</c>, <c>Parallel.ForEach</c> or <c>Parallel.ForEachAsync</c>.</summary>
    Lambda,
}

/// <summary>
/// A call made once per element of a collection (<see cref="PerItemCalls.TryGet"/>): the loop or lambda that repeats it, the
/// element variable, and what a fix that batches the calls needs to know about the loop's body.
/// </summary>
internal sealed class PerItemCall
{
    private readonly HashSet<ISymbol> _derived;

    internal PerItemCall(IInvocationOperation call, PerItemKind kind, IOperation loop, ISymbol element, IOperation? collection, IOperation body, HashSet<ISymbol> derived, bool isFiltered, IOperation? callStatement, bool isOnlyStatement)
    {
        Call = call;
        Kind = kind;
        Loop = loop;
        Element = element;
        Collection = collection;
        Body = body;
        _derived = derived;
        IsFiltered = isFiltered;
        CallStatement = callStatement;
        IsOnlyStatement = isOnlyStatement;
    }

    public IInvocationOperation Call { get; }

    public PerItemKind Kind { get; }

    /// <summary>The <see cref="IForEachLoopOperation"/>, <see cref="IForLoopOperation"/> or <see cref="IAnonymousFunctionOperation"/>.</summary>
    public IOperation Loop { get; }

    /// <summary>The foreach variable, the for loop's index, or the lambda's first parameter.</summary>
    public ISymbol Element { get; }

    /// <summary>The collection iterated (conversions stripped): the foreach's collection, the indexed list, the lambda's source.</summary>
    public IOperation? Collection { get; }

    /// <summary>The loop's or lambda's body.</summary>
    public IOperation Body { get; }

    /// <summary>The call runs under an <c>if</c> without <c>else</c> that filters the elements (see <see cref="PerItemCalls"/>).</summary>
    public bool IsFiltered { get; }

    /// <summary>The body's statement that is the call (<c>await client.XAsync(…);</c>, or a lambda's <c>return</c>); null when the call is nested deeper.</summary>
    public IOperation? CallStatement { get; }

    /// <summary>
    /// The body is nothing but this call's statement, preceded by declarations of locals with no <c>await</c> in their
    /// initializers (<c>var key = prefix + item.Name;</c>): the shape a fix can replace by a batch call.
    /// </summary>
    public bool IsOnlyStatement { get; }

    /// <summary>The element, and the locals of the body computed from it (directly or through each other).</summary>
    public IEnumerable<ISymbol> DerivedSymbols => _derived;

    /// <summary>True when <paramref name="operation"/> reads the element or a local of the body derived from it.</summary>
    public bool DependsOnElement(IOperation? operation) => operation is not null && PerItemCalls.References(operation, _derived);

    /// <summary>
    /// True when the call's request sets <paramref name="property"/> (<c>BucketName</c>, <c>QueueUrl</c>, <c>TableName</c>), or the
    /// convenience overload takes it as an argument (<c>bucketName</c>), and no value of it depends on the element: every element
    /// goes to the same place, so one batch call can carry them. False when it cannot be told (a request from elsewhere).
    /// </summary>
    public bool IsSameForEveryElement(AwsOperation call, string property, CancellationToken cancellationToken)
    {
        var values = new List<IOperation>();
        if (call.RequestArgument is { } request)
        {
            if (!RequestObjects.TryGetAssignments(request.Value, cancellationToken, out var assignments))
            {
                return false;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Property.Name == property)
                {
                    values.Add(assignment.Value);
                }
            }
        }
        else
        {
            var parameter = char.ToLowerInvariant(property[0]) + property.Substring(1);
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameter)
                {
                    values.Add(argument.Value);
                }
            }
        }

        foreach (var value in values)
        {
            if (DependsOnElement(value))
            {
                return false;
            }
        }

        return values.Count > 0;
    }

    /// <summary>
    /// The simple shape a fix can replace by chunked batch calls: a <c>foreach</c> (not <c>await foreach</c>) over the elements,
    /// whose body is this call only (see <see cref="IsOnlyStatement"/>), unfiltered.
    /// </summary>
    public bool IsSimpleForEach
        => Kind == PerItemKind.ForEach && Loop is IForEachLoopOperation { IsAsynchronous: false } && IsOnlyStatement && !IsFiltered;

    /// <summary>The collection as the user wrote it, shortened for a message.</summary>
    public string CollectionText
    {
        get
        {
            var text = Collection?.Syntax.ToString() ?? "the collection";
            text = string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
            return text.Length <= 40 ? text : text.Substring(0, 39) + "…";
        }
    }
}

/// <summary>
/// Whether a call (typically an AWS service call a rule already classified) is executed once per element of a collection: the
/// platform piece of the "batch instead of one call per element" rules (SQS, S3, DynamoDB). It knows nothing of any service:
/// a rule asks <see cref="TryGet"/> and then judges, with <see cref="PerItemCall.DependsOnElement"/>, whether what must be the
/// same for one batch (a bucket, a queue URL, a table) is.
/// </summary>
/// <remarks>
/// A call is per element when, walking up from it, the first loop or lambda met is
/// <list type="bullet">
/// <item>a <c>foreach</c>/<c>await foreach</c> whose body holds the call, or a <c>for</c> loop whose condition bounds its index
/// by a collection's <c>Count</c>/<c>Length</c>; or</item>
/// <item>a lambda passed to <c>Select</c>, <c>ForEach</c>, <c>Parallel.ForEach</c> or <c>Parallel.ForEachAsync</c> of the BCL
/// (which covers <c>await Task.WhenAll(items.Select(x =&gt; client.XAsync(…)))</c>);</item>
/// </list>
/// and some argument of the call depends on the element (directly or through locals of the body assigned from it, including a
/// request object whose properties are set from it), while the instance the call is made on does not (one call per client of a
/// per-region loop is not batchable). Conservative by design, so that the rules built on it stay quiet when in doubt:
/// <list type="bullet">
/// <item><c>while</c>/<c>do</c> loops and <c>for</c> loops not bounded by a collection (retry and polling loops) are not per
/// element, and neither is a call in a loop nested in the element loop (a retry loop around the call) or in another lambda
/// (a retry policy's delegate).</item>
/// <item>The call must run for every element, or under a simple filter: an <c>if</c> without <c>else</c> whose condition has no
/// <c>await</c> and reads only the element, locals computed from it without <c>await</c>, and values the loop does not change.
/// A call in a <c>catch</c> or <c>finally</c>, in an <c>else</c>, a <c>switch</c>, a <c>?:</c>, the right side of
/// <c>&amp;&amp;</c>/<c>||</c>/<c>??</c>, or under a condition on the outcome of the iteration's own work
/// (<c>if (processed) …</c>, <c>if (failed) …</c>) is not reported: it runs for some elements only, and batching it changes what
/// happens when the work fails.</item>
/// </list>
/// </remarks>
internal static class PerItemCalls
{
    /// <summary>
    /// The diagnostic property a rule sets when <see cref="PerItemCall.IsSimpleForEach"/> holds: the shape the CodeFixes toolkit's
    /// <c>ChunkedBatchFixer</c> rewrites (it checks the shape again, and what the batch API can carry).
    /// </summary>
    public const string FixableKey = "Fixable";

    public static bool TryGet(IInvocationOperation call, CancellationToken cancellationToken, out PerItemCall result)
    {
        result = null!;
        List<IConditionalOperation>? filters = null;
        IOperation child = call;
        for (var current = call.Parent; current is not null; child = current, current = current.Parent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (current)
            {
                case IForEachLoopOperation forEach:
                    return child == forEach.Body && TryForEach(call, forEach, filters, cancellationToken, out result);
                case IForLoopOperation forLoop:
                    return child == forLoop.Body && TryFor(call, forLoop, filters, cancellationToken, out result);
                case ILoopOperation:
                    return false; // while, do: polling and retry loops
                case IAnonymousFunctionOperation lambda:
                    return TryLambda(call, lambda, filters, cancellationToken, out result);
                case ILocalFunctionOperation or IMethodBodyOperation or IConstructorBodyOperation:
                    return false;
                case ICatchClauseOperation:
                    return false;
                case ITryOperation @try when child == @try.Finally:
                    return false;
                case IConditionalOperation conditional when child == conditional.Condition:
                    break;
                case IConditionalOperation conditional:
                    // Only an if statement without else is a filter; ?: and else branches run for some elements only.
                    if (conditional.WhenFalse is not null || conditional.Type is not null || conditional.Parent is not (IBlockOperation or ILoopOperation))
                    {
                        return false;
                    }

                    (filters ??= new List<IConditionalOperation>()).Add(conditional);
                    break;
                case ISwitchOperation or ISwitchExpressionOperation or ISwitchCaseOperation:
                    return false;
                case ICoalesceOperation coalesce when child == coalesce.WhenNull:
                    return false;
                case IConditionalAccessOperation access when child == access.WhenNotNull:
                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary when child == binary.RightOperand:
                    return false;
            }
        }

        return false;
    }

    private static bool TryForEach(IInvocationOperation call, IForEachLoopOperation loop, List<IConditionalOperation>? filters, CancellationToken cancellationToken, out PerItemCall result)
    {
        result = null!;
        if (loop.Locals.IsEmpty || loop.LoopControlVariable is null)
        {
            return false;
        }

        var seeds = new List<ISymbol>();
        foreach (var local in loop.Locals)
        {
            seeds.Add(local);
        }

        return TryCreate(call, PerItemKind.ForEach, loop, seeds, loop.Collection.WalkDownConversions(), loop.Body, filters, cancellationToken, out result);
    }

    private static bool TryFor(IInvocationOperation call, IForLoopOperation loop, List<IConditionalOperation>? filters, CancellationToken cancellationToken, out PerItemCall result)
    {
        result = null!;

        // for (var i = 0; i < items.Count; i++): the index bounded by a collection's size.
        if (loop.Condition?.WalkDownConversions() is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } condition
            || condition.LeftOperand.WalkDownConversions() is not ILocalReferenceOperation { Local: var index }
            || SizedCollection(condition.RightOperand.WalkDownConversions()) is not { } collection)
        {
            return false;
        }

        var declared = false;
        foreach (var local in loop.Locals)
        {
            declared |= SymbolEqualityComparer.Default.Equals(local, index);
        }

        return declared && TryCreate(call, PerItemKind.For, loop, new List<ISymbol> { index }, collection, loop.Body, filters, cancellationToken, out result);
    }

    /// <summary><c>items.Count</c>, <c>items.Length</c>, <c>items.Count()</c>: the collection.</summary>
    private static IOperation? SizedCollection(IOperation bound)
        => bound switch
        {
            IPropertyReferenceOperation { Property.Name: "Count" or "Length" or "LongLength", Instance: { } instance } => instance.WalkDownConversions(),
            IInvocationOperation { TargetMethod.Name: "Count", TargetMethod.IsExtensionMethod: true, Arguments.Length: 1 } count => count.Arguments[0].Value.WalkDownConversions(),
            _ => null,
        };

    private static bool TryLambda(IInvocationOperation call, IAnonymousFunctionOperation lambda, List<IConditionalOperation>? filters, CancellationToken cancellationToken, out PerItemCall result)
    {
        result = null!;
        var argument = lambda.Parent is IDelegateCreationOperation creation ? creation.WalkUpConversions() : null;
        if (argument is not IArgumentOperation { Parent: IInvocationOperation iteration }
            || lambda.Symbol.Parameters.IsEmpty
            || !IsIteration(iteration.TargetMethod))
        {
            return false;
        }

        IOperation? collection = iteration.Instance;
        if (collection is null)
        {
            foreach (var candidate in iteration.Arguments)
            {
                if (candidate != argument && candidate.Parameter?.Ordinal == 0)
                {
                    collection = candidate.Value;
                }
            }
        }

        return TryCreate(call, PerItemKind.Lambda, lambda, new List<ISymbol> { lambda.Symbol.Parameters[0] }, collection?.WalkDownConversions(), lambda.Body, filters, cancellationToken, out result);
    }

    /// <summary><c>Enumerable.Select</c>, <c>List&lt;T&gt;.ForEach</c>, <c>Parallel.ForEach(Async)</c>: the BCL's per-element calls.</summary>
    private static bool IsIteration(IMethodSymbol method)
    {
        if (method.Name is not ("Select" or "ForEach" or "ForEachAsync"))
        {
            return false;
        }

        var ns = method.ContainingType?.ContainingNamespace;
        while (ns is { ContainingNamespace.IsGlobalNamespace: false })
        {
            ns = ns.ContainingNamespace;
        }

        return ns?.Name == "System";
    }

    private static bool TryCreate(IInvocationOperation call, PerItemKind kind, IOperation loop, List<ISymbol> seeds, IOperation? collection, IOperation body, List<IConditionalOperation>? filters, CancellationToken cancellationToken, out PerItemCall result)
    {
        result = null!;
        var derived = Derive(body, seeds, cancellationToken);
        if ((call.Instance is { } instance && References(instance, derived)) || !AnyArgumentDepends(call, derived))
        {
            return false;
        }

        if (filters is not null)
        {
            foreach (var filter in filters)
            {
                if (!IsSimpleFilter(filter.Condition, body, derived, cancellationToken))
                {
                    return false;
                }
            }
        }

        var statement = StatementOf(call, body);
        result = new PerItemCall(call, kind, loop, seeds[0], collection, body, derived, filters is not null, statement, statement is not null && IsOnly(statement, body, call));
        return true;
    }

    private static bool AnyArgumentDepends(IInvocationOperation call, HashSet<ISymbol> derived)
    {
        foreach (var argument in call.Arguments)
        {
            if (References(argument.Value, derived))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The element and the locals of the body whose value comes from it: declared or assigned from an expression reading a
    /// derived symbol, or a local object (a request) one of whose properties is set from one. Iterated to a fixed point.
    /// </summary>
    private static HashSet<ISymbol> Derive(IOperation body, List<ISymbol> seeds, CancellationToken cancellationToken)
    {
        var derived = new HashSet<ISymbol>(seeds, SymbolEqualityComparer.Default);
        var candidates = new List<(ISymbol Target, IOperation Value)>();
        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer()?.Value is { } value:
                    candidates.Add((declarator.Symbol, value));
                    break;
                case IAssignmentOperation { Target: var target, Value: var value }:
                    if (target.WalkDownConversions() is ILocalReferenceOperation assigned)
                    {
                        candidates.Add((assigned.Local, value));
                    }
                    else if (target is IMemberReferenceOperation { Instance: { } owner } && owner.WalkDownConversions() is ILocalReferenceOperation ownerLocal)
                    {
                        candidates.Add((ownerLocal.Local, value));
                    }

                    break;
                case IDeclarationExpressionOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } } declaration
                    when declaration.Expression is ILocalReferenceOperation outLocal:
                    candidates.Add((outLocal.Local, invocation));
                    break;
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (target, value) in candidates)
            {
                if (!derived.Contains(target) && References(value, derived))
                {
                    derived.Add(target);
                    changed = true;
                }
            }
        }

        return derived;
    }

    internal static bool References(IOperation operation, HashSet<ISymbol> symbols)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            ISymbol? symbol = descendant switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (symbol is not null && symbols.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A filter (<c>if (key.EndsWith(".tmp"))</c>, <c>if (!dryRun)</c>): no <c>await</c>; every local it reads is derived from the
    /// element without <c>await</c>, or declared outside the body and not assigned in it.
    /// </summary>
    private static bool IsSimpleFilter(IOperation condition, IOperation body, HashSet<ISymbol> derived, CancellationToken cancellationToken)
    {
        var locals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in condition.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IAwaitOperation:
                    return false;
                case ILocalReferenceOperation reference:
                    locals.Add(reference.Local);
                    break;
            }
        }

        if (locals.Count == 0)
        {
            return true;
        }

        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ISymbol? target = null;
            IOperation? value = null;
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    target = declarator.Symbol;
                    value = declarator.GetVariableInitializer()?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation assigned } assignment:
                    target = assigned.Local;
                    value = assignment.Value;
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }:
                    target = declared.Local;
                    break;
            }
            if (target is null || !locals.Contains(target))
            {
                continue;
            }

            // Assigned in the body: must be derived from the element, without awaiting the iteration's work.
            if (!derived.Contains(target) || value is null || Contains<IAwaitOperation>(value))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains<T>(IOperation operation)
        where T : IOperation
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is T)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statement of the body (directly in it) that is the call, awaited or not; null when the call is nested deeper.</summary>
    private static IOperation? StatementOf(IInvocationOperation call, IOperation body)
    {
        var value = ResponseValues.WalkUp(call);
        if (value.Parent is IExpressionStatementOperation statement && (statement == body || statement.Parent == body))
        {
            return statement;
        }

        if (value.Parent is IReturnOperation @return && @return.Parent == body)
        {
            return @return;
        }

        return null;
    }

    /// <summary>
    /// The body is the call's statement preceded only by declarations the call's arguments use; a declaration of the client the
    /// call is made on (<c>var s3 = new AmazonS3Client();</c>) cannot move into the batch's element selector.
    /// </summary>
    private static bool IsOnly(IOperation statement, IOperation body, IInvocationOperation call)
    {
        if (statement == body)
        {
            return true; // foreach (var x in items) await client.XAsync(x);
        }

        if (body is not IBlockOperation block)
        {
            return false;
        }

        var seenCall = false;
        foreach (var operation in block.Operations)
        {
            if (operation == statement)
            {
                seenCall = true;
                continue;
            }

            if (seenCall && operation is IReturnOperation { ReturnedValue: null, IsImplicit: true })
            {
                continue; // the implicit return that ends a lambda's block
            }

            if (seenCall || operation is not IVariableDeclarationGroupOperation group || Contains<IAwaitOperation>(group))
            {
                return false;
            }

            foreach (var declaration in group.Declarations)
            {
                if (IsUsingOrConst(declaration))
                {
                    return false;
                }

                foreach (var declarator in declaration.Declarators)
                {
                    if (call.Instance is { } instance && References(instance, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { declarator.Symbol }))
                    {
                        return false;
                    }
                }
            }
        }

        return seenCall;
    }

    private static bool IsUsingOrConst(IVariableDeclarationOperation declaration)
    {
        foreach (var declarator in declaration.Declarators)
        {
            if (declarator.Symbol.IsConst || declarator.Symbol.IsUsing)
            {
                return true;
            }
        }

        return false;
    }
}
