using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.HardcodedCredentials;


/// <summary>Clients pointed at a local emulator (<see cref="LocalEndpoint"/>) through a constant <c>ServiceURL</c>.</summary>
internal static class LocalEndpoints
{
    /// <summary>
    /// True when the credentials given to <paramref name="creation"/> only ever reach clients whose config sets <c>ServiceURL</c>
    /// to a constant local URL: the client constructor itself, a credentials object passed directly to such a client, or a local
    /// holding the credentials object whose every use is such a client.
    /// </summary>
    public static bool IsCredentialsForLocalEndpoint(IObjectCreationOperation creation, CredentialTarget target, CredentialTypes types, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case CredentialTarget.Client:
            case CredentialTarget.OtherSdkType:
                return HasLocalServiceUrl(creation.Arguments, types, cancellationToken);
            case CredentialTarget.BasicCredentials:
            case CredentialTarget.SessionCredentials:
                return IsOnlyUsedByLocalClients(creation, types, cancellationToken);
            default:
                return false;
        }
    }

    private static bool IsOnlyUsedByLocalClients(IObjectCreationOperation credentials, CredentialTypes types, CancellationToken cancellationToken)
    {
        var parent = credentials.WalkUpConversions();
        if (parent is IArgumentOperation { Parent: IObjectCreationOperation client })
        {
            return types.Symbols.IsClientClass(client.Type) && HasLocalServiceUrl(client.Arguments, types, cancellationToken);
        }

        if (parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } })
        {
            return false;
        }

        var used = false;
        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(credentials.GetRoot()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            if (reference.WalkUpConversions() is IArgumentOperation { Parent: IObjectCreationOperation user }
                && types.Symbols.IsClientClass(user.Type)
                && HasLocalServiceUrl(user.Arguments, types, cancellationToken))
            {
                used = true;
                continue;
            }

            return false;
        }

        return used;
    }

    public static bool HasLocalServiceUrl(ImmutableArray<IArgumentOperation> arguments, CredentialTypes types, CancellationToken cancellationToken)
        => ClientConfiguration.HasLocalServiceUrl(arguments, types.Symbols.ClientConfig, cancellationToken);
}
