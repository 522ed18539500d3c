using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// S3 presigned URLs: the <c>GetPreSignedURL</c>/<c>GetPreSignedURLAsync</c> calls that receive a <c>GetPreSignedUrlRequest</c>.
/// They are no service operation (no request is sent, nothing is returned but a string), so they are not <see cref="AwsOperation"/>s;
/// rules about what a request sets (its lifetime, its protocol) ask here which client signs it: a fake of the user's own, or a
/// client pointed at a local emulator.
/// </summary>
internal static class PresignedUrls
{
    public static bool IsPresignCall(IMethodSymbol method) => method.Name is "GetPreSignedURL" or "GetPreSignedURLAsync";

    /// <summary>
    /// The presign calls, in the same operation block, that receive the request a property <paramref name="assignment"/> writes
    /// to: the call its creation is passed to, or the calls given the local that holds it. Empty when the request goes elsewhere
    /// (returned, stored in a field).
    /// </summary>
    public static List<IInvocationOperation> CallsFor(IAssignmentOperation assignment, CancellationToken cancellationToken)
    {
        var calls = new List<IInvocationOperation>();
        ILocalSymbol? local = null;
        if (assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation creation })
        {
            switch (creation.WalkUpConversions())
            {
                case IArgumentOperation { Parent: IInvocationOperation call } when IsPresignCall(call.TargetMethod):
                    calls.Add(call);
                    return calls;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    local = declarator.Symbol;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target }:
                    local = target.Local;
                    break;
            }
        }
        else if (assignment.Target is IPropertyReferenceOperation { Instance: { } instance } && instance.WalkDownConversions() is ILocalReferenceOperation owner)
        {
            local = owner.Local;
        }

        if (local is null)
        {
            return calls;
        }

        foreach (var operation in assignment.GetRoot().DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && reference.WalkUpConversions() is IArgumentOperation { Parent: IInvocationOperation call }
                && IsPresignCall(call.TargetMethod))
            {
                calls.Add(call);
            }
        }

        return calls;
    }

    /// <summary>A presign call on a type of the user's own (a test fake implementing <c>IAmazonS3</c>), not on an SDK client.</summary>
    public static bool IsOnFake(IInvocationOperation call, AwsSymbols symbols)
        => !symbols.IsClientType(call.TargetMethod.ContainingType);
}
