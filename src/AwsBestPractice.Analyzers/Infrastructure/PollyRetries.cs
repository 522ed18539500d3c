using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// How a Polly retry is built and where it runs, shared by the retry rules (AWSBP020, AWSBP021): the exception types a v7
/// policy builder (<c>Policy.Handle&lt;T&gt;().Or&lt;U&gt;()</c>) or a v8 predicate builder (<c>new PredicateBuilder().Handle&lt;T&gt;()</c>)
/// handles, and whether the policy or pipeline built is executed around AWS calls in the same file.
/// </summary>
internal static class PollyRetries
{
    /// <summary>The call made on the value of <paramref name="current"/>: <c>current.Next()</c> or the extension <c>Next(current)</c>.</summary>
    public static IInvocationOperation? NextInChain(IOperation current)
    {
        var parent = current.WalkUpConversions();
        if (parent is IInvocationOperation next && next.Instance?.WalkDownConversions() == current)
        {
            return next;
        }

        if (parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation extension } && extension.TargetMethod.IsExtensionMethod)
        {
            return extension;
        }

        return null;
    }

    /// <summary>The value a call is made on: its instance, or the first argument of an extension method.</summary>
    private static IOperation? Receiver(IInvocationOperation invocation)
        => invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    /// <summary>
    /// The exception types of the v7 policy builder a retry syntax call (<c>.WaitAndRetryAsync(…)</c>) is made on, written in the
    /// same expression: <c>Policy.Handle&lt;T&gt;()</c>, <c>Policy&lt;R&gt;.Handle&lt;T&gt;()</c>, <c>.Or&lt;U&gt;()</c>,
    /// <c>HandleInner</c>/<c>OrInner</c>. False when the builder comes from elsewhere (a variable, a method).
    /// </summary>
    public static bool TryGetHandledTypes(IInvocationOperation retryCall, PollySymbols polly, List<ITypeSymbol> types)
    {
        var current = Receiver(retryCall)?.WalkDownConversions();
        for (var i = 0; i < 32 && current is IInvocationOperation invocation; i++)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType is null || !polly.IsPolicyOrBuilder(method.ContainingType))
            {
                return false;
            }

            if (method.Name is "Handle" or "Or" or "HandleInner" or "OrInner" && method.TypeArguments.Length == 1)
            {
                types.Add(method.TypeArguments[0]);
            }
            else if (method.Name is not ("HandleResult" or "OrResult"))
            {
                return false;
            }

            if (method.IsStatic && !method.IsExtensionMethod)
            {
                return true; // Policy.Handle<T>(): the start of the chain
            }

            current = Receiver(invocation)?.WalkDownConversions();
        }

        return false;
    }

    /// <summary>
    /// The exception types a v8 <c>ShouldHandle</c> value handles when it is a predicate builder chain
    /// (<c>new PredicateBuilder().Handle&lt;T&gt;().Handle&lt;U&gt;()</c>); false for a lambda or anything else.
    /// </summary>
    public static bool TryGetHandledTypes(IOperation shouldHandle, PollySymbols polly, List<ITypeSymbol> types)
    {
        var current = shouldHandle.WalkDownConversions();
        for (var i = 0; i < 32; i++)
        {
            switch (current)
            {
                case IObjectCreationOperation creation when creation.Type.InheritsFrom(polly.PredicateBuilderOfT):
                    return true;
                case IInvocationOperation { TargetMethod: var method } invocation when method.ContainingType.InheritsFrom(polly.PredicateBuilderOfT):
                    if (method.Name is "Handle" or "HandleInner" && method.TypeArguments.Length == 1)
                    {
                        types.Add(method.TypeArguments[0]);
                    }
                    else if (method.Name != "HandleResult")
                    {
                        return false;
                    }

                    if (invocation.Instance is not { } instance)
                    {
                        return false;
                    }

                    current = instance.WalkDownConversions();
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The policy or pipeline made from <paramref name="producer"/> (a v7 retry policy, or a v8 retry strategy options object
    /// passed to <c>AddRetry</c>) is executed around an AWS call in the same file: <c>.ExecuteAsync(() =&gt; s3.PutObjectAsync(…))</c>
    /// chained to it, or called on the local, field or property the policy or pipeline is stored in, with a delegate that makes
    /// an AWS service call. A policy used from another file, registered in a DI container or wrapped is not followed.
    /// </summary>
    public static bool IsExecutedAroundAwsCalls(IOperation producer, AwsSymbols symbols, CancellationToken cancellationToken)
    {
        var current = producer;
        if (producer is IObjectCreationOperation && Passed(producer, "AddRetry") is { } addRetry)
        {
            current = addRetry;
        }
        else if (producer is IObjectCreationOperation && producer.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: var options } })
        {
            // var options = new RetryStrategyOptions { … }; … .AddRetry(options) …
            current = FindAddRetryOf(options, producer.GetRoot()) ?? producer;
        }

        for (var i = 0; i < 32; i++)
        {
            var next = NextInChain(current);
            if (next is null)
            {
                break;
            }

            if (IsExecuteWithAwsCall(next, symbols))
            {
                return true;
            }

            current = next;
        }

        var stored = StoredIn(current);
        if (stored is null)
        {
            return false;
        }

        if (stored is ILocalSymbol)
        {
            foreach (var operation in current.GetRoot().DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is IInvocationOperation { Instance: { } instance } execute
                    && instance.WalkDownConversions() is ILocalReferenceOperation local
                    && SymbolEqualityComparer.Default.Equals(local.Local, stored)
                    && IsExecuteWithAwsCall(execute, symbols))
                {
                    return true;
                }
            }

            return false;
        }

        // A field or property: its Execute calls in this file.
        var model = current.SemanticModel;
        if (model is null)
        {
            return false;
        }

        foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: var receiver } } call
                && name.StartsWith("Execute", StringComparison.Ordinal)
                && LastName(receiver) == stored.Name
                && model.GetOperation(call, cancellationToken) is IInvocationOperation { Instance: { } instance } execute
                && instance.WalkDownConversions() switch
                {
                    IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, stored),
                    IPropertyReferenceOperation property => SymbolEqualityComparer.Default.Equals(property.Property, stored),
                    _ => false,
                }
                && IsExecuteWithAwsCall(execute, symbols))
            {
                return true;
            }
        }

        return false;
    }

    private static string? LastName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>The <c>AddRetry(options)</c> call <paramref name="value"/> is passed to.</summary>
    private static IInvocationOperation? Passed(IOperation value, string method)
        => value.WalkUpConversions() is IArgumentOperation { Parent: IInvocationOperation invocation } && invocation.TargetMethod.Name == method ? invocation : null;

    private static IInvocationOperation? FindAddRetryOf(ILocalSymbol options, IOperation root)
    {
        foreach (var operation in root.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, options)
                && Passed(reference, "AddRetry") is { } addRetry)
            {
                return addRetry;
            }
        }

        return null;
    }

    /// <summary>The local, field or property <paramref name="value"/> is assigned to or initialises.</summary>
    private static ISymbol? StoredIn(IOperation value)
        => value.WalkUpConversions() switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            IFieldInitializerOperation { InitializedFields: { Length: 1 } fields } => fields[0],
            IPropertyInitializerOperation { InitializedProperties: { Length: 1 } properties } => properties[0],
            ISimpleAssignmentOperation { Target: var target } assignment when assignment.Value.WalkDownConversions() == value => target.WalkDownConversions() switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            },
            _ => null,
        };

    /// <summary><c>Execute…(…)</c> with a delegate argument whose body calls an AWS service operation.</summary>
    private static bool IsExecuteWithAwsCall(IInvocationOperation invocation, AwsSymbols symbols)
    {
        if (!invocation.TargetMethod.Name.StartsWith("Execute", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.WalkDownConversions() is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
            {
                foreach (var operation in lambda.Body.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation call && AwsOperation.IsServiceCall(call, symbols))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
