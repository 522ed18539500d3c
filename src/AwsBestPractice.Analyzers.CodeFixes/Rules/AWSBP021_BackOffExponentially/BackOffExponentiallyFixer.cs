using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.BackOffExponentially;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.BackOffExponentially;

/// <summary>
/// AWSBP021 "Back off exponentially with jitter": a hand-written retry loop waits a random time between 0 and
/// <c>min(20 s, base × 2^attempt)</c> (<see cref="JitteredBackoff"/>) where it waited a constant time — the constant becomes the
/// base — or, where it did not wait, a wait with a 100 ms base is added to the catch handler (<c>await Task.Delay</c> in an async
/// method, <c>Thread.Sleep</c> in a synchronous one). The attempt counter is the loop's own (a <c>for</c> variable, a local the
/// loop increments); without one, <c>var attempt = 0;</c> is declared before the loop and incremented at the top of the handler.
/// Polly: v8 options get <c>BackoffType = DelayBackoffType.Exponential</c> and <c>UseJitter = true</c>; a v7 constant sleep
/// provider becomes the same backoff of its attempt, and <c>Retry(n)</c> becomes <c>WaitAndRetry(n, attempt =&gt; …)</c>.
/// Not offered for a zero Polly v8 delay, for a second-message diagnostic (the SDK's retries), nor where the edit cannot be made
/// safely (a loop that is not in a block, a <c>Task</c>-returning method that is not <c>async</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BackOffExponentiallyFixer)), Shared]
public sealed class BackOffExponentiallyFixer : PlannedFixer<BackOffExponentiallyFixer.Plan>
{
    public BackOffExponentiallyFixer()
        : base(BackOffExponentiallyAnalyzer.Rule.Id, "Back off exponentially with jitter", "AWSBP021_ExponentialBackoff", Plan.For, needsSemanticModel: true)
    {
    }

