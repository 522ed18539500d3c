using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>Whether an SDK client retries failed requests itself (<see cref="ClientConfiguration.GetSdkRetries"/>).</summary>
internal enum SdkRetries
{
    /// <summary>The client's creation or configuration is out of view (a parameter, dependency injection, a factory, a config from elsewhere).</summary>
    Unknown,

    /// <summary>Created in view with a configuration that leaves the SDK's retries on.</summary>
    On,

    /// <summary>Created in view with <c>MaxErrorRetry = 0</c>.</summary>
    Off,
}

/// <summary>
/// The one reader of SDK client configuration: whether a client is pointed at a local emulator (<c>ClientConfig.ServiceURL</c>,
/// with the single definition of a local endpoint, <see cref="LocalEndpoint"/>) and whether it retries by itself
/// (<c>ClientConfig.MaxErrorRetry</c>). Run only when a diagnostic is about to be reported: the readers follow values through the
/// method or type.
/// </summary>
internal static class ClientConfiguration
{
    /// <summary>
    /// One of a client constructor's <paramref name="arguments"/> is a config (a <paramref name="clientConfig"/>) created in the
    /// method whose <c>ServiceURL</c> is set to a constant local URL (<c>new AmazonS3Client(key, secret, new AmazonS3Config {
    /// ServiceURL = "http://localhost:4566" })</c>).
    /// </summary>
    public static bool HasLocalServiceUrl(ImmutableArray<IArgumentOperation> arguments, INamedTypeSymbol? clientConfig, CancellationToken cancellationToken)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value is null
                || !argument.Value.WalkDownConversions().Type.InheritsFrom(clientConfig)
                || !RequestObjects.TryGetAssignments(argument.Value, cancellationToken, out var assignments))
            {
                continue;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Property.Name == "ServiceURL"
                    && ConstantValues.TryGetConstantString(assignment.Value, cancellationToken, out var url)
                    && LocalEndpoint.IsLocalUrl(url))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A client, table or context (<paramref name="instance"/>) configured for a local emulator: the scope that declares it (the
    /// method body for a local, the type for a field or property) sets <c>ServiceURL</c> to a local endpoint. Read from the syntax
    /// and, when the assignment is in the analysed document, from the values of the constants, <c>readonly</c> fields and locals it
    /// names (<see cref="ConstantValues"/>).
    /// </summary>
    public static bool IsLocalEmulator(IOperation? instance, IOperation root, CancellationToken cancellationToken)
    {
        var chain = new List<ISymbol>();
        if (instance is null || !References.TryGetChain(instance, chain))
        {
            return false;
        }

        SyntaxNode? scope = chain[0] switch
        {
            ILocalSymbol => root.Syntax,
            IFieldSymbol or IPropertySymbol when chain[0].DeclaringSyntaxReferences.Length > 0
                => GetTypeDeclaration(chain[0].DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)),
            _ => null,
        };
        if (scope is null)
        {
            return false;
        }

        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Right: { } right } assignment
                && GetName(assignment.Left) == "ServiceURL"
                && IsLocalEndpoint(right, root.SemanticModel, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a client config (<paramref name="config"/>: its creation, or the local, field or property that holds it) may get a
    /// <c>ServiceURL</c>. A config created in view is followed: its initializer, and the assignments to the local that holds it. A
    /// config in a field, property or parameter is judged by its scope: the method, and the type for a field or property, sets a
    /// <c>ServiceURL</c> somewhere. An explicit endpoint brings its own scheme (a local emulator's is <c>http://</c>), so
    /// <c>UseHttp</c> then decides nothing: what counts is the URL, judged on its own (<see cref="LocalEndpoint.IsRemotePlainHttp"/>).
    /// </summary>
    public static bool MaySetServiceUrl(IOperation config, CancellationToken cancellationToken)
    {
        var value = config.WalkDownConversions();
        ILocalSymbol? local = value is ILocalReferenceOperation reference ? reference.Local : null;
        if (value is IObjectCreationOperation creation)
        {
            foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ServiceURL" } })
                {
                    return true;
                }
            }

            local = creation.WalkUpConversions() switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
                _ => null,
            };
            if (local is null)
            {
                return false;
            }
        }

        if (local is not null)
        {
            foreach (var operation in value.GetRoot().DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ServiceURL", Instance: { } instance } }
                    && instance.WalkDownConversions() is ILocalReferenceOperation owner
                    && SymbolEqualityComparer.Default.Equals(owner.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        var root = value.GetRoot();
        if (SetsServiceUrl(root.Syntax))
        {
            return true;
        }

        var chain = new List<ISymbol>();
        return References.TryGetChain(value, chain)
               && chain[0] is IFieldSymbol or IPropertySymbol
               && chain[0].DeclaringSyntaxReferences.Length > 0
               && GetTypeDeclaration(chain[0].DeclaringSyntaxReferences[0].GetSyntax(cancellationToken)) is { } type
               && SetsServiceUrl(type);
    }

    private static bool SetsServiceUrl(SyntaxNode scope)
    {
        foreach (var node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax assignment && GetName(assignment.Left) == "ServiceURL")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the client <paramref name="client"/> (the instance of an AWS call) retries failed requests itself, read where the
    /// client is created when that is in view: a local whose only value is a client created in the method, or a field or property
    /// of this type whose only value (its initializer, or one assignment in the type) is a client created there. A client created
    /// without a config, or with a config created in the same expression or method that does not set <c>MaxErrorRetry</c> or sets
    /// it to a constant above 0, retries (<see cref="SdkRetries.On"/>; <paramref name="detail"/> says why); <c>MaxErrorRetry = 0</c>
    /// is <see cref="SdkRetries.Off"/>; anything else is <see cref="SdkRetries.Unknown"/>.
    /// </summary>
    public static SdkRetries GetSdkRetries(IOperation? client, AwsSymbols symbols, CancellationToken cancellationToken, out string detail)
    {
        detail = string.Empty;
        var chain = new List<ISymbol>();
        if (client is null || !References.TryGetChain(client, chain) || chain.Count != 1)
        {
            return SdkRetries.Unknown;
        }

        var creation = chain[0] switch
        {
            ILocalSymbol local => SingleLocalValue(local, client.GetRoot(), cancellationToken),
            IFieldSymbol or IPropertySymbol => SingleMemberValue(chain[0], client.SemanticModel, cancellationToken),
            _ => null,
        } as IObjectCreationOperation;
        if (creation is null || !symbols.IsClientClass(creation.Type))
        {
            return SdkRetries.Unknown;
        }

        IArgumentOperation? config = null;
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Type.InheritsFrom(symbols.ClientConfig) == true)
            {
                config = argument;
            }
        }

        if (config is null)
        {
            detail = "it is created without a config";
            return SdkRetries.On;
        }

        if (!RequestObjects.TryGetAssignments(config.Value, cancellationToken, out var assignments))
        {
            return SdkRetries.Unknown;
        }

        switch (RequestObjects.GetState(assignments, "MaxErrorRetry", out var retries, out _))
        {
            case PropertyState.NeverSet:
                detail = "its config does not set MaxErrorRetry";
                return SdkRetries.On;
            case PropertyState.Constant when retries == 0:
                return SdkRetries.Off;
            case PropertyState.Constant:
                detail = "its config sets MaxErrorRetry = " + retries.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return SdkRetries.On;
            default:
                return SdkRetries.Unknown;
        }
    }

    /// <summary>The value of a local that is assigned exactly once in its method (its initializer or one assignment).</summary>
    public static IOperation? SingleLocalValue(ILocalSymbol local, IOperation root, CancellationToken cancellationToken)
    {
        IOperation? value = null;
        var count = 0;
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer()?.Value is { } initial)
                    {
                        value = initial.WalkDownConversions();
                        count++;
                    }

                    break;
                case IAssignmentOperation assignment when assignment.Target.WalkDownConversions() is ILocalReferenceOperation target
                                                          && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    value = assignment is ISimpleAssignmentOperation ? assignment.Value.WalkDownConversions() : null;
                    count++;
                    break;
                case ILocalReferenceOperation { Parent: IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } } byRef
                    when SymbolEqualityComparer.Default.Equals(byRef.Local, local):
                    return null;
            }
        }

        return count == 1 ? value : null;
    }

    /// <summary>
    /// The value of a field or auto-property declared in the analysed file: its initializer, or its one assignment in the type (a
    /// constructor), when it has exactly one of them.
    /// </summary>
    public static IOperation? SingleMemberValue(ISymbol member, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null
            || member.DeclaringSyntaxReferences.Length != 1
            || member.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || member.ContainingType is not { DeclaringSyntaxReferences.Length: 1 })
        {
            return null; // declared in another file, or a partial type: other parts could assign it
        }

        var assignableOnlyHere = member switch
        {
            IFieldSymbol field => field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private,
            IPropertySymbol property => property.SetMethod is null || property.SetMethod.DeclaredAccessibility == Accessibility.Private,
            _ => false,
        };
        if (!assignableOnlyHere)
        {
            return null;
        }

        var declaration = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var values = new List<ExpressionSyntax>();
        switch (declaration)
        {
            case VariableDeclaratorSyntax { Initializer.Value: { } initializer }:
                values.Add(initializer);
                break;
            case PropertyDeclarationSyntax { Initializer.Value: { } initializer }:
                values.Add(initializer);
                break;
        }

        if (GetTypeDeclaration(declaration) is not { } type)
        {
            return null;
        }

        foreach (var node in type.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax assignment && GetName(assignment.Left) == member.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol, member))
            {
                if (!assignment.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SimpleAssignmentExpression))
                {
                    return null;
                }

                values.Add(assignment.Right);
            }
            else if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument && GetName(argument.Expression) == member.Name)
            {
                return null;
            }
        }

        return values.Count == 1 ? model.GetOperation(values[0], cancellationToken)?.WalkDownConversions() : null;
    }

    private static SyntaxNode? GetTypeDeclaration(SyntaxNode node)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            if (current is TypeDeclarationSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private static string? GetName(ExpressionSyntax expression)
        => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

    /// <summary>
    /// <c>"http://localhost:8000"</c>, a fallback to one (<c>Environment.GetEnvironmentVariable(…) ?? "http://localhost:8000"</c>),
    /// a constant or <c>readonly</c> field holding one (<c>Endpoints.DynamoDbLocal</c>), or a Testcontainers container's endpoint
    /// (<c>container.GetConnectionString()</c>, <c>GetMappedPublicPort(8000)</c>).
    /// </summary>
    private static bool IsLocalEndpoint(ExpressionSyntax value, SemanticModel? model, CancellationToken cancellationToken)
    {
        foreach (var node in value.DescendantNodesAndSelf())
        {
            switch (node)
            {
                case LiteralExpressionSyntax { Token.Value: string text } when LocalEndpoint.MentionsLocalHost(text):
                    return true;
                case InterpolatedStringTextSyntax part when LocalEndpoint.MentionsLocalHost(part.TextToken.ValueText):
                    return true;
                case InvocationExpressionSyntax { Expression: var callee } when GetName(callee) is "GetConnectionString" or "GetMappedPublicPort":
                    return true;
                case IdentifierNameSyntax or MemberAccessExpressionSyntax when IsNamedLocalValue((ExpressionSyntax)node, model, cancellationToken):
                    return true;
            }
        }

        return false;
    }

    /// <summary>A name (<c>LocalUrl</c>, <c>Endpoints.DynamoDbLocal</c>) whose value traces back to a string naming a local host.</summary>
    private static bool IsNamedLocalValue(ExpressionSyntax name, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (model is null
            || name.SyntaxTree != model.SyntaxTree
            || name.Parent is MemberAccessExpressionSyntax { Name: var member } && member == name) // the whole access is looked at
        {
            return false;
        }

        return model.GetOperation(name, cancellationToken) is { } operation
               && ConstantValues.TryGetConstantString(operation, cancellationToken, out var text)
               && text is not null
               && LocalEndpoint.MentionsLocalHost(text);
    }
}
