using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.UseTransferUtilityForFileUploads;

/// <summary>
/// What the fix "Upload with TransferUtility" edits, decided where the operations are at hand: <c>s3.PutObjectAsync(request)</c>
/// becomes <c>new TransferUtility(s3).UploadAsync(request)</c> and the request's creation (and its declared type) becomes a
/// <c>TransferUtilityUploadRequest</c>, renaming the properties whose name differs. Only where nothing is lost: the call is a
/// statement whose response is discarded (awaited or not), and every property the code sets or reads on the request has a
/// counterpart of the same type in the referenced SDK.
/// </summary>
internal sealed class TransferUtilityRewrite
{
    /// <summary>Diagnostic property: the <c>TransferUtility</c> method the call becomes; absent when no fix is offered.</summary>
    public const string MethodKey = "Method";

    /// <summary>Value of an additional location's property: the request's declared type.</summary>
    public const string DeclaredType = "Type";

    private readonly string _method;
    private readonly IObjectCreationOperation _creation;
    private readonly List<(SyntaxNode Node, string Edit)> _edits = new();

    private TransferUtilityRewrite(string method, IObjectCreationOperation creation)
    {
        _method = method;
        _creation = creation;
    }

    public static bool TryCreate(AwsOperation call, IObjectCreationOperation creation, S3TransferSymbols s3, CancellationToken cancellationToken, out TransferUtilityRewrite rewrite)
    {
        rewrite = new TransferUtilityRewrite(call.IsAsync ? "UploadAsync" : "Upload", creation);
        var invocation = call.Invocation;
        if (ResponseValues.WalkUp(invocation).Parent is not IExpressionStatementOperation
            || invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax }
            || invocation.Instance is null
            || !SymbolEqualityComparer.Default.Equals(creation.Type, s3.PutObjectRequest)
            || !rewrite.TakesArguments(call, s3))
        {
            return false;
        }

        foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
        {
            var target = initializer switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } => property,
                IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation property } => property,
                _ => null,
            };
            if (target is null || !rewrite.Maps(target, assigned: initializer is ISimpleAssignmentOperation, s3))
            {
                return false;
            }
        }

        var request = call.RequestArgument!.Value.WalkDownConversions();
        return request == creation || (request is ILocalReferenceOperation local && rewrite.MapsLocal(local, s3, cancellationToken));
    }

    public (ImmutableDictionary<string, string?> Properties, ImmutableArray<Location> AdditionalLocations) FixData()
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        var locations = ImmutableArray.CreateBuilder<Location>();
        properties.Add(MethodKey, _method);
        locations.Add(_creation.Syntax.GetLocation());
        foreach (var (node, edit) in _edits)
        {
            properties.Add(locations.Count.ToString(CultureInfo.InvariantCulture), edit);
            locations.Add(node.GetLocation());
        }

        return (properties.ToImmutable(), locations.ToImmutable());
    }

    /// <summary>The request and, for the async call, a cancellation token: what the upload method takes too.</summary>
    private bool TakesArguments(AwsOperation call, S3TransferSymbols s3)
    {
        var withCancellation = false;
        foreach (var argument in call.Invocation.Arguments)
        {
            if (argument == call.RequestArgument || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Parameter is not { Name: "cancellationToken", Type.Name: "CancellationToken" })
            {
                return false;
            }

            withCancellation = true;
        }

        return s3.HasUploadMethod(_method, withCancellation);
    }

    /// <summary>
    /// The local holding the request is declared with its creation (<c>var</c> or <c>PutObjectRequest</c>, one variable), and
    /// every other use reads or sets a property the upload request has (<c>request.Metadata.Add(…)</c> stays valid).
    /// </summary>
    private bool MapsLocal(ILocalReferenceOperation request, S3TransferSymbols s3, CancellationToken cancellationToken)
    {
        if (_creation.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Syntax.Parent: VariableDeclarationSyntax declaration } declarator }
            || !SymbolEqualityComparer.Default.Equals(declarator.Symbol, request.Local))
        {
            return false;
        }

        if (!declaration.Type.IsVar)
        {
            if (declaration.Variables.Count != 1)
            {
                return false;
            }

            _edits.Add((declaration.Type, DeclaredType));
        }

        foreach (var reference in RequestObjects.References(request, cancellationToken))
        {
            if (reference == request)
            {
                continue;
            }

            if (reference.Parent is not IPropertyReferenceOperation property || property.Instance != reference
                || !Maps(property, assigned: property.Parent is IAssignmentOperation assignment && assignment.Target == property, s3))
            {
                return false;
            }
        }

        return true;
    }

    private bool Maps(IPropertyReferenceOperation reference, bool assigned, S3TransferSymbols s3)
    {
        if (s3.UploadCounterpart(reference.Property, assigned) is not { } counterpart)
        {
            return false;
        }

        if (counterpart.Name != reference.Property.Name)
        {
            SyntaxNode? name = reference.Syntax switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                IdentifierNameSyntax identifier => identifier,
                _ => null,
            };
            if (name is null)
            {
                return false;
            }

            _edits.Add((name, counterpart.Name));
        }

        return true;
    }
}
