using System;
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

    public HollowAnalyzer(DiagnosticAnalyzer inner) => _inner = inner;

    /// <summary>The wrapped analyzer's type name, for reports.</summary>
    public string InnerName => _inner.GetType().Name;

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

    public override void Initialize(AnalysisContext context) => _inner.Initialize(new HollowAnalysisContext(context));

    private static void Ignore<T>(T context)
    {
    }

    private sealed class HollowAnalysisContext : AnalysisContext
    {
        private readonly AnalysisContext _context;

        public HollowAnalysisContext(AnalysisContext context) => _context = context;

        public override void EnableConcurrentExecution() => _context.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => _context.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
            => _context.RegisterCompilationStartAction(start => action(new HollowCompilationStartContext(start)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _context.RegisterCompilationAction(Ignore);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _context.RegisterSyntaxTreeAction(Ignore);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _context.RegisterAdditionalFileAction(Ignore);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _context.RegisterSemanticModelAction(Ignore);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _context.RegisterSymbolAction(Ignore, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _context.RegisterSymbolStartAction(Ignore, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => _context.RegisterCodeBlockStartAction<TLanguageKindEnum>(Ignore);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _context.RegisterCodeBlockAction(Ignore);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _context.RegisterSyntaxNodeAction(Ignore, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => _context.RegisterOperationAction(Ignore, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _context.RegisterOperationBlockStartAction(Ignore);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _context.RegisterOperationBlockAction(Ignore);
    }

    private sealed class HollowCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _context;

        public HollowCompilationStartContext(CompilationStartAnalysisContext context)
            : base(context.Compilation, context.Options, context.CancellationToken)
            => _context = context;

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _context.RegisterCompilationEndAction(Ignore);

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => _context.RegisterSyntaxTreeAction(Ignore);

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _context.RegisterAdditionalFileAction(Ignore);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => _context.RegisterSemanticModelAction(Ignore);

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => _context.RegisterSymbolAction(Ignore, symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => _context.RegisterSymbolStartAction(Ignore, symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
            => _context.RegisterCodeBlockStartAction<TLanguageKindEnum>(Ignore);

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => _context.RegisterCodeBlockAction(Ignore);

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
            => _context.RegisterSyntaxNodeAction(Ignore, syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
            => _context.RegisterOperationAction(Ignore, operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => _context.RegisterOperationBlockStartAction(Ignore);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _context.RegisterOperationBlockAction(Ignore);
    }
}