    private protected override Task<Document> ApplyAsync(DocumentEditor editor, ImmutableArray<Plan> plans, CancellationToken cancellationToken)
    {
        var randomShared = JitteredBackoff.HasRandomShared(editor.SemanticModel.Compilation);
        var endOfLine = Trivia.EndOfLine(editor.OriginalRoot);
        var counters = new Dictionary<StatementSyntax, string>();
        var replaced = new HashSet<SyntaxNode>();
        var introduced = new Dictionary<SyntaxNode, HashSet<string>>();
        var edited = new HashSet<SyntaxNode>();
        foreach (var plan in plans)
        {
            if (!edited.Add(plan.Target))
            {
                continue; // two diagnostics on one construct: one edit
            }

            switch (plan)
            {
                case LoopPlan loop:
                    ApplyLoop(editor, loop, counters, introduced, replaced, randomShared, endOfLine);
                    break;
                case PollyOptionsPlan options:
                    editor.ReplaceNode(options.Creation, (current, _) =>
                    {
                        var creation = (BaseObjectCreationExpressionSyntax)current;
                        creation = ObjectInitializers.SetProperty(creation, "BackoffType", JitteredBackoff.Annotate(SyntaxFactory.ParseExpression("global::Polly.DelayBackoffType.Exponential")));
                        return ObjectInitializers.SetProperty(creation, "UseJitter", SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
                    });
                    break;
                case PollySleepPlan sleep:
                    editor.ReplaceNode(sleep.Lambda, (current, _) => RewriteSleep((LambdaExpressionSyntax)current, sleep, randomShared));
                    break;
                case PollyRetryPlan retry:
                    editor.ReplaceNode(retry.Invocation, (current, _) => RewriteRetry((InvocationExpressionSyntax)current, retry, randomShared));
                    break;
            }
        }

        return Imports.AddAndSimplifyAsync(editor.GetChangedDocument(), cancellationToken);
    }

    private static void ApplyLoop(DocumentEditor editor, LoopPlan plan, Dictionary<StatementSyntax, string> counters, Dictionary<SyntaxNode, HashSet<string>> introduced, HashSet<SyntaxNode> replaced, bool randomShared, SyntaxTrivia endOfLine)
    {
        var counter = plan.Counter;
        var increment = counter is null || plan.IncrementCounter;
        var declare = false;
        if (counter is null && !counters.TryGetValue(plan.Loop, out counter))
        {
            // One counter per loop, even when several catch clauses of it are fixed together; unique in the member.
            if (!introduced.TryGetValue(plan.Scope, out var taken))
            {
                introduced[plan.Scope] = taken = new HashSet<string>();
            }

            counter = Names.Unique("attempt", name => taken.Contains(name) || plan.TakenNames.Contains(name), "attempt", "retryAttempt");
            taken.Add(counter);
            counters[plan.Loop] = counter;
            declare = true;
        }

        foreach (var duration in plan.Durations)
        {
            if (!replaced.Add(duration.Expression))
            {
                continue; // a wait after the try, shared by two catch clauses of the loop: replaced once
            }

            var replacement = duration.IsTimeSpan
                ? JitteredBackoff.TimeSpan(duration.Base, duration.Milliseconds, counter!, randomShared)
                : JitteredBackoff.Milliseconds(duration.Base, duration.Milliseconds, counter!, randomShared);
            editor.ReplaceNode(duration.Expression, replacement.WithTriviaFrom(duration.Expression));
        }

        if (increment || plan.AddDelay is not null)
        {
            EditHandler(editor, plan, counter!, increment, randomShared, endOfLine);
        }

        if (declare)
        {
            // var attempt = 0; takes over the loop's leading comments; the loop keeps its indentation.
            var indentation = plan.Loop.GetLeadingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
            var declaration = SyntaxFactory.ParseStatement($"var {counter} = 0;")
                .WithLeadingTrivia(plan.Loop.GetLeadingTrivia())
                .WithTrailingTrivia(endOfLine)
                .WithAdditionalAnnotations(Formatter.Annotation);
            editor.ReplaceNode(plan.Loop, (current, _) => current.WithLeadingTrivia(indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList()));
            editor.InsertBefore(plan.Loop, declaration);
        }
    }

    /// <summary><c>attempt++;</c> at the top of the handler, and the wait a handler without one gets (before a final <c>continue;</c>).</summary>
    private static void EditHandler(DocumentEditor editor, LoopPlan plan, string counter, bool increment, bool randomShared, SyntaxTrivia endOfLine)
    {
        var handler = plan.Catch.Block;
        var singleLine = !handler.OpenBraceToken.TrailingTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                         && !handler.Statements.Any(s => s.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
        editor.ReplaceNode(handler, (current, _) =>
        {
            var block = (BlockSyntax)current;
            var statements = block.Statements;
            if (plan.AddDelay is { } delay)
            {
                var milliseconds = JitteredBackoff.Number(JitteredBackoff.DefaultBaseMilliseconds);
                var wait = delay.Async
                    ? $"await global::System.Threading.Tasks.Task.Delay({JitteredBackoff.TimeSpan(milliseconds, 0, counter, randomShared).ToFullString()}{(delay.CancellationToken is null ? string.Empty : ", " + delay.CancellationToken)});"
                    : $"global::System.Threading.Thread.Sleep({JitteredBackoff.Milliseconds(milliseconds, 0, counter, randomShared).ToFullString()});";
                var statement = JitteredBackoff.Annotate(SyntaxFactory.ParseStatement(wait)).WithTrailingTrivia(endOfLine).WithAdditionalAnnotations(Formatter.Annotation);
                statements = statements.Count > 0 && statements.Last() is ContinueStatementSyntax
                    ? statements.Insert(statements.Count - 1, statement)
                    : statements.Add(statement);
            }

            if (increment)
            {
                statements = statements.Insert(0, SyntaxFactory.ParseStatement($"{counter}++;").WithTrailingTrivia(endOfLine).WithAdditionalAnnotations(Formatter.Annotation));
            }

            block = block.WithStatements(statements);
            if (singleLine)
            {
                // catch (…) { } on one line: lay the block out again around its new statements.
                block = block.WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia(endOfLine)).WithAdditionalAnnotations(Formatter.Annotation);
            }

            return block;
        });
    }

    private static LambdaExpressionSyntax RewriteSleep(LambdaExpressionSyntax lambda, PollySleepPlan plan, bool randomShared)
    {
        var body = JitteredBackoff.TimeSpan(plan.Base, plan.Milliseconds, plan.Parameter, randomShared).WithTriviaFrom(lambda.ExpressionBody!);
        lambda = lambda.WithExpressionBody(body);
        if (!plan.Rename)
        {
            return lambda;
        }

        return lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.WithParameter(simple.Parameter.WithIdentifier(SyntaxFactory.Identifier(plan.Parameter).WithTriviaFrom(simple.Parameter.Identifier))),
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.WithParameterList(parenthesized.ParameterList.ReplaceNode(
                parenthesized.ParameterList.Parameters[0],
                parenthesized.ParameterList.Parameters[0].WithIdentifier(SyntaxFactory.Identifier(plan.Parameter).WithTriviaFrom(parenthesized.ParameterList.Parameters[0].Identifier)))),
            _ => lambda,
        };
    }

