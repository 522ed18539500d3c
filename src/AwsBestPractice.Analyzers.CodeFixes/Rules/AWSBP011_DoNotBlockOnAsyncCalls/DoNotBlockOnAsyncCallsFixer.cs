using System.Composition;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.DoNotBlockOnAsyncCalls;

/// <summary>
/// AWSBP011 fix: <c>task.Result</c>, <c>task.Wait()</c> and <c>task.GetAwaiter().GetResult()</c> become <c>await task</c>
/// (keeping a <c>ConfigureAwait</c>), and the handler becomes async when it is not (<see cref="AwaitFixer"/>). A <c>Wait</c> with a
/// timeout or a cancellation token has other semantics and gets no fix.
/// </summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(DoNotBlockOnAsyncCallsFixer)), Shared]
public sealed class DoNotBlockOnAsyncCallsFixer : AwaitFixer
{
    public DoNotBlockOnAsyncCallsFixer()
        : base("AWSBP011", "Await the AWS call instead of blocking")
    {
    }

    private protected override SyntaxNode? GetTarget(SyntaxNode root, Diagnostic diagnostic)
        => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax target
           && GetTask(target) is not null
            ? target
            : null;

    private protected override ExpressionSyntax? GetTask(SyntaxNode target)
        => target switch
        {
            // task.Result
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,

            // task.Wait(), as a statement
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0, Parent: ExpressionStatementSyntax or ArrowExpressionClauseSyntax } => wait.Expression,

            // task.GetAwaiter().GetResult()
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter, ArgumentList.Arguments.Count: 0 },
                },
                ArgumentList.Arguments.Count: 0,
            } => getAwaiter.Expression,
            _ => null,
        };
}
