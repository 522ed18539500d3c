using System.Collections.Immutable;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AwsBestPractice.Analyzers.Rules;

/// <summary>
/// AWSBP010: an AWS SDK client, <c>HttpClient</c> or <c>DbConnection</c> created inside a Lambda handler body (including
/// lambdas and local functions declared in it) is created again on every invocation; create it once outside the handler.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CreateClientOutsideHandlerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: present ("true") when the creation's arguments only use static or constant values.</summary>
    public const string HoistableProperty = "Hoistable";

    /// <summary>Diagnostic property: "AwsClient", "HttpClient" or "DbConnection".</summary>
    public const string KindProperty = "Kind";

    public const string AwsClientKind = "AwsClient";
    public const string HttpClientKind = "HttpClient";
    public const string DbConnectionKind = "DbConnection";

    private static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIdentifiers.CreateClientOutsideHandler,
        title: "Create SDK clients outside the Lambda handler",
        messageFormat: "'{0}' is created inside the Lambda handler '{1}'; create it once outside the handler (static field or constructor) so warm invocations reuse it",
        RuleCategories.Performance,
        DiagnosticSeverity.Warning,
        description: "AWS recommends initialising the SDK and connecting to databases outside the function handler: objects created "
            + "there survive in the execution environment and are reused by warm invocations, while a client created inside the "
            + "handler pays its construction, credential resolution and connection set-up again on every invocation.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(startContext =>
        {
            var symbols = AwsSymbols.TryCreate(startContext.Compilation);
            if (symbols is null || !symbols.Lambda.IsAvailable)
            {
                return;
            }

            var httpClient = symbols.GetType("System.Net.Http.HttpClient");
            var dbConnection = symbols.GetType("System.Data.Common.DbConnection");
            var interlocked = symbols.GetType("System.Threading.Interlocked");
            var lazyInitializer = symbols.GetType("System.Threading.LazyInitializer");

            // Only creations of a client, HttpClient or DbConnection are worth the handler search.
            bool IsCandidate(IOperation operation)
                => operation is IObjectCreationOperation { Type: { } created }
                   && (symbols.IsClientClass(created) || created.InheritsFrom(httpClient) || created.InheritsFrom(dbConnection));

            LambdaHandlers.RegisterHandlerOperationAction(
                startContext,
                symbols.Lambda,
                IsCandidate,
                ctx =>
                {
                    if (ctx.Operation is not IObjectCreationOperation creation
                        || ctx.Handler.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
                    {
                        return;
                    }

                    var type = creation.Type;
                    string kind;
                    if (symbols.IsClientClass(type))
                    {
                        kind = AwsClientKind;
                    }
                    else if (type.InheritsFrom(httpClient))
                    {
                        kind = HttpClientKind;
                    }
                    else if (type.InheritsFrom(dbConnection))
                    {
                        kind = DbConnectionKind;
                    }
                    else
                    {
                        return;
                    }

                    if (IsLazilyCached(creation, ctx.HandlerOperation, interlocked, lazyInitializer))
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind);
                    if (AreArgumentsHoistable(creation))
                    {
                        properties = properties.Add(HoistableProperty, "true");
                    }

                    ctx.ReportDiagnostic(Diagnostic.Create(
                        Rule,
                        creation.Syntax.GetLocation(),
                        properties,
                        type!.Name,
                        GetHandlerName(ctx.Handler, ctx.HandlerOperation)));
                },
                OperationKind.ObjectCreation);
        });
    }

    /// <summary>
    /// True when every value the creation's arguments and object initializer read is static or constant, so the same creation
    /// can run once in a static field initializer: no locals, parameters, <c>this</c> members, awaits or lambdas.
    /// </summary>
    internal static bool AreArgumentsHoistable(IObjectCreationOperation creation)
    {
        foreach (var child in creation.ChildOperations)
        {
            if (child is null)
            {
                continue;
            }

            foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(child))
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
        }

        return true;
    }

    /// <summary>
    /// The lazy-caching patterns that create the client once and keep it in a member: <c>_client ??= new …()</c>,
    /// <c>if (_client == null) _client = new …();</c>, <c>Interlocked.CompareExchange(ref _client, new …(), null)</c> and
    /// <c>LazyInitializer.EnsureInitialized(ref _client, () =&gt; new …())</c>.
    /// </summary>
    private static bool IsLazilyCached(IObjectCreationOperation creation, IOperation? handlerOperation, INamedTypeSymbol? interlocked, INamedTypeSymbol? lazyInitializer)
    {
        var parent = creation.WalkUpConversions();
        switch (parent)
        {
            case ICoalesceAssignmentOperation coalesce when IsCachingMember(coalesce.Target):
                return true;
            case ISimpleAssignmentOperation assignment when IsCachingMember(assignment.Target):
                var member = GetMember(assignment.Target);
                for (var current = assignment.Parent; current is not null && current != handlerOperation; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        break;
                    }

                    if (current is IConditionalOperation conditional && ReadsMember(conditional.Condition, member))
                    {
                        return true;
                    }
                }

                return false;
            case IArgumentOperation { Parent: IInvocationOperation invocation }
                when invocation.TargetMethod.ContainingType.IsType(interlocked) && invocation.Arguments.Length > 0
                     && IsCachingMember(invocation.Arguments[0].Value):
                return true;
        }

        // LazyInitializer.EnsureInitialized(ref _client, () => new AmazonS3Client())
        for (var current = creation.Parent; current is not null && current != handlerOperation; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation)
            {
                return current.WalkUpConversions() is IDelegateCreationOperation delegateCreation
                       && delegateCreation.WalkUpConversions() is IArgumentOperation { Parent: IInvocationOperation invocation }
                       && invocation.TargetMethod.ContainingType.IsType(lazyInitializer)
                       && invocation.Arguments.Length > 0
                       && IsCachingMember(invocation.Arguments[0].Value);
            }
        }

        return false;
    }

    /// <summary>A field or property that outlives the invocation: static, or an instance member of <c>this</c>.</summary>
    private static bool IsCachingMember(IOperation? target)
        => target?.WalkDownConversions() switch
        {
            IFieldReferenceOperation field => field.Field.IsStatic || field.Instance is IInstanceReferenceOperation,
            IPropertyReferenceOperation property => property.Property.IsStatic || property.Instance is IInstanceReferenceOperation,
            _ => false,
        };

    private static ISymbol? GetMember(IOperation target)
        => target.WalkDownConversions() is IMemberReferenceOperation member ? member.Member : null;

    private static bool ReadsMember(IOperation? condition, ISymbol? member)
    {
        if (condition is null || member is null)
        {
            return false;
        }

        foreach (var operation in Infrastructure.OperationExtensions.DescendantsAndSelf(condition))
        {
            if (operation is IMemberReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Member, member))
            {
                return true;
            }
        }

        return false;
    }

    private static string GetHandlerName(IMethodSymbol handler, IOperation? handlerOperation)
    {
        if (handler.MethodKind != MethodKind.AnonymousFunction)
        {
            return handler.Name;
        }

        // var handler = async (…) => …;  → 'handler'
        if (handlerOperation.WalkUpConversions() is IDelegateCreationOperation delegateCreation
            && delegateCreation.WalkUpConversions() is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
        {
            return declarator.Symbol.Name;
        }

        return "lambda expression";
    }
}
