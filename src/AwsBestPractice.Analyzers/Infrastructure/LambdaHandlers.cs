using System;
using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>An operation found inside the body of a Lambda handler.</summary>
internal readonly struct HandlerOperationContext
{
    public HandlerOperationContext(IOperation operation, IMethodSymbol handler, IOperation? handlerOperation, AnalyzerOptions options, Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
    {
        Operation = operation;
        Handler = handler;
        HandlerOperation = handlerOperation;
        Options = options;
        ReportDiagnostic = reportDiagnostic;
        CancellationToken = cancellationToken;
    }

    public IOperation Operation { get; }

    /// <summary>The handler method, local function or lambda.</summary>
    public IMethodSymbol Handler { get; }

    /// <summary>The lambda or local-function operation when the handler is one; null for a method.</summary>
    public IOperation? HandlerOperation { get; }

    public AnalyzerOptions Options { get; }
    public Action<Diagnostic> ReportDiagnostic { get; }
    public CancellationToken CancellationToken { get; }
}

/// <summary>
/// Lambda-handler detection exactly as RULES.md defines it: a method with an <c>ILambdaContext</c> parameter, a method with
/// <c>[LambdaFunction]</c>, a method, local function or lambda passed to <c>LambdaBootstrapBuilder.Create</c> (also through a
/// local holding the lambda, as top-level programs do). Code reached only through a call into another method is not the handler.
/// </summary>
internal static class LambdaHandlers
{
    /// <summary>
    /// Finds the handler whose body contains <paramref name="operation"/> (including local functions and lambdas declared in it),
    /// without looking at other methods. <paramref name="containingSymbol"/> is the symbol owning the operation block.
    /// </summary>
    public static bool TryGetEnclosingHandler(IOperation operation, ISymbol? containingSymbol, LambdaSymbols lambda, out IMethodSymbol handler, out IOperation? handlerOperation)
    {
        handler = null!;
        handlerOperation = null;
        if (!lambda.IsAvailable)
        {
            return false;
        }

        IOperation? root = null;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            IMethodSymbol? symbol = current switch
            {
                IAnonymousFunctionOperation anonymous => anonymous.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => null,
            };

            if (symbol is null)
            {
                continue;
            }

            root ??= operation.GetRoot();
            if (lambda.IsHandlerBySignature(symbol) || IsPassedToBootstrap(current, symbol, root, lambda))
            {
                handler = symbol;
                handlerOperation = current;
                return true;
            }
        }

        if (containingSymbol is IMethodSymbol method && lambda.IsHandlerBySignature(method))
        {
            handler = method;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Registers <paramref name="action"/> for operations of the given kinds that are inside a Lambda handler. Handlers that are
    /// methods passed by name to <c>LambdaBootstrapBuilder.Create</c> in the same type are found at the end of that type's analysis.
    /// Registers nothing when the compilation has no Lambda types.
    /// </summary>
    public static void RegisterHandlerOperationAction(CompilationStartAnalysisContext context, LambdaSymbols lambda, Action<HandlerOperationContext> action, params OperationKind[] kinds)
        => RegisterHandlerOperationAction(context, lambda, isCandidate: null, action, kinds);

    /// <summary>
    /// As above, but operations for which <paramref name="isCandidate"/> returns false are dropped before the handler search
    /// (which walks up the operation tree and checks signatures): pass the rule's own cheap test of the operation.
    /// </summary>
    public static void RegisterHandlerOperationAction(CompilationStartAnalysisContext context, LambdaSymbols lambda, Func<IOperation, bool>? isCandidate, Action<HandlerOperationContext> action, params OperationKind[] kinds)
    {
        if (!lambda.IsAvailable)
        {
            return;
        }

        if (lambda.LambdaBootstrapBuilder is null)
        {
            context.RegisterOperationAction(
                ctx =>
                {
                    if ((isCandidate is null || isCandidate(ctx.Operation))
                        && TryGetEnclosingHandler(ctx.Operation, ctx.ContainingSymbol, lambda, out var handler, out var handlerOperation))
                    {
                        action(new HandlerOperationContext(ctx.Operation, handler, handlerOperation, ctx.Options, ctx.ReportDiagnostic, ctx.CancellationToken));
                    }
                },
                kinds);
            return;
        }

        context.RegisterSymbolStartAction(
            typeContext =>
            {
                var bootstrapTargets = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                var pending = new ConcurrentQueue<(IOperation Operation, IMethodSymbol Method)>();

                typeContext.RegisterOperationAction(
                    ctx =>
                    {
                        var invocation = (IInvocationOperation)ctx.Operation;
                        if (!lambda.IsBootstrapCreate(invocation.TargetMethod))
                        {
                            return;
                        }

                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference })
                            {
                                bootstrapTargets.TryAdd(reference.Method.OriginalDefinition, true);
                            }
                        }
                    },
                    OperationKind.Invocation);

                typeContext.RegisterOperationAction(
                    ctx =>
                    {
                        if (isCandidate is not null && !isCandidate(ctx.Operation))
                        {
                            return;
                        }

                        if (TryGetEnclosingHandler(ctx.Operation, ctx.ContainingSymbol, lambda, out var handler, out var handlerOperation))
                        {
                            action(new HandlerOperationContext(ctx.Operation, handler, handlerOperation, ctx.Options, ctx.ReportDiagnostic, ctx.CancellationToken));
                        }
                        else if (ctx.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                        {
                            pending.Enqueue((ctx.Operation, method));
                        }
                    },
                    kinds);

                typeContext.RegisterSymbolEndAction(
                    endContext =>
                    {
                        if (bootstrapTargets.IsEmpty)
                        {
                            return;
                        }

                        foreach (var (operation, method) in pending)
                        {
                            if (bootstrapTargets.ContainsKey(method.OriginalDefinition))
                            {
                                action(new HandlerOperationContext(operation, method, null, endContext.Options, endContext.ReportDiagnostic, endContext.CancellationToken));
                            }
                        }
                    });
            },
            SymbolKind.NamedType);
    }

    /// <summary>
    /// A lambda or local function passed to <c>LambdaBootstrapBuilder.Create</c>: directly, as a method group, or through a
    /// local variable that holds it (searched in the same operation block).
    /// </summary>
    private static bool IsPassedToBootstrap(IOperation function, IMethodSymbol symbol, IOperation root, LambdaSymbols lambda)
    {
        if (lambda.LambdaBootstrapBuilder is null)
        {
            return false;
        }

        // Direct: Create(async (input, context) => …, serializer)
        var parent = function.WalkUpConversions();
        if (parent is IDelegateCreationOperation delegateCreation)
        {
            var argumentParent = delegateCreation.WalkUpConversions();
            if (argumentParent is IArgumentOperation { Parent: IInvocationOperation invocation } && lambda.IsBootstrapCreate(invocation.TargetMethod))
            {
                return true;
            }

            // var handler = (…) => …; Create(handler, …)
            if (argumentParent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return IsLocalPassedToBootstrap(declarator.Symbol, root, lambda);
            }
        }

        // Local function passed by name: Create(Handler, …)
        if (function is ILocalFunctionOperation)
        {
            foreach (var descendant in root.DescendantsAndSelf())
            {
                if (descendant is IInvocationOperation invocation && lambda.IsBootstrapCreate(invocation.TargetMethod))
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference }
                            && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, symbol.OriginalDefinition))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static bool IsLocalPassedToBootstrap(ILocalSymbol local, IOperation root, LambdaSymbols lambda)
    {
        foreach (var descendant in root.DescendantsAndSelf())
        {
            if (descendant is IInvocationOperation invocation && lambda.IsBootstrapCreate(invocation.TargetMethod))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.WalkDownConversions() is ILocalReferenceOperation reference
                        && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
