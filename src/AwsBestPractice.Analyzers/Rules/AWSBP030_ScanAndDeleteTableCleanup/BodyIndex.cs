using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>The operations of one method body the analysis looks at, collected in one walk.</summary>
internal sealed class BodyIndex
{
    private BodyIndex(IOperation root)
    {
        Root = root;
    }

    public IOperation Root { get; }
    public List<IInvocationOperation> Invocations { get; } = new();
    public List<IVariableDeclaratorOperation> Declarators { get; } = new();
    public List<IAssignmentOperation> Assignments { get; } = new();
    public List<IForEachLoopOperation> ForEachLoops { get; } = new();
    public List<IAnonymousFunctionOperation> Lambdas { get; } = new();
    public List<IObjectCreationOperation> DeleteRequestCreations { get; } = new();
    public List<IConditionalOperation> Conditionals { get; } = new();
    public List<ISwitchOperation> Switches { get; } = new();

    public static BodyIndex Create(IOperation root, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        var index = new BodyIndex(root);
        foreach (var operation in root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IInvocationOperation invocation:
                    index.Invocations.Add(invocation);
                    break;
                case IVariableDeclaratorOperation declarator:
                    index.Declarators.Add(declarator);
                    break;
                case IAssignmentOperation assignment:
                    index.Assignments.Add(assignment);
                    break;
                case IForEachLoopOperation loop:
                    index.ForEachLoops.Add(loop);
                    break;
                case IAnonymousFunctionOperation lambda:
                    index.Lambdas.Add(lambda);
                    break;
                case IObjectCreationOperation creation when creation.Type.IsType(dynamo.DeleteRequest):
                    index.DeleteRequestCreations.Add(creation);
                    break;
                case IConditionalOperation conditional:
                    index.Conditionals.Add(conditional);
                    break;
                case ISwitchOperation @switch:
                    index.Switches.Add(@switch);
                    break;
            }
        }

        return index;
    }
}
