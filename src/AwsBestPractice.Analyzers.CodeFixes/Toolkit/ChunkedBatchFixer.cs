using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The batch counterpart of a per-element operation (<c>DeleteObject</c> → <c>DeleteObjects</c>): the batch method, its request
/// type and the property holding the entries, the entry type, the property every element must share (it goes on the batch
/// request), the batch size, an entry ID property filled with the index within the chunk (SQS), and the statements that check
/// the batch response for failed entries. For a batch API whose entries are not a flat list (DynamoDB's <c>RequestItems</c>, a
/// dictionary of <c>WriteRequest</c> lists keyed by table), <see cref="EntryTemplate"/> wraps each entry and
/// <see cref="EntriesTemplate"/> builds the entries property from the group and the list; <see cref="ResubmitHelper"/> sends
/// the batch through the <see cref="UntilProcessedHelpers"/> helper instead of checking the response.
/// </summary>
internal sealed class BatchApi
{
    public BatchApi(string method, string requestType, string entriesProperty, string entryType, string groupProperty, int size, string? idProperty, string errorsName, string errorCheck, string entryTemplate = "$entry$", string entriesTemplate = "$entries$", string? resubmitHelper = null)
    {
        EntryTemplate = entryTemplate;
        EntriesTemplate = entriesTemplate;
        ResubmitHelper = resubmitHelper;
        Method = method;
        RequestType = requestType;
        EntriesProperty = entriesProperty;
        EntryType = entryType;
        GroupProperty = groupProperty;
        Size = size;
        IdProperty = idProperty;
        ErrorsName = errorsName;
        ErrorCheck = errorCheck;
    }

    /// <summary>The batch operation (<c>DeleteObjects</c>), without <c>Async</c>.</summary>
    public string Method { get; }

    /// <summary>Full metadata name of the batch request (<c>Amazon.S3.Model.DeleteObjectsRequest</c>).</summary>
    public string RequestType { get; }

    public string EntriesProperty { get; }

    /// <summary>Full metadata name of an entry (<c>Amazon.S3.Model.KeyVersion</c>).</summary>
    public string EntryType { get; }

    /// <summary>The per-element request's property that must be the same for every element (<c>BucketName</c>, <c>QueueUrl</c>).</summary>
    public string GroupProperty { get; }

    public int Size { get; }

    public string? IdProperty { get; }

    /// <summary>The preferred name of the failed entries' local in <see cref="ErrorCheck"/>.</summary>
    public string ErrorsName { get; }

    /// <summary>C# statements with the placeholders <c>$response$</c>, <c>$chunk$</c> and <c>$errors$</c>; types written <c>global::</c>.</summary>
    public string ErrorCheck { get; }

    /// <summary>One element's entry in the list, <c>$entry$</c> being <c>new EntryType { … }</c> (<c>new WriteRequest { PutRequest = $entry$ }</c>).</summary>
    public string EntryTemplate { get; }

    /// <summary>
    /// The entries property's value, <c>$entries$</c> being the chunk's list; with <c>$group$</c> (the shared value, then not set as
    /// a property of the batch request) for a dictionary keyed by it: <c>new Dictionary&lt;…&gt; { [$group$] = $entries$ }</c>.
    /// </summary>
    public string EntriesTemplate { get; }

    /// <summary>The operation whose <see cref="UntilProcessedHelpers"/> helper sends each batch (async only), or null to check the response with <see cref="ErrorCheck"/>.</summary>
    public string? ResubmitHelper { get; }

    public bool IsKeyedByGroup => EntriesTemplate.Contains("$group$");
}

