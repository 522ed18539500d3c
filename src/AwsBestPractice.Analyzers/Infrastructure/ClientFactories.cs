using System;
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
        creation = null!;
        factoryName = string.Empty;
        var method = call.TargetMethod;
        IOperation? body;
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            if (call.Instance?.WalkDownConversions() is not IMemberReferenceOperation { Member: { } member }
                || GetDelegateBody(call, member, cancellationToken) is not { } lambdaBody)
            {
                return false;
            }

            body = lambdaBody;
            factoryName = member.Name;
        }
        else
        {
            if (method.IsAbstract || method.IsVirtual || method.IsOverride || method.IsExtern || method.IsPartialDefinition)
            {
                return false; // an override elsewhere may return something else
            }

            body = GetBody(call, method.OriginalDefinition, cancellationToken);
            factoryName = method.Name;
        }

        return body is not null && TryGetReturnedCreation(body, isCreated, cancellationToken, out creation);
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
