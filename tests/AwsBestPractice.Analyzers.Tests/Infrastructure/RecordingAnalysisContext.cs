using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>
/// Calls an analyzer's <c>Initialize</c> and its compilation-start actions on a real compilation and counts what it registers,
/// so tests can prove that a compilation without the AWS SDK costs nothing.
/// </summary>
public sealed class RecordingAnalysisContext : AnalysisContext
{
    private readonly System.Collections.Generic.List<Action<CompilationStartAnalysisContext>> _starts = new();

    public bool ConfiguredConcurrentExecution { get; private set; }
    public GeneratedCodeAnalysisFlags? GeneratedCodeFlags { get; private set; }
    public int CompilationStartActions => _starts.Count;
    public int NonStartActions { get; private set; }
    public int ActionsRegisteredInCompilationStart { get; private set; }

    public static RecordingAnalysisContext Run(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        var context = new RecordingAnalysisContext();
        analyzer.Initialize(context);
        foreach (var start in context._starts)
        {
            var startContext = new RecordingCompilationStartContext(compilation);
            start(startContext);
            context.ActionsRegisteredInCompilationStart += startContext.Registered;
        }

        return context;
    }

    public override void EnableConcurrentExecution() => ConfiguredConcurrentExecution = true;
    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCodeFlags = analysisMode;
    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => _starts.Add(action);
    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => NonStartActions++;
    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => NonStartActions++;
    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => NonStartActions++;
    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => NonStartActions++;
    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => NonStartActions++;
    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => NonStartActions++;
    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => NonStartActions++;
    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => NonStartActions++;
    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => NonStartActions++;
    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => NonStartActions++;
    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => NonStartActions++;
    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => NonStartActions++;

    private sealed class RecordingCompilationStartContext : CompilationStartAnalysisContext
    {
        public RecordingCompilationStartContext(Compilation compilation)
            : base(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), CancellationToken.None)
        {
        }

        public int Registered { get; private set; }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => Registered++;
        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Registered++;
        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Registered++;
        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Registered++;
        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Registered++;
        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Registered++;
        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Registered++;
        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Registered++;
        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Registered++;
        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Registered++;
        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Registered++;
        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Registered++;
    }
}
