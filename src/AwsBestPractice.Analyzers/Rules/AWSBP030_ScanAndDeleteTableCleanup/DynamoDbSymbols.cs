using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Rules.ScanAndDeleteTableCleanup;

using AwsBestPractice.Analyzers.Infrastructure;

/// <summary>The DynamoDB types the rule needs, resolved once per compilation.</summary>
internal sealed class DynamoDbSymbols
{
    /// <summary>The SDK assembly of every type below but the BCL ones: without it the rule registers nothing.</summary>
    public const string AssemblyName = "AWSSDK.DynamoDBv2";

    private DynamoDbSymbols(AwsSymbols aws, INamedTypeSymbol client)
    {
        Aws = aws;
        Client = client;
        Table = aws.GetType("Amazon.DynamoDBv2.DocumentModel.Table");
        ITable = aws.GetType("Amazon.DynamoDBv2.DocumentModel.ITable");
        Context = aws.GetType("Amazon.DynamoDBv2.DataModel.DynamoDBContext");
        IContext = aws.GetType("Amazon.DynamoDBv2.DataModel.IDynamoDBContext");
        DeleteRequest = aws.GetType("Amazon.DynamoDBv2.Model.DeleteRequest");
        TableAttribute = aws.GetType("Amazon.DynamoDBv2.DataModel.DynamoDBTableAttribute");
        CancellationToken = aws.GetType("System.Threading.CancellationToken");
        Enumerable = aws.GetType("System.Linq.Enumerable");
    }

    public AwsSymbols Aws { get; }
    public INamedTypeSymbol Client { get; }
    public INamedTypeSymbol? Table { get; }
    public INamedTypeSymbol? ITable { get; }
    public INamedTypeSymbol? Context { get; }
    public INamedTypeSymbol? IContext { get; }
    public INamedTypeSymbol? DeleteRequest { get; }
    public INamedTypeSymbol? TableAttribute { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? Enumerable { get; }

    public static DynamoDbSymbols? TryCreate(AwsSymbols aws)
    {
        var client = aws.GetType("Amazon.DynamoDBv2.IAmazonDynamoDB");
        return client is null ? null : new DynamoDbSymbols(aws, client);
    }

    public bool IsDocumentTable(ITypeSymbol? type) => type.IsType(Table) || type.IsType(ITable);

    public bool IsContext(ITypeSymbol? type) => type.IsType(Context) || type.IsType(IContext);

    public static bool IsInDynamoDbNamespace(ITypeSymbol? type, string lastNamespace)
        => type?.ContainingNamespace is { Name: var name, ContainingNamespace.Name: "DynamoDBv2" } && name == lastNamespace;
}
