using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

// A wrapper, not an analyzer of its own: the wrapped analyzer enables concurrent execution, configures generated code and registers
// the actions (RS1025, RS1026, RS1012); the [DiagnosticAnalyzer] attribute is on the generated per-rule subclasses (RS1001).
#pragma warning disable RS1001, RS1012, RS1025, RS1026

namespace AwsBestPractice.Analyzers.Benchmarks.Floor;

/// <summary>
/// The registration floor of a rule: wraps one of our analyzers, runs its <c>Initialize</c> and compilation-start code for real
/// (the AWS SDK gate included) and registers every action it asks for — same action kinds, same syntax and operation kinds — with
/// an empty callback. What the analyzer driver then charges to it is what delivering those callbacks costs before the rule does
/// any work: no implementation with the same registrations can be cheaper. Used in-process by <c>probe --compare</c> and compiled
/// into a separate analyzer assembly for the builds of eng/perf/run.sh (eng/perf/floor).
/// </summary>
/// <remarks>Compiled both here (net10.0) and into the netstandard2.0 floor assembly against Microsoft.CodeAnalysis 4.8.</remarks>
public class HollowAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;
    private readonly HashSet<string> _registrations = new(StringComparer.Ordinal);

    public HollowAnalyzer(DiagnosticAnalyzer inner) => _inner = inner;

    /// <summary>
    /// What the wrapped analyzer registered in <c>Initialize</c> and in its compilation-start actions, one entry per callback kind:
    /// <c>operation Invocation</c>, <c>syntax StringLiteralExpression</c>, <c>semantic model</c>, <c>symbol start NamedType</c>, …
    /// (actions registered inside symbol-start or operation-block-start callbacks are not seen: those callbacks are emptied).
    /// </summary>
    public IReadOnlyCollection<string> Registrations
    {
        get
        {
            lock (_registrations)
            {
                return _registrations.ToArray();
            }
        }
    }

    /// <summary>The wrapped analyzer's type name, for reports.</summary>
    public string InnerName => _inner.GetType().Name;

    /// <summary>The wrapped analyzer's full type name (as the compiler's <c>/reportanalyzer</c> output names it).</summary>
    public string InnerFullName => _inner.GetType().FullName ?? InnerName;

    /// <summary>
    /// The wrapped analyzer's descriptors under IDs of their own (see <see cref="FloorId"/>):
    /// a build can then switch the real rules off (<c>NoWarn</c>, so the compiler does not run them) and keep their floors on.
    /// </summary>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics
    {
        get
        {
            var builder = ImmutableArray.CreateBuilder<DiagnosticDescriptor>();
            foreach (var descriptor in _inner.SupportedDiagnostics)
            {
                builder.Add(new DiagnosticDescriptor(
                    FloorId(descriptor.Id), descriptor.Title, descriptor.MessageFormat, descriptor.Category, descriptor.DefaultSeverity, isEnabledByDefault: true));
            }

            return builder.ToImmutable();
        }
    }

    /// <summary>The ID a floor reports its rule under: <c>AWSBP001</c> → <c>FLOORAWSBP001</c>.</summary>
    public static string FloorId(string id) => "FLOOR" + id;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new HollowAnalysisContext(context, this));

    private static void Ignore<T>(T context)
    {
    }

    /// <summary>Registers the emptied action with the real context and notes what was asked for (each kind separately).</summary>
    private void Forward(Action register, string action, IEnumerable<object>? kinds = null)
    {
        lock (_registrations)
        {
            if (kinds is null)
            {
                _registrations.Add(action);
            }
            else
            {
                foreach (var kind in kinds)
                {
                    _registrations.Add(action + " " + kind);
                }
            }
        }

        register();
    }

    /// <summary>
    /// Forwards the compilation-start actions through <see cref="HollowCompilationStartContext"/>, and turns every action registered
    /// directly in <c>Initialize</c> into the same action registered at compilation start, so one class empties and records them all.
    /// </summary>
    private sealed class HollowAnalysisContext : AnalysisContext
    {
        private readonly AnalysisContext _context;
        private readonly HollowAnalyzer _owner;

        public HollowAnalysisContext(AnalysisContext context, HollowAnalyzer owner)
        {
            _context = context;
            _owner = owner;
        }

        public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => _context.RegisterCompilationStartAction(start => action(new HollowCompilationStartContext(start, _owner)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterCompilationEndAction(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterSyntaxTreeAction(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterAdditionalFileAction(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterSemanticModelAction(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            => RegisterCompilationStartAction(start => start.RegisterSymbolAction(action, symbolKinds));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
            => RegisterCompilationStartAction(start => start.RegisterSymbolStartAction(action, symbolKind));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => RegisterCompilationStartAction(start => start.RegisterCodeBlockStartAction(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterCodeBlockAction(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => RegisterCompilationStartAction(start => start.RegisterSyntaxNodeAction(action, syntaxKinds));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => RegisterCompilationStartAction(start => start.RegisterOperationAction(action, operationKinds));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
            => RegisterCompilationStartAction(start => start.RegisterOperationBlockStartAction(action));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => RegisterCompilationStartAction(start => start.RegisterOperationBlockAction(action));
    }

    private sealed class HollowCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _context;
        private readonly HollowAnalyzer _owner;

        public HollowCompilationStartContext(CompilationStartAnalysisContext context, HollowAnalyzer owner)
            : base(context.Compilation, context.Options, context.CancellationToken)
        {
            _context = context;
            _owner = owner;
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterCompilationEndAction(Ignore), "compilation end");

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterSyntaxTreeAction(Ignore), "syntax tree");

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterAdditionalFileAction(Ignore), "additional file");

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterSemanticModelAction(Ignore), "semantic model");

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
            => _owner.Forward(() => _context.RegisterSymbolAction(Ignore, symbolKinds), "symbol", symbolKinds.Cast<object>());

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
            => _owner.Forward(() => _context.RegisterSymbolStartAction(Ignore, symbolKind), "symbol start " + symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => _owner.Forward(() => _context.RegisterCodeBlockStartAction<TLanguageKindEnum>(Ignore), "code block start");

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterCodeBlockAction(Ignore), "code block");

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _owner.Forward(() => _context.RegisterSyntaxNodeAction(Ignore, syntaxKinds), "syntax", syntaxKinds.Cast<object>());

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => _owner.Forward(() => _context.RegisterOperationAction(Ignore, operationKinds), "operation", operationKinds.Cast<object>());

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterOperationBlockStartAction(Ignore), "operation block start");

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            => _owner.Forward(() => _context.RegisterOperationBlockAction(Ignore), "operation block");
    }
}
