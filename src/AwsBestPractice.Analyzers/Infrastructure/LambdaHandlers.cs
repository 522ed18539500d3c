using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Infrastructure;

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
    /// Finds the handler whose body contains <paramref name="operation"/>: <see cref="TryGetEnclosingHandler"/>, or else the
    /// containing method when it is passed as a method group to <c>LambdaBootstrapBuilder.Create</c>
    /// (<see cref="IsBootstrapMethodGroupTarget"/>). Call it only for operations the rule would report: the method-group search reads
    /// the type's syntax and, once per compilation, the documents that spell <c>LambdaBootstrapBuilder</c>.
    /// </summary>
    public static bool TryGetHandler(IOperation operation, ISymbol? containingSymbol, LambdaSymbols lambda, CancellationToken cancellationToken, out IMethodSymbol handler, out IOperation? handlerOperation)
    {
        var bootstrapCalls = lambda.BootstrapCalls;
        if (TryGetEnclosingHandler(operation, containingSymbol, lambda, out handler, out handlerOperation))
        {
            return true;
        }

        if (containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
            && IsBootstrapMethodGroupTarget(method, operation.SemanticModel, lambda, bootstrapCalls, cancellationToken))
        {
            handler = method;
            handlerOperation = null;
            return true;
        }

        return false;
    }

    /// <summary>
    /// A method passed as a method group to <c>LambdaBootstrapBuilder.Create</c>: by simple name in its own type
    /// (<c>Create(Handle, serializer)</c> in <c>Main</c>), or from another type or top-level statements as <c>Type.Method</c> or
    /// <c>new Type(…).Method</c>. The type's syntax, then the documents that spell <c>LambdaBootstrapBuilder</c>, are searched for
    /// <c>Create</c> calls with an argument spelled as the method's name. A call in the analysed document is confirmed with its
    /// semantic model; one in another document by its spelling (<c>LambdaBootstrapBuilder.Create</c>, and for another type the
    /// type's name), since an analyzer has no semantic model of other documents.
    /// </summary>
    internal static bool IsBootstrapMethodGroupTarget(IMethodSymbol method, SemanticModel? semanticModel, LambdaSymbols lambda, BootstrapCallCache bootstrapCalls, CancellationToken cancellationToken)
    {
        if (lambda.LambdaBootstrapBuilder is null || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var invocation in bootstrapCalls.Get(type, cancellationToken))
        {
            if (!HasArgumentNamed(invocation, method.Name))
            {
                continue;
            }

            if (IsInAnalysedDocument(invocation, semanticModel))
            {
                if (PassesMethodToBootstrap(invocation, semanticModel!, method, lambda, cancellationToken))
                {
                    return true;
                }
            }
            else if (IsSpelledBootstrapCreate(invocation))
            {
                return true;
            }
        }

        foreach (var invocation in bootstrapCalls.GetQualifiedCreateCalls(cancellationToken))
        {
            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                if (argument.Expression is not MemberAccessExpressionSyntax access || access.Name.Identifier.ValueText != method.Name)
                {
                    continue;
                }

                if (IsInAnalysedDocument(invocation, semanticModel))
                {
                    if (PassesMethodToBootstrap(invocation, semanticModel!, method, lambda, cancellationToken))
                    {
                        return true;
                    }

                    break;
                }

                if (IsSpelledBootstrapCreate(invocation) && NamesContainingType(access.Expression, method, type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsInAnalysedDocument(InvocationExpressionSyntax invocation, SemanticModel? semanticModel)
        => semanticModel is not null && invocation.SyntaxTree == semanticModel.SyntaxTree;

    /// <summary>Confirmed with the analysed document's semantic model: the call is <c>LambdaBootstrapBuilder.Create</c> and passes <paramref name="method"/>.</summary>
    private static bool PassesMethodToBootstrap(InvocationExpressionSyntax invocation, SemanticModel semanticModel, IMethodSymbol method, LambdaSymbols lambda, CancellationToken cancellationToken)
        => semanticModel.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
           && lambda.IsBootstrapCreate(operation.TargetMethod)
           && PassesMethod(operation, method);

    /// <summary><c>LambdaBootstrapBuilder.Create(…)</c>, possibly qualified (<c>Amazon.Lambda.RuntimeSupport.LambdaBootstrapBuilder.Create</c>).</summary>
    private static bool IsSpelledBootstrapCreate(InvocationExpressionSyntax invocation)
        => invocation.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && GetInvokedName(receiver) == "LambdaBootstrapBuilder";

    /// <summary>
    /// The receiver of a method group spelled in another document: the method's type by name for a static method (<c>Function.Handle</c>,
    /// <c>MyApp.Function.Handle</c>), a new instance of it for an instance method (<c>new Function().Handle</c>). A qualified name must
    /// name the type's namespace or containing types (<c>Other.Function</c> is another type).
    /// </summary>
    private static bool NamesContainingType(ExpressionSyntax receiver, IMethodSymbol method, INamedTypeSymbol type)
    {
        var typeName = method.IsStatic ? receiver : (receiver as ObjectCreationExpressionSyntax)?.Type;
        return typeName is not null && GetInvokedName(typeName) == type.Name && QualifierNamesContainers(typeName, type);
    }

    /// <summary>
    /// Each piece of the qualifier, right to left, is the name of the next containing type or namespace: <c>MyApp.Function</c> and
    /// <c>Company.MyApp.Function</c> for <c>Company.MyApp.Function</c>, and <c>global::</c> pins the top. Not followed (taken as a
    /// match): an extern alias. A namespace alias (<c>using Fns = MyApp;</c>) does not match.
    /// </summary>
    private static bool QualifierNamesContainers(ExpressionSyntax typeName, INamedTypeSymbol type)
    {
        ISymbol? container = type.ContainingType ?? (ISymbol?)type.ContainingNamespace;
        for (var qualifier = GetQualifier(typeName); qualifier is not null; qualifier = GetQualifier(qualifier))
        {
            if (container is null or INamespaceSymbol { IsGlobalNamespace: true })
            {
                return false;
            }

            if (qualifier is AliasQualifiedNameSyntax alias)
            {
                return alias.Alias.Identifier.ValueText != "global"
                       || (alias.Name.Identifier.ValueText == container.Name && container.ContainingSymbol is INamespaceSymbol { IsGlobalNamespace: true });
            }

            if (GetInvokedName(qualifier) != container.Name)
            {
                return false;
            }

            container = container.ContainingSymbol;
        }

        return true;
    }

    private static ExpressionSyntax? GetQualifier(ExpressionSyntax name)
        => name switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax qualified => qualified.Left,
            _ => null,
        };

    /// <summary>
    /// The <c>Create(…)</c> calls, in the documents that spell <c>LambdaBootstrapBuilder</c>, that pass a member access (a method group
    /// of another type, <c>Function.Handle</c>). Not followed: a global using static of it in another document.
    /// </summary>
    internal static ImmutableArray<InvocationExpressionSyntax> FindQualifiedCreateCalls(Compilation compilation, System.Func<SyntaxTree, bool> spellsBootstrapBuilder, CancellationToken cancellationToken)
    {
        var calls = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!spellsBootstrapBuilder(tree))
            {
                continue;
            }

            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && GetInvokedName(invocation.Expression) == "Create")
                {
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        if (argument.Expression is MemberAccessExpressionSyntax)
                        {
                            calls.Add(invocation);
                            break;
                        }
                    }
                }
            }
        }

        return calls.ToImmutable();
    }

    /// <summary>The <c>Create(…)</c> calls in a type's declarations that pass something by simple name (a method group candidate).</summary>
    internal static ImmutableArray<InvocationExpressionSyntax> FindCreateCalls(INamedTypeSymbol type, System.Func<SyntaxTree, bool> spellsBootstrapBuilder, CancellationToken cancellationToken)
    {
        var calls = ImmutableArray.CreateBuilder<InvocationExpressionSyntax>();
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            // Walking a type's syntax costs tens of microseconds; a document that never spells LambdaBootstrapBuilder (in the call, a
            // using static or an alias) has no call to it. Not followed: a global using static of it in another document.
            if (!spellsBootstrapBuilder(reference.SyntaxTree))
            {
                continue;
            }

            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && GetInvokedName(invocation.Expression) == "Create")
                {
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        if (argument.Expression is SimpleNameSyntax or MemberAccessExpressionSyntax)
                        {
                            calls.Add(invocation);
                            break;
                        }
                    }
                }
            }
        }

        return calls.ToImmutable();
    }

    private static bool PassesMethod(IInvocationOperation invocation, IMethodSymbol method)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IMethodReferenceOperation reference }
                && SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, method.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasArgumentNamed(InvocationExpressionSyntax invocation, string name)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (GetInvokedName(argument.Expression) == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rightmost simple name of <c>Create</c>, <c>Create&lt;T&gt;</c>, <c>X.Create</c>, <c>global::X.Create</c>.</summary>
    private static string? GetInvokedName(ExpressionSyntax expression)
        => expression switch
        {
            SimpleNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax memberAccess => memberAccess.Name.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };

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
                if (descendant is IInvocationOperation invocation && lambda.IsBootstrapCreate(invocation.TargetMethod) && PassesMethod(invocation, symbol))
                {
                    return true;
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

    /// <summary>The handler's name for a message: the method's, the local's that holds a lambda, or "lambda expression".</summary>
    public static string GetHandlerName(IMethodSymbol handler, IOperation? handlerOperation)
    {
        if (handler.MethodKind != MethodKind.AnonymousFunction)
        {
            return handler.Name;
        }

        // var handler = async (…) => …;  → 'handler'
        if (handlerOperation.WalkUpConversions() is IDelegateCreationOperation delegateCreation
            && delegateCreation.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return declarator.Symbol.Name;
        }

        return "lambda expression";
    }
}

/// <summary>
/// Per compilation (held by the shared <see cref="LambdaSymbols"/>, never static): each type's <c>Create(…)</c> calls, searched once per type
/// however many creations in it ask, and the compilation's <c>Create(…)</c> calls that pass another type's method, searched once.
/// </summary>
internal sealed class BootstrapCallCache
{
    private const string BootstrapBuilderName = "LambdaBootstrapBuilder";

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<InvocationExpressionSyntax>> _calls = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, bool> _spellsBootstrapBuilder = new();
    private readonly System.Func<SyntaxTree, bool> _spellsBootstrapBuilderCached;
    private ImmutableArray<InvocationExpressionSyntax> _qualifiedCalls;

    public BootstrapCallCache(Compilation compilation)
    {
        _compilation = compilation;
        _spellsBootstrapBuilderCached = SpellsBootstrapBuilder;
    }

    public ImmutableArray<InvocationExpressionSyntax> Get(INamedTypeSymbol type, CancellationToken cancellationToken)
        => _calls.TryGetValue(type, out var calls) ? calls : _calls.GetOrAdd(type, LambdaHandlers.FindCreateCalls(type, _spellsBootstrapBuilderCached, cancellationToken));

    /// <summary>
    /// See <see cref="LambdaHandlers.FindQualifiedCreateCalls"/>; searched on the first request (a cancelled search is not kept), and
    /// only in an executable: the Lambda runtime client is started from a program's entry point (a custom runtime or Native AOT
    /// function), and a class library, where most client code lives, is not searched, so the IDE does not read every document
    /// of such a project again for each new compilation.
    /// </summary>
    public ImmutableArray<InvocationExpressionSyntax> GetQualifiedCreateCalls(CancellationToken cancellationToken)
    {
        if (_compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication))
        {
            return ImmutableArray<InvocationExpressionSyntax>.Empty;
        }

        if (_qualifiedCalls.IsDefault)
        {
            ImmutableInterlocked.InterlockedInitialize(ref _qualifiedCalls, LambdaHandlers.FindQualifiedCreateCalls(_compilation, _spellsBootstrapBuilderCached, cancellationToken));
        }

        return _qualifiedCalls;
    }

    /// <summary>Whether the document's text contains "LambdaBootstrapBuilder": read once per document, in chunks (no copy of the whole text).</summary>
    private bool SpellsBootstrapBuilder(SyntaxTree tree)
    {
        if (_spellsBootstrapBuilder.TryGetValue(tree, out var spells))
        {
            return spells;
        }

        spells = !tree.TryGetText(out var text) || SourceTexts.ContainsOrdinal(text, BootstrapBuilderName);
        return _spellsBootstrapBuilder.GetOrAdd(tree, spells);
    }
}
