using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// Calls to a factory of the user's own that returns a newly created object on every call: a method or local function whose
/// every <c>return</c> is an object creation (directly, or through a local it initialises and never reassigns), or a read-only
/// delegate field or get-only property initialised with such a lambda (<c>static readonly Func&lt;IAmazonS3&gt; Create = () =&gt;
/// new AmazonS3Client();</c>, the AWS WebSocket blueprint's shape). A factory that caches (<c>return _client ??= new …()</c>,
/// <c>return Lazy.Value</c>, <c>return Clients.GetOrAdd(…)</c>) returns no creation and is not one.
/// </summary>
/// <remarks>
/// The factory's body is read through the semantic model of the call's own document (<see cref="IOperation.SemanticModel"/>), never
/// a new one, so only a factory declared in the same file as the call is followed.
/// </remarks>
internal static class ClientFactories
{
    /// <summary>
    /// The symbol-free test run on every call: a method that returns a class or interface named like something a rule asks
    /// about (<paramref name="mayBeCreated"/>, a name test), of the user's own code or a delegate's <c>Invoke</c>.
    /// </summary>
    public static bool MayBeFactoryCall(IOperation operation, Func<ITypeSymbol, bool> mayBeCreated)
        => operation is IInvocationOperation { TargetMethod: { ReturnsVoid: false, ReturnType: { TypeKind: TypeKind.Class or TypeKind.Interface } returnType } method }
           && method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.DelegateInvoke
           && mayBeCreated(returnType);

    /// <summary>
    /// The object creation that <paramref name="call"/>'s factory returns, and the factory's name (the method, local function,
    /// field or property), when the call is to a factory declared in the same file; the creation whose type
    /// <paramref name="isCreated"/> accepts.
    /// </summary>
    public static bool TryGetCreation(IInvocationOperation call, Func<ITypeSymbol, bool> isCreated, CancellationToken cancellationToken, out IObjectCreationOperation creation, out string factoryName)
    {
        if (TryGetFactory(call, isCreated, cancellationToken, out var factory))
        {
            creation = factory.Creation;
            factoryName = factory.Name;
            return true;
        }

        creation = null!;
        factoryName = string.Empty;
        return false;
    }

    /// <summary>The factory <paramref name="call"/> calls (see <see cref="TryGetCreation"/>), with its body and declaration.</summary>
    public static bool TryGetFactory(IInvocationOperation call, Func<ITypeSymbol, bool> isCreated, CancellationToken cancellationToken, out ClientFactory factory)
    {
        factory = null!;
        var method = call.TargetMethod;
        IOperation? body;
        ISymbol symbol;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            if (call.Instance?.WalkDownConversions() is not IMemberReferenceOperation { Member: { } member }
                || GetDelegateBody(call, member, cancellationToken) is not { } lambdaBody)
            {
                return false;
            }

            body = lambdaBody;
            symbol = member;
        }
        else
        {
            if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern || method.IsPartialDefinition)
            {
                return false; // an override elsewhere may return something else
            }