/// <summary>
/// The fix of a rule that reports a call made once per element of a collection (<c>Infrastructure.PerItemCalls</c>): replaces
/// <c>foreach (var x in items) { locals; await client.OpAsync(…); }</c> with a loop over chunks of the batch size
/// (<c>items.Chunk(n)</c>) that sends one batch request per chunk, each element's request properties carried into its entry
/// (<c>chunk.Select(x =&gt; new Entry { … })</c>, the body's locals moved into that lambda), the shared ones onto the batch
/// request, and checks the response for failed entries. Offered only where every property can be carried over, the shared
/// property does not depend on the element, and <c>Enumerable.Chunk</c> (.NET 6+) exists. A rule's fixer is its ID, title and
/// <see cref="BatchApi"/> per operation.
/// </summary>
public abstract class ChunkedBatchFixer : CodeFixProvider
{
    private readonly string _id;

    private protected ChunkedBatchFixer(string id) => (_id, FixableDiagnosticIds) = (id, ImmutableArray.Create(id));

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <summary>The batch API of a per-element operation (<c>SendMessage</c>), or null when it has none.</summary>
    private protected abstract BatchApi? Api(string operation);

    /// <summary>The code action's title for an operation and its batch API.</summary>
    private protected abstract string Title(string operation, BatchApi api);

