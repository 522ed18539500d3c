using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// A rule's per-compilation symbols, resolved once, on the first callback that needs them rather than in the compilation-start
/// action. The compiler starts the analyzers' compilation-start actions while it is still binding the compilation's references;
/// a type lookup there waits for (or does) that binding and the whole wait is charged to the analyzer (measured: 100–250 ms per
/// project, docs/performance.md). By the time an operation callback runs, the compiler has bound the references for the method
/// body being analysed, and the lookups cost what they cost.
/// </summary>
internal sealed class DeferredSymbols<T>
    where T : class
{
    private readonly object _gate = new();
    private Func<T?>? _factory;
    private T? _value;

    private DeferredSymbols(Func<T?> factory) => _factory = factory;

    /// <summary>
    /// For a compilation-start action: null (register nothing) when the compilation cannot reference the AWS SDK, decided without
    /// binding anything (<see cref="AwsSymbols.MayReferenceAwsSdk"/>); otherwise the rule's symbols, created by
    /// <paramref name="create"/> from the <see cref="AwsSymbols"/> on first use. <see cref="Value"/> is null when the SDK or a type
    /// the rule needs is missing after all: the callback then returns at once.
    /// </summary>
    public static DeferredSymbols<T>? Create(Compilation compilation, Func<AwsSymbols, T?> create)
        => Create(compilation, AwsSymbols.CoreAssemblyName, create);

    /// <summary>
    /// <see cref="Create(Compilation, Func{AwsSymbols, T?})"/> for a rule about one service: null as well when the compilation
    /// cannot reference that service's assembly (<paramref name="serviceAssembly"/>, e.g. <c>AWSSDK.DynamoDBv2</c>), so a project
    /// that uses S3 only registers nothing for a DynamoDB rule.
    /// </summary>
    public static DeferredSymbols<T>? Create(Compilation compilation, string serviceAssembly, Func<AwsSymbols, T?> create)
    {
        if (!AwsSymbols.MayReferenceAwsSdk(compilation)
            || (serviceAssembly != AwsSymbols.CoreAssemblyName && !AwsSymbols.MayReferenceSdkAssembly(compilation, serviceAssembly)))
        {
            return null;
        }

        return new DeferredSymbols<T>(() => AwsSymbols.TryCreate(compilation) is { } symbols ? create(symbols) : null);
    }

    /// <summary>The symbols, resolved by the first caller (concurrent callers wait for it); null when the rule cannot apply.</summary>
    public T? Value
    {
        get
        {
            if (Volatile.Read(ref _factory) is null)
            {
                return _value;
            }

            lock (_gate)
            {
                if (_factory is { } factory)
                {
                    _value = factory();
                    Volatile.Write(ref _factory, null);
                }

                return _value;
            }
        }
    }

    /// <summary>
    /// Registers <paramref name="action"/> for the operations of the given kinds that pass <paramref name="mayApply"/>, a test that
    /// needs no symbol (a method or parameter name, a syntax shape); it runs only when <see cref="Value"/> is not null. Only the
    /// operations that pass resolve the symbols and reach the action, so a project where nothing passes never pays for the lookups,
    /// and the compiler's first callback in a process compiles (JIT) only the test: measured in a single-threaded compile of a
    /// 167-file project that never calls Scan, AWSBP030 5–8 → 3 ms.
    /// </summary>
    public void RegisterOperationAction(CompilationStartAnalysisContext context, Func<IOperation, bool> mayApply, Action<OperationAnalysisContext, T> action, params OperationKind[] kinds)
        => context.RegisterOperationAction(
            ctx =>
            {
                if (mayApply(ctx.Operation) && Value is { } symbols)
                {
                    action(ctx, symbols);
                }
            },
            kinds);
}