            body = GetBody(call, method.OriginalDefinition, cancellationToken);
            symbol = method.OriginalDefinition;
        }

        if (body is null || !TryGetReturnedCreation(body, isCreated, cancellationToken, out var creation))
        {
            return false;
        }

        // The declaration whose parameters and locals are the factory's own: the method, local function or lambda.
        var declaration = body.Syntax;
        for (var current = body.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation or IMethodBodyBaseOperation)
            {
                declaration = current.Syntax;
                break;
            }
        }

        factory = new ClientFactory(symbol, creation, body, declaration);
        return true;
    }

    /// <summary>
    /// True when calling <paramref name="factory"/> as <paramref name="call"/> gives the same client wherever and whenever the call is
    /// made, so it can be made once outside the handler: its arguments read only static or constant values
    /// (<see cref="ClientCreations.IsStaticOrConstant"/>), it is called on no object but <c>this</c> (or none), and its body reads
    /// nothing the handler may change between invocations — no captured local or parameter, no field of the user's code that is not
    /// read-only, no property of the user's code with a setter, no method of <c>this</c>, no <c>this</c> passed on. Conservative:
    /// what it calls is not followed, so a call to another method of <c>this</c> is enough to say no.
    /// </summary>
    public static bool IsCallHoistable(IInvocationOperation call, ClientFactory factory)
    {
        // The receiver: none (static method, local function, static delegate member), or this.
        var receiver = call.TargetMethod.MethodKind == MethodKind.DelegateInvoke
            ? (call.Instance?.WalkDownConversions() as IMemberReferenceOperation)?.Instance
            : call.Instance;
        if (receiver is not null && receiver.WalkDownConversions() is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (!ClientCreations.IsStaticOrConstant(argument.Value) || ReadsMutableState(argument.Value))
            {
                return false;
            }
        }

        foreach (var operation in factory.Body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case ILocalReferenceOperation { Local: var local } when !IsDeclaredIn(local, factory.Declaration):
                case IParameterReferenceOperation { Parameter: var parameter } when !IsDeclaredIn(parameter, factory.Declaration):
                case IAwaitOperation:
                case IInvocationOperation { Instance: { } instance } when instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instanceReference
                    when instanceReference.Parent is not IMemberReferenceOperation:
                    return false;
            }
        }

        return !ReadsMutableState(factory.Body);
    }

    /// <summary>
    /// Reads a field of the user's code that is not read-only or a property of the user's code with a setter, of <c>this</c> or
    /// static: state a handler may change between invocations.
    /// </summary>
    private static bool ReadsMutableState(IOperation value)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IFieldReferenceOperation { Field: var field } fieldReference when IsOwnState(fieldReference.Instance)
                                                                                      && field.Locations.Any(l => l.IsInSource)
                                                                                      && !field.IsConst && !field.IsReadOnly:
                    return true;
                case IPropertyReferenceOperation { Property: var property } propertyReference when IsOwnState(propertyReference.Instance)
                                                                                               && property.Locations.Any(l => l.IsInSource)
                                                                                               && property.SetMethod is { IsInitOnly: false }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>State of the program rather than of an object the factory builds: a static member, or a member of <c>this</c>.</summary>
    private static bool IsOwnState(IOperation? instance)
        => instance is null || instance.WalkDownConversions() is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    private static bool IsDeclaredIn(ISymbol symbol, SyntaxNode declaration)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(reference.Span))
            {
                return false;
            }
        }

        return symbol.DeclaringSyntaxReferences.Length > 0;
    }

    private static IOperation? GetBody(IInvocationOperation call, IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (call.SemanticModel is not { } model || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = method.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return reference.GetSyntax(cancellationToken) switch
        {
            BaseMethodDeclarationSyntax declaration => model.GetOperation(declaration, cancellationToken) is IMethodBodyBaseOperation operation
                ? (IOperation?)operation.BlockBody ?? operation.ExpressionBody
                : null,
            LocalFunctionStatementSyntax localFunction => (model.GetOperation(localFunction, cancellationToken) as ILocalFunctionOperation)?.Body,
            _ => null,
        };
    }

    /// <summary>The lambda body a read-only delegate field or get-only auto-property is initialised with.</summary>
    private static IOperation? GetDelegateBody(IInvocationOperation call, ISymbol member, CancellationToken cancellationToken)
    {
        var isReadOnly = member switch
        {
            IFieldSymbol field => field.IsReadOnly,
            IPropertySymbol property => property.SetMethod is null,
            _ => false,
        };
        if (!isReadOnly || call.SemanticModel is not { } model || member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var reference = member.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var initializer = reference.GetSyntax(cancellationToken) switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
            PropertyDeclarationSyntax { Initializer.Value: { } value, ExpressionBody: null } => value,
            _ => null,
        };
        return (initializer is null ? null : model.GetOperation(initializer, cancellationToken)?.WalkDownConversions()) switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Body,
            _ => null,
        };
    }

    /// <summary>Every <c>return</c> of <paramref name="body"/> (not of lambdas or local functions in it) returns a fresh creation.</summary>
    private static bool TryGetReturnedCreation(IOperation body, Func<ITypeSymbol, bool> isCreated, CancellationToken cancellationToken, out IObjectCreationOperation creation)
    {
        creation = null!;
        foreach (var operation in body.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not IReturnOperation { Kind: OperationKind.Return } @return || !IsOwnReturn(@return, body))
            {
                continue;
            }

            if (@return.ReturnedValue?.WalkDownConversions() is not { } value
                || Fresh(value, body) is not { Type: { } type } created
                || !isCreated(type))
            {
                return false;
            }

            creation ??= created;
        }

        return creation is not null;
    }

    private static bool IsOwnReturn(IOperation @return, IOperation body)
    {
        for (var current = @return.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>new X(…)</c>, or a local initialised with one and never assigned again.</summary>
    private static IObjectCreationOperation? Fresh(IOperation value, IOperation body)
    {
        if (value is IObjectCreationOperation created)
        {
            return created;
        }

        if (value is not ILocalReferenceOperation { Local: var local })
        {
            return null;
        }

        IObjectCreationOperation? initial = null;
        foreach (var operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    initial = declarator.Initializer?.Value.WalkDownConversions() as IObjectCreationOperation;
                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local)
                                                             && (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference
                                                                 || reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }):
                    return null;
            }
        }

        return initial;
    }
}

/// <summary>A client factory a call reaches (<see cref="ClientFactories.TryGetFactory"/>).</summary>
internal sealed class ClientFactory
{
    public ClientFactory(ISymbol symbol, IObjectCreationOperation creation, IOperation body, SyntaxNode declaration)
    {
        Symbol = symbol;
        Creation = creation;
        Body = body;
        Declaration = declaration;
    }

    /// <summary>The method, local function, delegate field or delegate property.</summary>
    public ISymbol Symbol { get; }

    public string Name => Symbol.Name;

    /// <summary>The creation it returns (the first, when several <c>return</c>s return one).</summary>
    public IObjectCreationOperation Creation { get; }

    /// <summary>The body (of the method, local function or lambda).</summary>
    public IOperation Body { get; }

    /// <summary>The declaration that owns the body's parameters: method, local function or lambda.</summary>
    public SyntaxNode Declaration { get; }

    /// <summary>A local function (callable only where it is in scope).</summary>
    public bool IsLocalFunction => Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction };

    /// <summary>An instance method or instance delegate member: callable only with an instance (not from a field initializer).</summary>
    public bool IsInstance => !IsLocalFunction && !Symbol.IsStatic;
}