    public sealed override FixAllProvider GetFixAllProvider() => DocumentFixAll.Create(FixDocumentAsync);

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is not null && model is not null && TryCreate(root, model, diagnostic, context.CancellationToken) is { } site)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title(site.Operation, site.Api), ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), _id + "_Batch"),
                    diagnostic);
            }
        }
    }

    private async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var done = new HashSet<ForEachStatementSyntax>();
        var helpers = new Dictionary<TypeDeclarationSyntax, SortedSet<string>>();
        var needsLinq = false;
        var endOfLine = Trivia.EndOfLine(editor.OriginalRoot);
        foreach (var diagnostic in diagnostics)
        {
            if (TryCreate(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is { } site && done.Add(site.Loop))
            {
                editor.ReplaceNode(site.Loop, site.Rewrite(endOfLine));
                needsLinq |= site.NeedsLinq;
                if (site.HelperType is { } type && site.Api.ResubmitHelper is { } operation)
                {
                    if (!helpers.TryGetValue(type, out var operations))
                    {
                        helpers[type] = operations = new SortedSet<string>(System.StringComparer.Ordinal);
                    }

                    operations.Add(operation);
                }
            }
        }

        UntilProcessedHelpers.AddTo(editor, helpers, endOfLine);

        var changed = editor.GetChangedDocument();
        if (needsLinq && await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is CompilationUnitSyntax unit)
        {
            changed = changed.WithSyntaxRoot(Imports.AddUsingDirective(unit, "System.Linq"));
        }

        return await Imports.AddAndSimplifyAsync(changed, cancellationToken).ConfigureAwait(false);
    }

    private Site? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.ContainsKey(PerItemCalls.FixableKey)
            || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var client, Name.Identifier.ValueText: var name } } invocation
            || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
            || !TryGetStatement(invocation, name, out var statement, out var configureAwait, out var awaited)
            || !TryGetLoop(statement, out var loop, out var locals)
            || model.GetDeclaredSymbol(loop, cancellationToken) is not { } element
            || model.Compilation.GetTypeByMetadataName("System.Linq.Enumerable")?.GetMembers("Chunk").IsEmpty != false)
        {
            return null;
        }

        var isAsync = name.EndsWith("Async", System.StringComparison.Ordinal);
        var operationName = isAsync ? name.Substring(0, name.Length - "Async".Length) : name;
        if (Api(operationName) is not { } api
            || model.Compilation.GetTypeByMetadataName(api.RequestType) is not { } requestType
            || model.Compilation.GetTypeByMetadataName(api.EntryType) is not { } entryType
            || Settable(requestType, api.EntriesProperty) is null
            || !HasBatchMethod(operation.TargetMethod.ContainingType, api.Method + (isAsync ? "Async" : string.Empty), requestType)
            || !IsEnumerableOf(model, loop, element, cancellationToken))
        {
            return null;
        }

        // The symbols a value may read only if it goes into the entry: the element and the body's locals.
        var perElement = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { element };
        foreach (var local in locals)
        {
            foreach (var declarator in local.Declaration.Variables)
            {
                if (model.GetDeclaredSymbol(declarator, cancellationToken) is { } symbol)
                {
                    perElement.Add(symbol);
                }
            }
        }

        var shared = new List<(string Name, ExpressionSyntax Value)>();
        var entry = new List<(string Name, ExpressionSyntax Value)>();
        ExpressionSyntax? cancellation = null;
        foreach (var (property, value, type) in PropertiesOf(operation))
        {
            if (property is null)
            {
                if (type?.Name != "CancellationToken")
                {
                    return null;
                }

                cancellation = value;
                continue;
            }

            var dependsOnElement = ReadsAny(model, value, perElement, cancellationToken);
            if (property == api.GroupProperty)
            {
                if (dependsOnElement)
                {
                    return null;
                }

                shared.Insert(0, (property, value));
            }
            else if (Settable(entryType, property) is { } entryProperty && Converts(model, type, entryProperty.Type))
            {
                entry.Add((property, value));
            }
            else if (!dependsOnElement && Settable(requestType, property) is { } batchProperty && Converts(model, type, batchProperty.Type))
            {
                shared.Add((property, value));
            }
            else
            {
                return null; // a property the batch API cannot carry
            }
        }

        if (shared.Count == 0 || shared[0].Name != api.GroupProperty)
        {
            return null;
        }

        // A batch sent through the resubmit helper: awaited, in a class or struct, on .NET 6+; the helper added unless it is there.
        TypeDeclarationSyntax? helperType = null;
        if (api.ResubmitHelper is { } helper)
        {
            if (!isAsync || !awaited || !UntilProcessedHelpers.IsAvailable(model.Compilation)
                || loop.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
                || type is InterfaceDeclarationSyntax
                || model.GetDeclaredSymbol(type, cancellationToken) is not { } typeSymbol)
            {
                return null;
            }

            helperType = UntilProcessedHelpers.Exists(typeSymbol, helper) ? null : type;
        }

        var needsLinq = model.LookupSymbols(loop.SpanStart, model.GetTypeInfo(loop.Expression, cancellationToken).Type, "Chunk", includeReducedExtensionMethods: true).IsEmpty;
        var taken = TakenNames(model, loop);
        return new Site(loop, locals, client, operationName, api, isAsync && awaited, configureAwait, cancellation, shared, entry, element.Name, taken, needsLinq) { HelperType = helperType };
    }

    /// <summary><c>await client.OpAsync(…)[.ConfigureAwait(x)];</c> or, for a synchronous operation, <c>client.Op(…);</c>.</summary>
    private static bool TryGetStatement(InvocationExpressionSyntax invocation, string name, out ExpressionStatementSyntax statement, out ExpressionSyntax? configureAwait, out bool awaited)
    {
        statement = null!;
        configureAwait = null;
        ExpressionSyntax current = invocation;
        if (current.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } configure })
        {
            configureAwait = arguments[0].Expression;
            current = configure;
        }

        awaited = current.Parent is AwaitExpressionSyntax;
        if (awaited)
        {
            current = (ExpressionSyntax)current.Parent!;
        }

        if (awaited != name.EndsWith("Async", System.StringComparison.Ordinal) || (configureAwait is not null && !awaited) || current.Parent is not ExpressionStatementSyntax expressionStatement)
        {
            return false;
        }

        statement = expressionStatement;
        return true;
    }

    /// <summary>A foreach (not await foreach, not deconstructing) whose body is local declarations followed by the statement.</summary>
    private static bool TryGetLoop(ExpressionStatementSyntax statement, out ForEachStatementSyntax loop, out List<LocalDeclarationStatementSyntax> locals)
    {
        locals = new List<LocalDeclarationStatementSyntax>();
        loop = null!;
        if (statement.Parent is ForEachStatementSyntax direct)
        {
            loop = direct;
        }
        else if (statement.Parent is BlockSyntax { Parent: ForEachStatementSyntax blockLoop } block)
        {
            loop = blockLoop;
            foreach (var other in block.Statements)
            {
                if (other == statement)
                {
                    break;
                }

                if (other is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, IsConst: false } local
                    || local.DescendantNodes().OfType<AwaitExpressionSyntax>().Any())
                {
                    return false;
                }

                locals.Add(local);
            }

            if (block.Statements.Last() != statement)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        return loop.AwaitKeyword.RawKind == 0;
    }

    /// <summary>The loop's collection is an array or <c>IEnumerable&lt;T&gt;</c> of the variable's own type (<c>Chunk</c> applies, no conversion).</summary>
    private static bool IsEnumerableOf(SemanticModel model, ForEachStatementSyntax loop, ILocalSymbol element, CancellationToken cancellationToken)
    {
        var info = model.GetForEachStatementInfo(loop);
        if (info.ElementType is not { } elementType || !SymbolEqualityComparer.Default.Equals(elementType, element.Type)
            || model.GetTypeInfo(loop.Expression, cancellationToken).Type is not { } collectionType)
        {
            return false;
        }

        if (collectionType is IArrayTypeSymbol { Rank: 1 } array)
        {
            return SymbolEqualityComparer.Default.Equals(array.ElementType, elementType);
        }

        foreach (var candidate in new[] { collectionType }.Concat(collectionType.AllInterfaces))
        {
            if (candidate is INamedTypeSymbol { SpecialType: SpecialType.None, TypeArguments.Length: 1 } named
                && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                && SymbolEqualityComparer.Default.Equals(named.TypeArguments[0], elementType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the per-element call sets, as (property, value, type): the members of a request created in the call
    /// (<c>new DeleteObjectRequest { BucketName = b, Key = k }</c>), or the arguments of a convenience overload named after them
    /// (<c>bucketName</c> → <c>BucketName</c>); a cancellation token comes with a null property. A request built elsewhere yields
    /// an entry with a null type so that the fix is not offered.
    /// </summary>
    private static IEnumerable<(string? Property, ExpressionSyntax Value, ITypeSymbol? Type)> PropertiesOf(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            if (argument.Syntax is not ArgumentSyntax { Expression: var expression } || argument.Parameter is not { } parameter)
            {
                yield return (null, SyntaxFactory.IdentifierName("_"), null); // params or an implicit argument: not carried over
                continue;
            }

            if (parameter.Type.Name == "CancellationToken")
            {
                yield return (null, expression, parameter.Type);
            }
            else if (parameter.Type.Name.EndsWith("Request", System.StringComparison.Ordinal))
            {
                if (argument.Value.WalkDownConversions() is not IObjectCreationOperation { Arguments.IsEmpty: true, Initializer: { } initializer })
                {
                    yield return (null, expression, null);
                    continue;
                }

                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                        && assignment.Syntax is AssignmentExpressionSyntax { Right: var value })
                    {
                        yield return (property.Name, value, property.Type);
                    }
                    else
                    {
                        yield return (null, expression, null);
                    }
                }
            }
            else
            {
                yield return (char.ToUpperInvariant(parameter.Name[0]) + parameter.Name.Substring(1), expression, parameter.Type);
            }
        }
    }

    private static IPropertySymbol? Settable(ITypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers(name))
            {
                if (member is IPropertySymbol { SetMethod.DeclaredAccessibility: Accessibility.Public, IsStatic: false } property)
                {
                    return property;
                }
            }
        }

        return null;
    }

    private static bool Converts(SemanticModel model, ITypeSymbol? from, ITypeSymbol to)
        => from is not null && model.Compilation.ClassifyConversion(from, to) is { IsImplicit: true } conversion && (conversion.IsIdentity || conversion.IsNullable || conversion.IsNumeric || conversion.IsReference);

    private static bool HasBatchMethod(INamedTypeSymbol client, string name, INamedTypeSymbol requestType)
        => client.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.Parameters.Length >= 1 && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, requestType));

    private static bool ReadsAny(SemanticModel model, ExpressionSyntax value, HashSet<ISymbol> symbols, CancellationToken cancellationToken)
    {
        foreach (var identifier in value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol && symbols.Contains(symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Every name visible at the loop (C# scopes a local over its whole block, so later declarations count) or written in it: what
    /// a new local must not be called. A sibling loop's locals are not visible, so Fix All and one fix at a time agree on names.
    /// </summary>
    private static HashSet<string> TakenNames(SemanticModel model, SyntaxNode loop)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var symbol in model.LookupSymbols(loop.SpanStart))
        {
            taken.Add(symbol.Name);
        }

        foreach (var token in loop.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                taken.Add(token.ValueText);
            }
        }

        return taken;
    }

    private sealed class Site
    {
        private readonly List<LocalDeclarationStatementSyntax> _locals;
        private readonly ExpressionSyntax _client;
        private readonly bool _awaited;
        private readonly ExpressionSyntax? _configureAwait;
        private readonly ExpressionSyntax? _cancellation;
        private readonly List<(string Name, ExpressionSyntax Value)> _shared;
        private readonly List<(string Name, ExpressionSyntax Value)> _entry;
        private readonly string _element;
        private readonly HashSet<string> _taken;

        public Site(ForEachStatementSyntax loop, List<LocalDeclarationStatementSyntax> locals, ExpressionSyntax client, string operation, BatchApi api, bool awaited, ExpressionSyntax? configureAwait, ExpressionSyntax? cancellation, List<(string, ExpressionSyntax)> shared, List<(string, ExpressionSyntax)> entry, string element, HashSet<string> taken, bool needsLinq)
        {
            Loop = loop;
            _locals = locals;
            _client = client;
            Operation = operation;
            Api = api;
            _awaited = awaited;
            _configureAwait = configureAwait;
            _cancellation = cancellation;
            _shared = shared;
            _entry = entry;
            _element = element;
            _taken = taken;
            NeedsLinq = needsLinq;
        }

        public ForEachStatementSyntax Loop { get; }
        public string Operation { get; }
        public BatchApi Api { get; }
        public bool NeedsLinq { get; }

        /// <summary>The type that needs the resubmit helper added (null when it has one, or the API checks the response).</summary>
        public TypeDeclarationSyntax? HelperType { get; set; }

        public StatementSyntax Rewrite(SyntaxTrivia endOfLine)
        {
            var chunk = Names.Unique("chunk", _taken.Contains);
            var response = Names.Unique("response", _taken.Contains);
            var errors = Names.Unique(Api.ErrorsName, _taken.Contains);
            var index = Names.Unique("index", name => _taken.Contains(name) || name == chunk || name == response || name == errors);

            var initializer = new List<string>();
            foreach (var (name, value) in _entry)
            {
                initializer.Add(name + " = " + value.WithoutTrivia().ToFullString());
            }

            var parameters = _element;
            if (Api.IdProperty is { } id)
            {
                initializer.Insert(0, id + " = " + index + ".ToString(global::System.Globalization.CultureInfo.InvariantCulture)");
                parameters = "(" + _element + ", " + index + ")";
            }

            var newEntry = Api.EntryTemplate.Replace("$entry$", "new global::" + Api.EntryType + " { " + string.Join(", ", initializer) + " }");
            string select;
            if (_locals.Count == 0)
            {
                select = chunk + ".Select(" + parameters + " => " + newEntry + ").ToList()";
            }
            else
            {
                var body = new StringBuilder();
                foreach (var local in _locals)
                {
                    body.Append(local.WithoutTrivia().ToFullString()).Append('\n');
                }

                select = chunk + ".Select(" + parameters + " =>\n{\n" + body + "return " + newEntry + ";\n}).ToList()";
            }

            var request = new StringBuilder("new global::" + Api.RequestType + "\n{\n");
            var group = string.Empty;
            foreach (var (name, value) in _shared)
            {
                if (name == Api.GroupProperty && Api.IsKeyedByGroup)
                {
                    group = value.WithoutTrivia().ToFullString();
                    continue;
                }

                request.Append(name).Append(" = ").Append(value.WithoutTrivia().ToFullString()).Append(",\n");
            }

            request.Append(Api.EntriesProperty).Append(" = ").Append(Api.EntriesTemplate.Replace("$group$", group).Replace("$entries$", select)).Append(",\n}");
            var client = _client.WithoutTrivia().ToFullString();
            var cancellation = _cancellation is null ? string.Empty : ", " + _cancellation.WithoutTrivia().ToFullString();
            var call = Api.ResubmitHelper is { } helper
                ? UntilProcessedHelpers.Name(helper) + "(" + client + ", " + request + cancellation + ")"
                : client + "." + Api.Method + (_awaited ? "Async" : string.Empty) + "(" + request + cancellation + ")";
            if (_configureAwait is not null)
            {
                call += ".ConfigureAwait(" + _configureAwait.WithoutTrivia().ToFullString() + ")";
            }

            var send = Api.ResubmitHelper is not null
                ? "await " + call + ";"
                : "var " + response + " = " + (_awaited ? "await " : string.Empty) + call + ";\n"
                  + Api.ErrorCheck.Replace("$response$", response).Replace("$chunk$", chunk).Replace("$errors$", errors);
            var text = "foreach (var " + chunk + " in " + Collection() + ".Chunk(" + Api.Size.ToString(CultureInfo.InvariantCulture) + "))\n{\n"
                       + send + "\n}\n";
            var statement = (ForEachStatementSyntax)SyntaxFactory.ParseStatement(text.Replace("\n", endOfLine.ToFullString()));
            statement = Imports.SimplifyGlobalNames(statement);

            // Comments of the replaced body go first in the new one.
            var comments = BodyComments();
            if (comments.Count > 0 && statement.Statement is BlockSyntax { Statements.Count: > 0 } block)
            {
                var first = block.Statements[0];
                var leading = new List<SyntaxTrivia>();
                foreach (var comment in comments)
                {
                    leading.Add(comment);
                    leading.Add(endOfLine);
                }

                statement = statement.ReplaceNode(first, first.WithLeadingTrivia(leading.Concat(first.GetLeadingTrivia())));
            }

            return statement.WithTriviaFrom(Loop).WithAdditionalAnnotations(Formatter.Annotation);
        }

        private string Collection()
        {
            var expression = Loop.Expression.WithoutTrivia();
            return expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax
                ? expression.ToFullString()
                : "(" + expression.ToFullString() + ")";
        }

        /// <summary>The comments around the body's statements and braces (comments inside carried expressions travel with them).</summary>
        private List<SyntaxTrivia> BodyComments()
        {
            var trivia = new List<SyntaxTrivia>();
            if (Loop.Statement is BlockSyntax block)
            {
                trivia.AddRange(block.OpenBraceToken.TrailingTrivia);
                foreach (var statement in block.Statements)
                {
                    trivia.AddRange(statement.GetLeadingTrivia());
                    trivia.AddRange(statement.GetTrailingTrivia());
                }

                trivia.AddRange(block.CloseBraceToken.LeadingTrivia);
            }
            else
            {
                trivia.AddRange(Loop.Statement.GetLeadingTrivia());
                trivia.AddRange(Loop.Statement.GetTrailingTrivia());
            }

            return trivia.Where(Trivia.IsComment).ToList();
        }
    }
}
