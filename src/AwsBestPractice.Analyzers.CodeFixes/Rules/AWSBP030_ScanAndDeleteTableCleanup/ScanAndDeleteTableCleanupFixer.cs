using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AwsBestPractice.Analyzers.CodeFixes.Toolkit;
using AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.CodeFixes.Rules.ScanAndDeleteTableCleanup;

/// <summary>
/// AWSBP030 fix: replaces the low-level scan-and-delete statements with <c>await RecreateTableAsync(client, tableName[, ct]);</c>
/// and adds (once per class) a helper that describes, deletes and recreates the table with the same key schema, attribute
/// definitions, billing mode/throughput, secondary indexes, stream and encryption settings.
/// </summary>
/// <remarks>
/// Only offered where the analyzer identified the exact contiguous statements (<see cref="ScanAndDeleteTableCleanupAnalyzer.FixableKey"/>):
/// the low-level client in an async function, the client and table name available as simple expressions. The document model
/// and DynamoDBContext shapes get no fix: their table object does not reliably give back the client and table name.
/// The Fix All provider works per document so several sites in one class share a single helper.
/// </remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ScanAndDeleteTableCleanupFixer)), Shared]
public sealed class ScanAndDeleteTableCleanupFixer : CodeFixProvider
{
    internal const string EquivalenceKey = "AWSBP030_RecreateTable";
    internal const string Title = "Drop and recreate the table (loses TTL, PITR, tags, auto scaling, resource policy; new stream ARN)";
    internal const string HelperName = "RecreateTableAsync";

