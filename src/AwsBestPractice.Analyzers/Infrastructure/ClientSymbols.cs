using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The long-lived objects whose creation AWSBP010 (in a Lambda handler) and AWSBP070 (per call elsewhere) judge: AWS SDK clients
/// (classes deriving from <c>Amazon.Runtime.AmazonServiceClient</c>), <c>HttpClient</c> and <c>DbConnection</c>, classified one
/// way for both rules, with the caching patterns they both accept (<see cref="Caching"/>).
/// </summary>
internal sealed class ClientSymbols
{
    public const string AwsClientKind = "AwsClient";
    public const string HttpClientKind = "HttpClient";
    public const string DbConnectionKind = "DbConnection";

    private ClientSymbols(AwsSymbols aws)
    {
        Aws = aws;
        HttpClient = aws.GetType("System.Net.Http.HttpClient");
        DbConnection = aws.GetType("System.Data.Common.DbConnection");
        var interlocked = aws.GetType("System.Threading.Interlocked");
        var lazyInitializer = aws.GetType("System.Threading.LazyInitializer");
        Lazy = aws.GetType("System.Lazy`1");
        Caching = new ClientCaching(interlocked, lazyInitializer, Lazy, instanceMembersCache: true);
        PerInstanceCaching = new ClientCaching(interlocked, lazyInitializer, Lazy, instanceMembersCache: false);
    }

    public AwsSymbols Aws { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? DbConnection { get; }
    public INamedTypeSymbol? Lazy { get; }

    /// <summary>The caching patterns, where a member of <c>this</c> outlives the code that runs (a handler, a loop).</summary>
    public ClientCaching Caching { get; }

    /// <summary>The caching patterns where only static members outlive the code (the code runs once per instance: a controller).</summary>
    public ClientCaching PerInstanceCaching { get; }

    public static ClientSymbols Create(AwsSymbols aws) => new(aws);

    /// <summary>A type a client factory may return: a class named like a client's or HttpClient's descendant, or an <c>IAmazon…</c> interface.</summary>
    public static bool MayBeClientOrInterface(ITypeSymbol type)
        => type.TypeKind == TypeKind.Interface
            ? type.Name.StartsWith("IAmazon", System.StringComparison.Ordinal)
            : NextCandidate(type) is { Name: "AmazonServiceClient" or "HttpClient" };

    /// <summary>
    /// <paramref name="type"/> or the first of its base types named AmazonServiceClient, HttpClient or DbConnection (a string
    /// comparison per type; <c>object</c> ends the walk), or null: the symbols then decide.
    /// </summary>
    public static ITypeSymbol? NextCandidate(ITypeSymbol? type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            if (current.Name is "AmazonServiceClient" or "HttpClient" or "DbConnection")
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// <see cref="AwsClientKind"/>, <see cref="HttpClientKind"/> or <see cref="DbConnectionKind"/> when <paramref name="type"/> is
    /// or derives from one, else null: one walk up the base types (only for creations that passed <see cref="NextCandidate"/>).
    /// A type of the user's own that implements a service interface (a test fake of <c>IAmazonS3</c>) is not a client.
    /// </summary>
    public string? GetKind(ITypeSymbol type)
    {
        // All three are classes: a struct, interface, delegate or array creation cannot be one.
        if (type.TypeKind != TypeKind.Class)
        {
            return null;
        }

        // A symbol comparison only for a type with one of the three names.
        for (var current = NextCandidate(type); current is not null; current = NextCandidate(current.BaseType))
        {
            switch (current.Name)
            {
                case "AmazonServiceClient" when current.IsType(Aws.AmazonServiceClient):
                    return AwsClientKind;
                case "HttpClient" when current.IsType(HttpClient):
                    return HttpClientKind;
                case "DbConnection" when current.IsType(DbConnection):
                    return DbConnectionKind;
            }
        }

        return null;
    }
}

/// <summary>What the fixers of AWSBP010 and AWSBP070 need to know about a client creation's arguments.</summary>
internal static class ClientCreations
{
    /// <summary>
    /// True when every value the creation's arguments and object initializer read is static or constant, so the same creation
    /// can run once in a static field initializer: no locals, parameters, <c>this</c> members, awaits or lambdas.
    /// </summary>
    public static bool AreArgumentsHoistable(IObjectCreationOperation creation)
    {
        foreach (var child in creation.ChildOperations)
        {
            if (child is not null && !IsStaticOrConstant(child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when <paramref name="value"/> reads only static or constant values: no locals, parameters, <c>this</c> members, awaits
    /// or lambdas (the same value wherever and whenever it is computed).
    /// </summary>
    public static bool IsStaticOrConstant(IOperation value)
    {
        foreach (var operation in OperationExtensions.DescendantsAndSelf(value))
        {
            switch (operation)
            {
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                case IAwaitOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                case IDeclarationExpressionOperation:
                case IInvalidOperation:
                case IInstanceReferenceOperation { ReferenceKind: not InstanceReferenceKind.ImplicitReceiver }:
                    return false;
                case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method.IsStatic: false } }:
                    return false;
            }
        }

        return true;
    }
}
