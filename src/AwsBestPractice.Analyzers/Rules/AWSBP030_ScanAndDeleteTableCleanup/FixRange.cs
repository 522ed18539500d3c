using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The statements the low-level fix replaces: a contiguous run of statements of one block, from the scan's first related
/// statement (its request and response locals) to the last delete, that nothing after it depends on.
/// </summary>
internal readonly struct FixRange
{
    private FixRange(int start, int end, string client, string table, string? cancellationToken)
    {
        Start = start;
        End = end;
        Client = client;
        Table = table;
        CancellationToken = cancellationToken;
    }

    public int Start { get; }
    public int End { get; }
    public string Client { get; }
    public string Table { get; }
    public string? CancellationToken { get; }

    public ImmutableDictionary<string, string?> ToProperties()
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.FixableKey, "1");
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.RangeStartKey, Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.RangeEndKey, End.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.ClientKey, Client);
        builder.Add(ScanAndDeleteTableCleanupAnalyzer.TableKey, Table);
        if (CancellationToken is not null)
        {
            builder.Add(ScanAndDeleteTableCleanupAnalyzer.CancellationTokenKey, CancellationToken);
        }

        return builder.ToImmutable();
    }

    public static bool TryCreate(ScanSite scan, CleanupResult result, BodyIndex body, ISymbol containingSymbol, DynamoDbSymbols dynamo, CancellationToken cancellationToken, out FixRange range)
    {
        range = default;
        if (scan.Kind != ScanKind.LowLevel || scan.IsSegment || scan.Client is not { } client || scan.TableExpression is not { } table)
        {
            return false;
        }

        foreach (var delete in result.Deletes)
        {
            if (delete.Kind != DeleteKind.LowLevel)
            {
                return false;
            }
        }

        // The function the scan runs in must be async (the replacement awaits the helper).
        IOperation? function = null;
        for (var current = scan.Invocation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                function = current;
                break;
            }
        }

        var isAsync = function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
            ILocalFunctionOperation local => local.Symbol.IsAsync,
            _ => containingSymbol is IMethodSymbol { IsAsync: true },
        };
        if (!isAsync)
        {
            return false;
        }

        var keep = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var clientChain = new List<ISymbol>();
        if (!References.TryGetChain(client, clientChain))
        {
            return false;
        }

        keep.Add(clientChain[0]);
        var tableChain = new List<ISymbol>();
        var tableIsChain = References.TryGetChain(table, tableChain);
        if (tableIsChain)
        {
            keep.Add(tableChain[0]);
        }
        else if (scan.TableConstant is null)
        {
            return false;
        }

        var tokenChain = new List<ISymbol>();
        var token = scan.CancellationTokenArgument;
        if (token is not null && !ScanSite.IsNullOrEmpty(token) && !IsCancellationTokenNone(token))
        {
            if (!References.TryGetChain(token, tokenChain))
            {
                return false;
            }

            keep.Add(tokenChain[0]);
        }
        else
        {
            token = null;
        }

        // The innermost block whose statements hold a self-contained cleanup: a pagination loop's body is not (its state
        // crosses the loop), the block around the loop is; a loop over several table names keeps the loop.
        for (var current = scan.Invocation.Parent; current is not null && current != function; current = current.Parent)
        {
            if (current is ISwitchOperation or ISwitchCaseOperation or IConditionalOperation)
            {
                return false; // Inside any larger range, the scan would run only on some paths.
            }

            if (current is not IBlockOperation block || !ContainsAll(block, result.Deletes)
                || !TryGetStatements(block, scan, result, out var first, out var last))
            {
                continue;
            }

            var statements = block.Operations;

            // Pull in the declarations right before the scan that only the cleanup uses (request, response, pagination key).
            while (first > 0 && statements[first - 1] is IVariableDeclarationGroupOperation group
                   && IsOnlyUsedWithin(group, statements[first - 1].Syntax.SpanStart, statements[last].Syntax.Span.End, body, keep))
            {
                first--;
            }

            var start = statements[first].Syntax.SpanStart;
            var end = statements[last].Syntax.Span.End;
            if (IsDeclaredWithin(clientChain[0], start, end)
                || (token is not null && IsDeclaredWithin(tokenChain[0], start, end))
                || !IsSelfContained(statements, first, last, start, end, scan, result, body, function, dynamo, cancellationToken))
            {
                continue;
            }

            var tableText = table.Syntax.ToString();
            if (!tableIsChain || IsDeclaredWithin(tableChain[0], start, end))
            {
                if (scan.TableConstant is not { } constant)
                {
                    continue;
                }

                tableText = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(constant, quote: true);
            }

            range = new FixRange(start, end, client.Syntax.ToString(), tableText, token?.Syntax.ToString());
            return true;
        }

        return false;
    }

    private static bool TryGetStatements(IBlockOperation block, ScanSite scan, CleanupResult result, out int first, out int last)
    {
        var statements = block.Operations;
        first = IndexOfChildContaining(statements, scan.Invocation);
        last = -1;
        foreach (var delete in result.Deletes)
        {
            last = System.Math.Max(last, IndexOfChildContaining(statements, delete.Invocation));
            for (var current = delete.Invocation.Parent; current is not null && current != block; current = current.Parent)
            {
                if (current is ISwitchOperation or ISwitchCaseOperation)
                {
                    return false;
                }
            }
        }

        return first >= 0 && last >= first;
    }

    private static bool IsCancellationTokenNone(IOperation token)
        => token.WalkDownConversions() is IPropertyReferenceOperation { Property.Name: "None", Instance: null };

    private static bool ContainsAll(IBlockOperation block, List<DeleteSite> deletes)
    {
        foreach (var delete in deletes)
        {
            if (!delete.Invocation.IsDescendantOf(block))
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOfChildContaining(ImmutableArray<IOperation> statements, IOperation operation)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            if (operation.IsDescendantOf(statements[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsDeclaredWithin(ISymbol symbol, int start, int end)
    {
        if (symbol is not ILocalSymbol)
        {
            return false;
        }

        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.Span.Start >= start && reference.Span.End <= end)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOnlyUsedWithin(IVariableDeclarationGroupOperation group, int start, int end, BodyIndex body, HashSet<ISymbol> keep)
    {
        var locals = new List<ILocalSymbol>();
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (keep.Contains(declarator.Symbol))
                {
                    return false;
                }

                locals.Add(declarator.Symbol);
            }
        }

        if (locals.Count == 0)
        {
            return false;
        }

        var used = false;
        foreach (var operation in body.Root.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local))
            {
                if (operation.Syntax.SpanStart < start || operation.Syntax.Span.End > end)
                {
                    return false;
                }

                used = true;
            }
        }

        return used;
    }

    private static bool IsSelfContained(ImmutableArray<IOperation> statements, int first, int last, int start, int end, ScanSite scan, CleanupResult result, BodyIndex body, IOperation? function, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        // Nothing outside the range may read a local declared inside it.
        foreach (var operation in body.Root.DescendantsAndSelf())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (operation is ILocalReferenceOperation reference
                && (operation.Syntax.SpanStart < start || operation.Syntax.Span.End > end)
                && IsDeclaredWithin(reference.Local, start, end))
            {
                return false;
            }
        }

        for (var i = first; i <= last; i++)
        {
            foreach (var operation in statements[i].DescendantsAndSelf())
            {
                switch (operation)
                {
                    case ILocalFunctionOperation or ILabeledOperation:
                        return false;
                    case IReturnOperation when GetFunction(operation) == function:
                        return false; // return / yield return / yield break of the method itself.
                    case IBranchOperation branch when !BranchStaysInside(branch, statements, first, last, function):
                        return false;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } }:
                        break; // Object initializer members.
                    case IAssignmentOperation assignment when !WritesLocalWithin(assignment.Target, start, end):
                        return false; // A counter, a field, state the rest of the method (or the object) sees.
                    case IIncrementOrDecrementOperation increment when !WritesLocalWithin(increment.Target, start, end):
                        return false;
                    case IDeconstructionAssignmentOperation:
                        return false;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument when !WritesLocalWithin(argument.Value, start, end):
                        return false;
                    case IInvocationOperation invocation when !IsAllowedCall(invocation, scan, result, dynamo, cancellationToken):
                        return false;
                }
            }
        }

        return true;
    }

    private static IOperation? GetFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    private static bool BranchStaysInside(IBranchOperation branch, ImmutableArray<IOperation> statements, int first, int last, IOperation? function)
    {
        if (GetFunction(branch) != function)
        {
            return true; // Inside a lambda of the range.
        }

        if (branch.BranchKind is not (BranchKind.Break or BranchKind.Continue))
        {
            return false;
        }

        for (var current = branch.Parent; current is not null; current = current.Parent)
        {
            if (current is ILoopOperation || (branch.BranchKind == BranchKind.Break && current is ISwitchOperation))
            {
                for (var i = first; i <= last; i++)
                {
                    if (current.IsDescendantOf(statements[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return false;
    }

    private static bool WritesLocalWithin(IOperation target, int start, int end)
    {
        var current = target.WalkDownConversions();
        while (true)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    return IsDeclaredWithin(local.Local, start, end);
                case IMemberReferenceOperation { Instance: { } instance }:
                    current = instance.WalkDownConversions();
                    continue;
                case IArrayElementReferenceOperation element:
                    current = element.ArrayReference.WalkDownConversions();
                    continue;
                case IDeclarationExpressionOperation:
                    return true; // out var x: declared right there.
                default:
                    return false;
            }
        }
    }

    /// <summary>Only the cleanup's own DynamoDB calls and library helpers; no other AWS call, no method of the user's code.</summary>
    private static bool IsAllowedCall(IInvocationOperation invocation, ScanSite scan, CleanupResult result, DynamoDbSymbols dynamo, CancellationToken cancellationToken)
    {
        foreach (var delete in result.Deletes)
        {
            if (ReferenceEquals(delete.Invocation, invocation))
            {
                return true;
            }
        }

        if (AwsOperation.TryGet(invocation, dynamo.Aws, out _))
        {
            return ReferenceEquals(invocation, scan.Invocation)
                   || (ScanSite.TryCreate(invocation, dynamo, cancellationToken, out var other)
                       && other.Kind == ScanKind.LowLevel
                       && other.TableExpression is { } otherTable
                       && CleanupAnalysis.IsSameTable(scan, otherTable, cancellationToken));
        }

        var assembly = invocation.TargetMethod.ContainingAssembly;
        return assembly is null || !SymbolEqualityComparer.Default.Equals(assembly, dynamo.Aws.Compilation.Assembly);
    }
}