    private static readonly (string Namespace, string Probe)[] HelperNamespaces =
    {
        ("System", "System.TimeSpan"),
        ("System.Threading", "System.Threading.CancellationToken"),
        ("System.Threading.Tasks", "System.Threading.Tasks.Task"),
        ("Amazon.DynamoDBv2", "Amazon.DynamoDBv2.IAmazonDynamoDB"),
        ("Amazon.DynamoDBv2.Model", "Amazon.DynamoDBv2.Model.DescribeTableRequest"),
    };

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIdentifiers.ScanAndDeleteTableCleanup);

    public override FixAllProvider GetFixAllProvider()
        => DocumentFixAll.Create(FixDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan.TryCreate(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // Later sites first; two diagnostics (two scan calls of one paginated cleanup) can share one range.
        var plans = new List<Plan>();
        foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
        {
            if (Plan.TryCreate(root, model, diagnostic, cancellationToken) is { } plan && !plans.Any(p => p.Span.IntersectsWith(plan.Span) || p.Span == plan.Span))
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return document;
        }

        var endOfLine = Trivia.EndOfLine(root).ToFullString();
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var helperTypes = new Dictionary<INamedTypeSymbol, TypeDeclarationSyntax>(SymbolEqualityComparer.Default);
        foreach (var plan in plans)
        {
            var statements = plan.Block.Statements;
            var call = plan.CreateCall()
                .WithLeadingTrivia(KeepComments(statements, plan.First, plan.Last, endOfLine))
                .WithTrailingTrivia(statements[plan.Last].GetTrailingTrivia());
            editor.ReplaceNode(statements[plan.First], call);
            for (var i = plan.First + 1; i <= plan.Last; i++)
            {
                editor.RemoveNode(statements[i], SyntaxRemoveOptions.KeepNoTrivia);
            }

            if (plan.NeedsHelper && !helperTypes.ContainsKey(plan.TypeSymbol))
            {
                helperTypes.Add(plan.TypeSymbol, plan.Type);
            }
        }

        var helper = helperTypes.Count > 0 ? HelperBuilder.Build(model.Compilation, endOfLine) : null;
        foreach (var pair in helperTypes)
        {
            if (helper is null)
            {
                return document;
            }

            editor.ReplaceNode(pair.Value, (current, _) => current is TypeDeclarationSyntax type ? AddHelper(type, helper, endOfLine) : current);
        }

        var newRoot = editor.GetChangedRoot();
        if (helperTypes.Count > 0 && newRoot is CompilationUnitSyntax compilationUnit)
        {
            var position = helperTypes.Values.First().OpenBraceToken.Span.End;
            newRoot = AddMissingUsings(compilationUnit, model, position, SyntaxFactory.EndOfLine(endOfLine));
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>
    /// The first statement's leading trivia, followed by every comment of the replaced statements (one per line, at the
    /// statement's indentation), so no comment is lost; the last statement's trailing trivia is kept by the caller.
    /// </summary>
    private static SyntaxTriviaList KeepComments(SyntaxList<StatementSyntax> statements, int first, int last, string endOfLine)
    {
        var leading = statements[first].GetLeadingTrivia();
        var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1] : default;
        var result = leading;
        var start = statements[first].SpanStart;
        var end = statements[last].Span.End;
        foreach (var trivia in statements[first].Parent!.DescendantTrivia(TextSpan.FromBounds(start, end), descendIntoTrivia: false))
        {
            if (trivia.SpanStart < start || trivia.Span.End > end
                || !(trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)))
            {
                continue;
            }

            result = result.Add(trivia).Add(SyntaxFactory.EndOfLine(endOfLine));
            if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                result = result.Add(indentation);
            }
        }

        return result;
    }

    private static TypeDeclarationSyntax AddHelper(TypeDeclarationSyntax type, MemberDeclarationSyntax helper, string endOfLine)
    {
        // Blank line before the helper when the type already has members.
        if (type.Members.Count > 0)
        {
            helper = helper.WithLeadingTrivia(helper.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(endOfLine)));
        }

        return type.AddMembers(helper);
    }

    private static SyntaxNode AddMissingUsings(CompilationUnitSyntax root, SemanticModel model, int position, SyntaxTrivia endOfLine)
    {
        var missing = new List<string>();
        foreach (var (ns, probe) in HelperNamespaces)
        {
            var expected = model.Compilation.GetTypeByMetadataName(probe);
            var simpleName = probe.Substring(probe.LastIndexOf('.') + 1);
            var visible = model.LookupNamespacesAndTypes(position, name: simpleName);
            if (expected is null || !visible.Any(s => SymbolEqualityComparer.Default.Equals(s, expected)))
            {
                missing.Add(ns);
            }
        }

        if (missing.Count == 0)
        {
            return root;
        }

        foreach (var ns in missing)
        {
            root = Imports.AddUsingDirective(root, ns);
        }

        return root;
    }

    /// <summary>One site to fix: the statements to replace and where the helper goes.</summary>
    private sealed class Plan
    {
        private Plan(BlockSyntax block, int first, int last, TypeDeclarationSyntax type, INamedTypeSymbol typeSymbol, bool needsHelper, string client, string table, string? token)
        {
            Block = block;
            First = first;
            Last = last;
            Type = type;
            TypeSymbol = typeSymbol;
            NeedsHelper = needsHelper;
            Client = client;
            Table = table;
            Token = token;
            Span = TextSpan.FromBounds(block.Statements[first].SpanStart, block.Statements[last].Span.End);
        }

        public BlockSyntax Block { get; }
        public int First { get; }
        public int Last { get; }
        public TypeDeclarationSyntax Type { get; }
        public INamedTypeSymbol TypeSymbol { get; }
        public bool NeedsHelper { get; }
        public string Client { get; }
        public string Table { get; }
        public string? Token { get; }
        public TextSpan Span { get; }

        public StatementSyntax CreateCall()
        {
            var arguments = Token is null ? $"{Client}, {Table}" : $"{Client}, {Table}, {Token}";
            return SyntaxFactory.ParseStatement($"await {HelperName}({arguments});");
        }

        public static Plan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(ScanAndDeleteTableCleanupAnalyzer.FixableKey, out var fixable) || fixable != "1"
                || !TryGetInt(properties, ScanAndDeleteTableCleanupAnalyzer.RangeStartKey, out var start)
                || !TryGetInt(properties, ScanAndDeleteTableCleanupAnalyzer.RangeEndKey, out var end)
                || !properties.TryGetValue(ScanAndDeleteTableCleanupAnalyzer.ClientKey, out var client) || string.IsNullOrWhiteSpace(client)
                || !properties.TryGetValue(ScanAndDeleteTableCleanupAnalyzer.TableKey, out var table) || string.IsNullOrWhiteSpace(table)
                || start < 0 || end <= start || end > root.FullSpan.End)
            {
                return null;
            }

            properties.TryGetValue(ScanAndDeleteTableCleanupAnalyzer.CancellationTokenKey, out var token);

            // The outermost statement of a block that starts at the range start.
            var firstStatement = root.FindToken(start).Parent?.AncestorsAndSelf()
                .OfType<StatementSyntax>()
                .LastOrDefault(s => s.SpanStart == start && s.Parent is BlockSyntax);
            if (firstStatement?.Parent is not BlockSyntax block)
            {
                return null;
            }

            var first = block.Statements.IndexOf(firstStatement);
            var last = -1;
            for (var i = first; i < block.Statements.Count; i++)
            {
                if (block.Statements[i].Span.End == end)
                {
                    last = i;
                    break;
                }
            }

            if (first < 0 || last < first || !diagnostic.Location.SourceSpan.IntersectsWith(TextSpan.FromBounds(start, end)))
            {
                return null;
            }

            // #if/#region inside the statements: removing them could unbalance the directives.
            if (block.DescendantTrivia(TextSpan.FromBounds(start, end)).Any(t => t.IsDirective && t.SpanStart >= start && t.Span.End <= end))
            {
                return null;
            }

            if (block.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
                || type is InterfaceDeclarationSyntax
                || model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol typeSymbol
                || !TryGetHelper(typeSymbol, model.Compilation, token is not null, out var needsHelper)
                || model.Compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.CreateTableRequest") is null)
            {
                return null;
            }

            return new Plan(block, first, last, type, typeSymbol, needsHelper, client!, table!, token);
        }

        /// <summary>Reuses an existing compatible helper; refuses when the name is taken by something else.</summary>
        private static bool TryGetHelper(INamedTypeSymbol type, Compilation compilation, bool passesToken, out bool needsHelper)
        {
            needsHelper = true;
            var members = type.GetMembers(HelperName);
            if (members.IsEmpty)
            {
                return true;
            }

            needsHelper = false;
            var client = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.IAmazonDynamoDB");
            foreach (var member in members)
            {
                if (member is IMethodSymbol { IsStatic: true, Parameters.Length: 2 or 3 } method
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, client)
                    && method.Parameters[1].Type.SpecialType == SpecialType.System_String
                    && (method.Parameters.Length == 3
                        ? method.Parameters[2].Type.ToDisplayString() == "System.Threading.CancellationToken"
                        : !passesToken))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool TryGetInt(ImmutableDictionary<string, string?> properties, string key, out int value)
        {
            value = 0;
            return properties.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>
    /// Writes the helper against the SDK the project compiles with: v4 models nullable value properties (<c>long?</c>), v3
    /// does not; optional members (table class, on-demand throughput, replicas) are copied only when the SDK has them.
    /// </summary>
    private static class HelperBuilder
    {
        public static MemberDeclarationSyntax? Build(Compilation compilation, string endOfLine)
        {
            var description = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.TableDescription");
            var request = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.CreateTableRequest");
            var gsiDescription = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.GlobalSecondaryIndexDescription");
            var gsi = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.GlobalSecondaryIndex");
            var throughputDescription = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.ProvisionedThroughputDescription");
            var throughput = compilation.GetTypeByMetadataName("Amazon.DynamoDBv2.Model.ProvisionedThroughput");

            var hasReplicas = HasProperty(description, "Replicas");
            var hasTableClass = HasProperty(description, "TableClassSummary") && HasProperty(request, "TableClass");
            var hasOnDemand = HasProperty(description, "OnDemandThroughput") && HasProperty(request, "OnDemandThroughput");
            var hasIndexOnDemand = HasProperty(gsiDescription, "OnDemandThroughput") && HasProperty(gsi, "OnDemandThroughput");
            var read = Capacity(throughputDescription, throughput, "ReadCapacityUnits");
            var write = Capacity(throughputDescription, throughput, "WriteCapacityUnits");

            var code = new Code(endOfLine);
            code.AppendLine("/// <summary>");
            code.AppendLine("/// Empties a DynamoDB table by deleting and recreating it with the same key schema, attribute definitions, billing mode,");
            code.AppendLine("/// throughput, secondary indexes, stream and encryption settings. Not carried over: TTL, point-in-time recovery, tags,");
            code.AppendLine("/// auto scaling, the resource policy, contributor insights and global table replicas; the stream gets a new ARN.");
            code.AppendLine("/// DeleteTable fails while deletion protection is enabled.");
            code.AppendLine("/// </summary>");
            code.AppendLine("private static async Task RecreateTableAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)");
            code.AppendLine("{");
            code.AppendLine("    var table = (await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table;");
            if (hasReplicas)
            {
                code.AppendLine("    if (table.Replicas is { Count: > 0 })");
                code.AppendLine("    {");
                code.AppendLine("        throw new InvalidOperationException($\"Table '{tableName}' is a global table; remove its replicas before recreating it.\");");
                code.AppendLine("    }");
                code.AppendLine();
            }

            code.AppendLine("    await client.DeleteTableAsync(new DeleteTableRequest { TableName = tableName }, cancellationToken);");
            code.AppendLine("    while (true)");
            code.AppendLine("    {");
            code.AppendLine("        try");
            code.AppendLine("        {");
            code.AppendLine("            await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);");
            code.AppendLine("        }");
            code.AppendLine("        catch (ResourceNotFoundException)");
            code.AppendLine("        {");
            code.AppendLine("            break;");
            code.AppendLine("        }");
            code.AppendLine();
            code.AppendLine("        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    var payPerRequest = table.BillingModeSummary?.BillingMode == BillingMode.PAY_PER_REQUEST;");
            code.AppendLine("    var request = new CreateTableRequest");
            code.AppendLine("    {");
            code.AppendLine("        TableName = tableName,");
            code.AppendLine("        KeySchema = table.KeySchema,");
            code.AppendLine("        AttributeDefinitions = table.AttributeDefinitions,");
            code.AppendLine("        BillingMode = payPerRequest ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED,");
            if (hasTableClass)
            {
                code.AppendLine("        TableClass = table.TableClassSummary?.TableClass,");
            }

            code.AppendLine("    };");
            if (hasOnDemand)
            {
                code.AppendLine("    if (payPerRequest)");
                code.AppendLine("    {");
                code.AppendLine("        request.OnDemandThroughput = table.OnDemandThroughput;");
                code.AppendLine("    }");
                code.AppendLine("    else");
            }
            else
            {
                code.AppendLine("    if (!payPerRequest)");
            }

            code.AppendLine("    {");
            code.AppendLine("        request.ProvisionedThroughput = new ProvisionedThroughput");
            code.AppendLine("        {");
            code.AppendLine($"            ReadCapacityUnits = table.ProvisionedThroughput.ReadCapacityUnits{read},");
            code.AppendLine($"            WriteCapacityUnits = table.ProvisionedThroughput.WriteCapacityUnits{write},");
            code.AppendLine("        };");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    if (table.GlobalSecondaryIndexes is { Count: > 0 })");
            code.AppendLine("    {");
            code.AppendLine("        request.GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.ConvertAll(index => new GlobalSecondaryIndex");
            code.AppendLine("        {");
            code.AppendLine("            IndexName = index.IndexName,");
            code.AppendLine("            KeySchema = index.KeySchema,");
            code.AppendLine("            Projection = index.Projection,");
            code.AppendLine("            ProvisionedThroughput = payPerRequest ? null : new ProvisionedThroughput");
            code.AppendLine("            {");
            code.AppendLine($"                ReadCapacityUnits = index.ProvisionedThroughput.ReadCapacityUnits{read},");
            code.AppendLine($"                WriteCapacityUnits = index.ProvisionedThroughput.WriteCapacityUnits{write},");
            code.AppendLine("            },");
            if (hasIndexOnDemand)
            {
                code.AppendLine("            OnDemandThroughput = payPerRequest ? index.OnDemandThroughput : null,");
            }

            code.AppendLine("        });");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    if (table.LocalSecondaryIndexes is { Count: > 0 })");
            code.AppendLine("    {");
            code.AppendLine("        request.LocalSecondaryIndexes = table.LocalSecondaryIndexes.ConvertAll(index => new LocalSecondaryIndex");
            code.AppendLine("        {");
            code.AppendLine("            IndexName = index.IndexName,");
            code.AppendLine("            KeySchema = index.KeySchema,");
            code.AppendLine("            Projection = index.Projection,");
            code.AppendLine("        });");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    if (table.StreamSpecification?.StreamEnabled == true)");
            code.AppendLine("    {");
            code.AppendLine("        request.StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = table.StreamSpecification.StreamViewType };");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    if (table.SSEDescription?.Status == SSEStatus.ENABLED)");
            code.AppendLine("    {");
            code.AppendLine("        request.SSESpecification = new SSESpecification { Enabled = true, SSEType = table.SSEDescription.SSEType, KMSMasterKeyId = table.SSEDescription.KMSMasterKeyArn };");
            code.AppendLine("    }");
            code.AppendLine();
            code.AppendLine("    await client.CreateTableAsync(request, cancellationToken);");
            code.AppendLine("    while ((await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)");
            code.AppendLine("    {");
            code.AppendLine("        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);");
            code.AppendLine("    }");
            code.AppendLine("}");

            return SyntaxFactory.ParseMemberDeclaration(code.ToString())?.WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Lines joined with the document's end of line (not the machine's).</summary>
        private sealed class Code
        {
            private readonly StringBuilder builder = new();
            private readonly string endOfLine;

            public Code(string endOfLine) => this.endOfLine = endOfLine;

            public void AppendLine(string line = "") => builder.Append(line).Append(endOfLine);

            public override string ToString() => builder.ToString();
        }

        private static bool HasProperty(INamedTypeSymbol? type, string name)
            => type is not null && type.GetMembers(name).OfType<IPropertySymbol>().Any();

        /// <summary>
        /// Converts a described capacity to the request's type: both <c>long?</c> in v4 and both <c>long</c> in v3 need nothing;
        /// a nullable description feeding a non-nullable request gets <c>.GetValueOrDefault()</c>.
        /// </summary>
        private static string Capacity(INamedTypeSymbol? description, INamedTypeSymbol? request, string name)
        {
            var from = description?.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            var to = request?.GetMembers(name).OfType<IPropertySymbol>().FirstOrDefault()?.Type;
            return IsNullable(from) && to is not null && !IsNullable(to) ? ".GetValueOrDefault()" : string.Empty;
        }

        private static bool IsNullable(ITypeSymbol? type)
            => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
    }
}
