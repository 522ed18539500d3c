using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// What a rule may register for one compilation (<see cref="AwsRule.Register"/>). Nothing is registered with the compiler here:
/// <see cref="RuleDispatcher"/> registers one action per operation kind for all rules and calls each rule's callbacks only where
/// the rule is enabled for the file and its symbol-free prefilter passes.
/// </summary>
internal sealed class RuleRegistration
{
    private readonly RuleDispatcher _dispatcher;
    private readonly int _rule;

    internal RuleRegistration(RuleDispatcher dispatcher, int rule, AnalyzerOptions options)
    {
        _dispatcher = dispatcher;
        _rule = rule;
        Options = options;
    }

    public AwsContext Context => _dispatcher.Context;

    public Compilation Compilation => _dispatcher.Context.Compilation;

    public AnalyzerOptions Options { get; }

    /// <summary>A symbol set shared by every rule that asks with the same factory, resolved on first use.</summary>
    public DeferredSymbols<T> Symbols<T>(Func<AwsSymbols, T?> create)
        where T : class
        => Context.Symbols(create);

    /// <summary>
    /// Calls <paramref name="action"/> for the operations of the given kinds that pass <paramref name="mayApply"/>, a test that
    /// needs no symbol (a method or parameter name, a syntax shape), once <paramref name="symbols"/> resolved. Only operations that
    /// pass resolve the symbols, so a project where nothing passes never pays for the lookups.
    /// </summary>
    public void RegisterOperationAction<T>(DeferredSymbols<T> symbols, Func<IOperation, bool> mayApply, Action<OperationAnalysisContext, T> action, params OperationKind[] kinds)
        where T : class
        => _dispatcher.AddOperation(
            _rule,
            mayApply,
            context =>
            {
                if (symbols.Value is { } value)
                {
                    action(context, value);
                }
            },
            kinds);

    /// <summary>
    /// Calls <paramref name="action"/> for every call to one of <paramref name="operations"/> (<c>ReceiveMessage</c>; the
    /// <c>Async</c> form is the same operation) on a client of the service whose namespace is <c>Amazon.</c><paramref name="service"/>
    /// (<c>SQS</c>). The call is classified once (<see cref="AwsOperation"/>) for every rule that asked for it; a type of the user's
    /// own implementing the service interface (a test fake) is not a client, and calls inside test-double set-ups are left out.
    /// </summary>
    public void RegisterServiceCall(string service, IEnumerable<string> operations, Action<OperationAnalysisContext, AwsOperation> action)
        => _dispatcher.AddServiceCall(_rule, service, operations, action);

    /// <summary>
    /// Calls <paramref name="action"/> for every AWS service call, of any service and operation (a rule about every paginated
    /// operation): classified once, with the same exclusions as <see cref="RegisterServiceCall"/>.
    /// </summary>
    public void RegisterAnyServiceCall(Action<OperationAnalysisContext, AwsOperation> action)
        => _dispatcher.AddAnyServiceCall(_rule, action);

    /// <summary>
    /// The rule's <c>.editorconfig</c> option <c>dotnet_diagnostic.&lt;ID&gt;.&lt;name&gt;</c>, read once per file (<see cref="TreeOption{T}"/>);
    /// <paramref name="parse"/> gets the configured text or null and returns the value to use (its default for null or invalid text).
    /// </summary>
    public TreeOption<T> TreeOption<T>(string ruleId, string name, Func<string?, T> parse)
        => new(Options.AnalyzerConfigOptionsProvider, "dotnet_diagnostic." + ruleId + "." + name, parse);

    /// <summary>One callback per document's semantic model (for the rare rule that reads the text of the whole file).</summary>
    public void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
        => _dispatcher.AddSemanticModel(_rule, action);
}