    private static InvocationExpressionSyntax RewriteRetry(InvocationExpressionSyntax invocation, PollyRetryPlan plan, bool randomShared)
    {
        var access = (MemberAccessExpressionSyntax)invocation.Expression;
        var name = access.Name;
        access = access.WithName(SyntaxFactory.IdentifierName(plan.NewName).WithTriviaFrom(name));
        var provider = SyntaxFactory.SimpleLambdaExpression(
                SyntaxFactory.Parameter(SyntaxFactory.Identifier(plan.Parameter)),
                JitteredBackoff.TimeSpan(JitteredBackoff.Number(JitteredBackoff.DefaultBaseMilliseconds), 0, plan.Parameter, randomShared))
            .WithArrowToken(SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), SyntaxKind.EqualsGreaterThanToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
        var arguments = invocation.ArgumentList.Arguments;
        if (plan.AddRetryCount)
        {
            arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1))));
        }

        var withProvider = arguments.Add(SyntaxFactory.Argument(provider));
        var list = SyntaxFactory.SeparatedList(withProvider, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), withProvider.Count - 1));
        return invocation.WithExpression(access).WithArgumentList(invocation.ArgumentList.WithArguments(list));
    }

    /// <summary>What one diagnostic's fix edits.</summary>
    public abstract class Plan
    {
        private protected Plan(SyntaxNode target) => Target = target;

        /// <summary>The construct the plan edits: one edit per construct when two diagnostics land on it.</summary>
        internal SyntaxNode Target { get; }

        public static Plan? For(SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (model is null
                || diagnostic.Descriptor.Id != BackOffExponentiallyAnalyzer.Rule.Id
                || !diagnostic.Properties.TryGetValue(BackOffExponentiallyAnalyzer.FixKey, out var kind)
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            return kind switch
            {
                BackOffExponentiallyAnalyzer.FixDelay or BackOffExponentiallyAnalyzer.FixAddDelay => LoopPlan.TryCreate(root, model, diagnostic, kind == BackOffExponentiallyAnalyzer.FixAddDelay, cancellationToken),
                BackOffExponentiallyAnalyzer.FixPollyOptions => PollyOptionsPlan.TryCreate(root, diagnostic),
                BackOffExponentiallyAnalyzer.FixPollySleep => PollySleepPlan.TryCreate(root, model, diagnostic, cancellationToken),
                BackOffExponentiallyAnalyzer.FixPollyRetry => PollyRetryPlan.TryCreate(root, model, diagnostic, cancellationToken),
                _ => null,
            };
        }

        private protected static SyntaxNode? Find(SyntaxNode root, Location location)
            => location.IsInSource && root.FullSpan.Contains(location.SourceSpan) ? root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) : null;

        /// <summary>A name is taken when something of that name is visible at the position or declared anywhere in the member.</summary>
        private protected static HashSet<string> CollectTakenNames(SemanticModel model, SyntaxNode scope, int position)
        {
            var taken = new HashSet<string>(scope.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText));
            foreach (var symbol in model.LookupSymbols(position))
            {
                taken.Add(symbol.Name);
            }

            return taken;
        }

        /// <summary>The member (or top-level code) whose body holds <paramref name="node"/>: where introduced names must be unique.</summary>
        private protected static SyntaxNode ScopeOf(SyntaxNode node)
            => node.FirstAncestorOrSelf<GlobalStatementSyntax>() is not null
                ? node.SyntaxTree.GetRoot() // top-level statements share one scope
                : (SyntaxNode?)node.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseFieldDeclarationSyntax)
                  ?? node.SyntaxTree.GetRoot();
    }

    /// <summary>A duration to replace: the expression, whether it is a <c>TimeSpan</c>, its value and the base to write.</summary>
    public sealed class Duration
    {
        public Duration(ExpressionSyntax expression, bool isTimeSpan, double milliseconds, string @base)
        {
            Expression = expression;
            IsTimeSpan = isTimeSpan;
            Milliseconds = milliseconds;
            Base = @base;
        }

        public ExpressionSyntax Expression { get; }
        public bool IsTimeSpan { get; }
        public double Milliseconds { get; }
        public string Base { get; }
    }

    /// <summary>The wait a handler without one gets.</summary>
    public sealed class AddedDelay
    {
        public AddedDelay(bool isAsync, string? cancellationToken)
        {
            Async = isAsync;
            CancellationToken = cancellationToken;
        }

        public bool Async { get; }
        public string? CancellationToken { get; }
    }

    public sealed class LoopPlan : Plan
    {
        private LoopPlan(StatementSyntax loop, CatchClauseSyntax @catch, string? counter, bool incrementCounter, List<Duration> durations, AddedDelay? addDelay, SyntaxNode scope, HashSet<string> takenNames)
            : base(@catch)
        {
            Loop = loop;
            Catch = @catch;
            Counter = counter;
            IncrementCounter = incrementCounter;
            Durations = durations;
            AddDelay = addDelay;
            Scope = scope;
            TakenNames = takenNames;
        }

        public StatementSyntax Loop { get; }
        public CatchClauseSyntax Catch { get; }

        /// <summary>The loop's own attempt counter; null when the fix declares one.</summary>
        public string? Counter { get; }

        /// <summary>The loop's counter is raised only by other catch clauses: raise it in this one too.</summary>
        public bool IncrementCounter { get; }

        public List<Duration> Durations { get; }
        public AddedDelay? AddDelay { get; }
        internal SyntaxNode Scope { get; }
        internal HashSet<string> TakenNames { get; }

        public static LoopPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, bool addDelay, CancellationToken cancellationToken)
        {
            var locations = diagnostic.AdditionalLocations;
            if (locations.Count < 2
                || Find(root, locations[0]) is not StatementSyntax loop
                || loop is not (ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax)
                || Find(root, locations[1]) is not CatchClauseSyntax { Block: { OpenBraceToken.IsMissing: false, CloseBraceToken.IsMissing: false } handler } @catch
                || !loop.Span.Contains(@catch.Span))
            {
                return null;
            }

            string? counter = null;
            if (diagnostic.Properties.TryGetValue(BackOffExponentiallyAnalyzer.CounterKey, out var name) && name is not null)
            {
                if (!model.LookupSymbols(handler.OpenBraceToken.Span.End, name: name).Any(s => s is ILocalSymbol))
                {
                    return null;
                }

                counter = name;
            }
            else if (loop.Parent is not BlockSyntax)
            {
                return null; // nowhere to declare the counter without adding braces around the loop
            }

            var durations = new List<Duration>();
            for (var i = 2; i < locations.Count; i++)
            {
                if (Find(root, locations[i]) is not ExpressionSyntax expression
                    || expression.Parent is not ArgumentSyntax
                    || TryCreateDuration(model, expression, cancellationToken) is not { } duration)
                {
                    return null;
                }

                durations.Add(duration);
            }

            AddedDelay? added = null;
            if (addDelay)
            {
                if (handler.Statements.LastOrDefault() is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or GotoStatementSyntax
                    || TryCreateAddedDelay(model, @catch, cancellationToken) is not { } created)
                {
                    return null;
                }

                added = created;
            }
            else if (durations.Count == 0)
            {
                return null;
            }

            var scope = ScopeOf(loop);
            var incrementCounter = counter is not null && diagnostic.Properties.ContainsKey(BackOffExponentiallyAnalyzer.IncrementKey);
            return new LoopPlan(loop, @catch, counter, incrementCounter, durations, added, scope, counter is null ? CollectTakenNames(model, scope, loop.SpanStart) : new HashSet<string>());
        }

        private static Duration? TryCreateDuration(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            var type = model.GetTypeInfo(expression, cancellationToken).Type;
            var isTimeSpan = type is { Name: "TimeSpan", ContainingNamespace.Name: "System" };
            if ((!isTimeSpan && type?.SpecialType != SpecialType.System_Int32)
                || !DelayValues.TryGetMilliseconds(model.GetOperation(expression, cancellationToken), cancellationToken, out var milliseconds)
                || milliseconds < 0)
            {
                return null;
            }

            string @base;
            if (milliseconds == 0)
            {
                @base = JitteredBackoff.Number(JitteredBackoff.DefaultBaseMilliseconds);
            }
            else if (isTimeSpan)
            {
                // A named TimeSpan keeps its name (RetryDelay.TotalMilliseconds); TimeSpan.FromSeconds(1) becomes 1000.
                @base = expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Name: IdentifierNameSyntax } && model.GetSymbolInfo(expression, cancellationToken).Symbol is ILocalSymbol or IFieldSymbol
                    ? expression.WithoutTrivia().ToString() + ".TotalMilliseconds"
                    : JitteredBackoff.Number(milliseconds);
            }
            else
            {
                @base = expression is LiteralExpressionSyntax or IdentifierNameSyntax or MemberAccessExpressionSyntax
                    ? expression.WithoutTrivia().ToString()
                    : "(" + expression.WithoutTrivia().ToString() + ")";
            }

            return new Duration(expression, isTimeSpan, milliseconds, @base);
        }

        /// <summary>
        /// <c>await Task.Delay(…)</c> in an async method, lambda or local function (passing its <c>CancellationToken</c> parameter);
        /// <c>Thread.Sleep(…)</c> in a synchronous one that does not return a task; null otherwise.
        /// </summary>
        private static AddedDelay? TryCreateAddedDelay(SemanticModel model, CatchClauseSyntax @catch, CancellationToken cancellationToken)
        {
            var function = @catch.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax);
            var symbol = function switch
            {
                AnonymousFunctionExpressionSyntax lambda => model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol,
                CompilationUnitSyntax => model.GetEnclosingSymbol(@catch.SpanStart, cancellationToken) as IMethodSymbol,
                null => null,
                _ => model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol,
            };
            if (symbol is null)
            {
                return null;
            }

            if (symbol.IsAsync)
            {
                string? token = null;
                foreach (var parameter in symbol.Parameters)
                {
                    if (parameter.Type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" }
                        && model.LookupSymbols(@catch.Block.OpenBraceToken.Span.End, name: parameter.Name).FirstOrDefault() is IParameterSymbol visible
                        && SymbolEqualityComparer.Default.Equals(visible, parameter))
                    {
                        token = parameter.Name;
                        break;
                    }
                }

                return new AddedDelay(isAsync: true, token is null ? null : (SyntaxFacts.GetKeywordKind(token) != SyntaxKind.None ? "@" + token : token));
            }

            var returned = symbol.ReturnType;
            if (returned.Name is "Task" or "ValueTask" or "IAsyncEnumerable" or "IAsyncEnumerator")
            {
                return null;
            }

            return new AddedDelay(isAsync: false, cancellationToken: null);
        }
    }

    public sealed class PollyOptionsPlan : Plan
    {
        private PollyOptionsPlan(BaseObjectCreationExpressionSyntax creation)
            : base(creation)
            => Creation = creation;

        public BaseObjectCreationExpressionSyntax Creation { get; }

        public static PollyOptionsPlan? TryCreate(SyntaxNode root, Diagnostic diagnostic)
            => diagnostic.AdditionalLocations.Count == 1
               && Find(root, diagnostic.AdditionalLocations[0]) is BaseObjectCreationExpressionSyntax creation
               && (creation.Initializer is null || !creation.Initializer.CloseBraceToken.IsMissing)
                ? new PollyOptionsPlan(creation)
                : null;
    }

    public sealed class PollySleepPlan : Plan
    {
        private PollySleepPlan(LambdaExpressionSyntax lambda, double milliseconds, string parameter, bool rename)
            : base(lambda)
        {
            Lambda = lambda;
            Milliseconds = milliseconds;
            Parameter = parameter;
            Rename = rename;
        }

        public LambdaExpressionSyntax Lambda { get; }
        public double Milliseconds { get; }
        public string Parameter { get; }
        public bool Rename { get; }
        public string Base => Milliseconds == 0 ? JitteredBackoff.Number(JitteredBackoff.DefaultBaseMilliseconds) : JitteredBackoff.Number(Milliseconds);

        public static PollySleepPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count != 1
                || Find(root, diagnostic.AdditionalLocations[0]) is not LambdaExpressionSyntax { ExpressionBody: { } } lambda
                || !diagnostic.Properties.TryGetValue(BackOffExponentiallyAnalyzer.DelayKey, out var text)
                || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return null;
            }

            var first = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter,
                ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: > 0 } parenthesized => parenthesized.ParameterList.Parameters[0],
                _ => null,
            };
            if (first is null || first.Identifier.IsMissing)
            {
                return null;
            }

            var name = first.Identifier.ValueText;
            if (name != "_")
            {
                return new PollySleepPlan(lambda, milliseconds, name, rename: false);
            }

            var taken = CollectTakenNames(model, lambda, lambda.SpanStart);
            return new PollySleepPlan(lambda, milliseconds, Names.Unique("attempt", taken.Contains, "attempt", "retryAttempt"), rename: true);
        }
    }

    public sealed class PollyRetryPlan : Plan
    {
        private PollyRetryPlan(InvocationExpressionSyntax invocation, string newName, bool addRetryCount, string parameter)
            : base(invocation)
        {
            Invocation = invocation;
            NewName = newName;
            AddRetryCount = addRetryCount;
            Parameter = parameter;
        }

        public InvocationExpressionSyntax Invocation { get; }
        public string NewName { get; }
        public bool AddRetryCount { get; }
        public string Parameter { get; }

        public static PollyRetryPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (Find(root, diagnostic.Location) is not IdentifierNameSyntax { Identifier.ValueText: var name } identifier
                || identifier.Parent is not MemberAccessExpressionSyntax access
                || access.Name != identifier
                || access.Parent is not InvocationExpressionSyntax { ArgumentList.CloseParenToken.IsMissing: false } invocation
                || invocation.Expression != access
                || invocation.ArgumentList.Arguments.Count > 1
                || invocation.ArgumentList.Arguments.Any(a => a.NameColon is not null))
            {
                return null;
            }

            var forever = name.StartsWith("RetryForever", System.StringComparison.Ordinal);
            if (forever && invocation.ArgumentList.Arguments.Count > 0)
            {
                return null;
            }

            var taken = CollectTakenNames(model, invocation, invocation.SpanStart);
            var parameter = Names.Unique("attempt", taken.Contains, "attempt", "retryAttempt");
            return new PollyRetryPlan(invocation, "WaitAnd" + name, addRetryCount: !forever && invocation.ArgumentList.Arguments.Count == 0, parameter);
        }
    }
}
