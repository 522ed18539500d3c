using System;
using System.Threading;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Symbols resolved once per compilation, on the first callback that needs them rather than in the compilation-start action.
/// The compiler starts the analyzers' compilation-start actions while it is still binding the compilation's references; a type
/// lookup there waits for (or does) that binding and the whole wait is charged to the analyzer (measured: 100–250 ms per
/// project, docs/performance.md). By the time an operation callback runs, the compiler has bound the references for the method
/// body being analysed, and the lookups cost what they cost. Created by <see cref="AwsContext"/>, shared by every rule.
/// </summary>
internal sealed class DeferredSymbols<T>
    where T : class
{
    private readonly object _gate = new();
    private Func<T?>? _factory;
    private T? _value;

    internal DeferredSymbols(Func<T?> factory) => _factory = factory;

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
}
