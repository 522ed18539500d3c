using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The rules' callbacks for one compilation, registered with the compiler as one action per operation kind (and one semantic-model
/// action) for all rules together. Each callback first asks whether its rule is enabled for the file (<see cref="RuleSeverity"/>,
/// once per file), then runs the rule's symbol-free prefilter; AWS service calls are classified once for every rule that asked.
/// </summary>
internal sealed class RuleDispatcher
{
    private readonly ImmutableArray<AwsRule> _rules;
    private readonly Dictionary<OperationKind, List<OperationHandler>> _operations = new();
    private readonly Dictionary<string, List<ServiceCallHandler>> _serviceCalls = new(StringComparer.Ordinal);
    private readonly List<ServiceCallHandler> _anyServiceCall = new();
    private readonly List<(int Rule, Action<SemanticModelAnalysisContext> Action)> _semanticModels = new();
    private RuleSeverity _severity = null!;

    public RuleDispatcher(AwsContext context, ImmutableArray<AwsRule> rules)
    {
        Context = context;
        _rules = rules;
    }

    public AwsContext Context { get; }

    public void AddOperation(int rule, Func<IOperation, bool> mayApply, Action<OperationAnalysisContext> action, OperationKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            if (!_operations.TryGetValue(kind, out var list))
            {
                _operations[kind] = list = new List<OperationHandler>();
            }

            list.Add(new OperationHandler(rule, mayApply, action));
        }
    }

    public void AddServiceCall(int rule, string service, IEnumerable<string> operations, Action<OperationAnalysisContext, AwsOperation> action)
    {
        var handler = new ServiceCallHandler(rule, service, action);
        foreach (var operation in operations)
        {
            foreach (var name in new[] { operation, operation + "Async" })
            {
                if (!_serviceCalls.TryGetValue(name, out var list))
                {
                    _serviceCalls[name] = list = new List<ServiceCallHandler>();
                }

                list.Add(handler);
            }
        }
    }

    public void AddAnyServiceCall(int rule, Action<OperationAnalysisContext, AwsOperation> action)
        => _anyServiceCall.Add(new ServiceCallHandler(rule, null, action));

    public void AddSemanticModel(int rule, Action<SemanticModelAnalysisContext> action) => _semanticModels.Add((rule, action));

    /// <summary>Registers what the rules asked for: nothing when no rule registered anything.</summary>
    public void RegisterWith(CompilationStartAnalysisContext start)
    {
        _severity = new RuleSeverity(Context.Compilation, start.Options, _rules);
        var dispatchesCalls = _serviceCalls.Count > 0 || _anyServiceCall.Count > 0;
        if (dispatchesCalls && !_operations.ContainsKey(OperationKind.Invocation))
        {
            _operations[OperationKind.Invocation] = new List<OperationHandler>();
        }

        foreach (var entry in _operations)
        {
            var handlers = entry.Value.ToArray();
            if (entry.Key == OperationKind.Invocation && dispatchesCalls)
            {
                start.RegisterOperationAction(context => DispatchInvocation(context, handlers), OperationKind.Invocation);
            }
            else
            {
                start.RegisterOperationAction(context => Dispatch(context, handlers), entry.Key);
            }
        }

        if (_semanticModels.Count > 0)
        {
            var handlers = _semanticModels.ToArray();
            start.RegisterSemanticModelAction(context =>
            {
                var enabled = Enabled(context.SemanticModel.SyntaxTree, context.CancellationToken);
                foreach (var (rule, action) in handlers)
                {
                    if (enabled[rule])
                    {
                        action(context);
                    }
                }
            });
        }
    }

    private void Dispatch(OperationAnalysisContext context, OperationHandler[] handlers)
    {
        var operation = context.Operation;
        bool[]? enabled = null;
        foreach (var handler in handlers)
        {
            if (handler.MayApply(operation)
                && (enabled ??= Enabled(operation.Syntax.SyntaxTree, context.CancellationToken))[handler.Rule])
            {
                handler.Action(context);
            }
        }
    }

    private void DispatchInvocation(OperationAnalysisContext context, OperationHandler[] handlers)
    {
        if (handlers.Length > 0)
        {
            Dispatch(context, handlers);
        }

        var invocation = (IInvocationOperation)context.Operation;
        _serviceCalls.TryGetValue(invocation.TargetMethod.Name, out var calls);
        var any = _anyServiceCall.Count > 0 && MayBeClientMethod(invocation.TargetMethod);
        if ((calls is null && !any)
            || Context.Aws.Value is not { } symbols
            || !AwsOperation.TryGet(invocation, symbols, out var call)
            || TestDoubles.IsSetUp(invocation))
        {
            return;
        }

        var enabled = Enabled(invocation.Syntax.SyntaxTree, context.CancellationToken);
        foreach (var handler in calls ?? (IEnumerable<ServiceCallHandler>)Array.Empty<ServiceCallHandler>())
        {
            if (enabled[handler.Rule] && call.IsService(handler.Service!))
            {
                handler.Action(context, call);
            }
        }

        if (any)
        {
            foreach (var handler in _anyServiceCall)
            {
                if (enabled[handler.Rule])
                {
                    handler.Action(context, call);
                }
            }
        }
    }

    /// <summary>
    /// A method of a type named like an SDK client (<c>IAmazonDynamoDB</c>, <c>AmazonS3Client</c>): the name test that runs before
    /// any symbol, for rules about every service's calls.
    /// </summary>
    private static bool MayBeClientMethod(IMethodSymbol method)
        => !method.IsStatic
           && method.ContainingType?.Name is { } name
           && (name.StartsWith("IAmazon", StringComparison.Ordinal) || (name.StartsWith("Amazon", StringComparison.Ordinal) && name.EndsWith("Client", StringComparison.Ordinal)));

    private bool[] Enabled(SyntaxTree tree, System.Threading.CancellationToken cancellationToken)
        => _severity.Enabled(tree, cancellationToken);

    private sealed class OperationHandler
    {
        public OperationHandler(int rule, Func<IOperation, bool> mayApply, Action<OperationAnalysisContext> action)
        {
            Rule = rule;
            MayApply = mayApply;
            Action = action;
        }

        public int Rule { get; }
        public Func<IOperation, bool> MayApply { get; }
        public Action<OperationAnalysisContext> Action { get; }
    }

    private sealed class ServiceCallHandler
    {
        public ServiceCallHandler(int rule, string? service, Action<OperationAnalysisContext, AwsOperation> action)
        {
            Rule = rule;
            Service = service;
            Action = action;
        }

        public int Rule { get; }
        public string? Service { get; }
        public Action<OperationAnalysisContext, AwsOperation> Action { get; }
    }
}
