using Microsoft.CodeAnalysis;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The AWS SDK types every rule needs, resolved once per compilation. Rules get it through <see cref="DeferredSymbols{T}"/>:
/// the compilation-start action only runs the binding-free <see cref="MayReferenceAwsSdk"/> gate (no AWSSDK.Core reference →
/// nothing registered, so a non-AWS compilation pays nothing), and the lookups happen on the first callback.
/// <see cref="TryCreate"/> returns <c>null</c> when the compilation does not reference the AWS SDK.
/// </summary>
internal sealed class AwsSymbols
{
    public const string AmazonServiceClientName = "Amazon.Runtime.AmazonServiceClient";

    private AwsSymbols(Compilation compilation, INamedTypeSymbol amazonServiceClient)
    {
        Compilation = compilation;
        AmazonServiceClient = amazonServiceClient;
        IAmazonService = GetType("Amazon.Runtime.IAmazonService");
        AmazonWebServiceRequest = GetType("Amazon.Runtime.AmazonWebServiceRequest");
        AmazonWebServiceResponse = GetType("Amazon.Runtime.AmazonWebServiceResponse");
        AmazonServiceException = GetType("Amazon.Runtime.AmazonServiceException");
        ClientConfig = GetType("Amazon.Runtime.ClientConfig");
        AwsCredentials = GetType("Amazon.Runtime.AWSCredentials");
        Task = GetType("System.Threading.Tasks.Task");
        TaskOfT = GetType("System.Threading.Tasks.Task`1");
        ValueTaskOfT = GetType("System.Threading.Tasks.ValueTask`1");
        Lambda = new LambdaSymbols(compilation);

        // The SDK's major version: v4 ships Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.
        DefaultAwsCredentialsIdentityResolver = GetType("Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver");
        FallbackCredentialsFactory = GetType("Amazon.Runtime.FallbackCredentialsFactory");
    }

    public Compilation Compilation { get; }
    public INamedTypeSymbol AmazonServiceClient { get; }
    public INamedTypeSymbol? IAmazonService { get; }
    public INamedTypeSymbol? AmazonWebServiceRequest { get; }
    public INamedTypeSymbol? AmazonWebServiceResponse { get; }
    public INamedTypeSymbol? AmazonServiceException { get; }
    public INamedTypeSymbol? ClientConfig { get; }
    public INamedTypeSymbol? AwsCredentials { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? DefaultAwsCredentialsIdentityResolver { get; }
    public INamedTypeSymbol? FallbackCredentialsFactory { get; }
    public LambdaSymbols Lambda { get; }

    /// <summary>True for AWS SDK for .NET v4 (4.x).</summary>
    public bool IsSdkV4 => DefaultAwsCredentialsIdentityResolver is not null;

    public static AwsSymbols? TryCreate(Compilation compilation)
    {
        if (!MayReferenceAwsSdk(compilation))
        {
            return null;
        }

        var client = GetType(compilation, AmazonServiceClientName);
        return client is null ? null : new AwsSymbols(compilation, client);
    }

    private static readonly char[] PathSeparators = { '/', '\\' };

    /// <summary>
    /// A cheap pre-check that needs no symbols and no declaration table: false when every reference is a file other than
    /// AWSSDK.Core.dll and the compilation is not AWSSDK.Core itself. Looking a type up by name binds every reference of the
    /// compilation, and asking whether the source declares a name builds the declaration table; in a project without the AWS SDK
    /// that work would be charged to the first analyzer that asks (measured: docs/performance.md). In-memory references, project
    /// references and scripts (<c>#r</c>) cannot be judged by file name: the full lookup decides.
    /// </summary>
    internal static bool MayReferenceAwsSdk(Compilation compilation) => MayReferenceSdkAssembly(compilation, CoreAssemblyName);

    public const string CoreAssemblyName = "AWSSDK.Core";

    /// <summary>
    /// The same binding-free test for one assembly of the SDK (<c>AWSSDK.DynamoDBv2</c>): a reference to its file, or the
    /// compilation of that assembly itself.
    /// </summary>
    internal static bool MayReferenceSdkAssembly(Compilation compilation, string assemblyName)
        => MayReferenceAssembly(compilation, assemblyName + ".dll")
           || string.Equals(compilation.AssemblyName, assemblyName, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The same binding-free test for any assembly: false only when every reference is a file not named
    /// <paramref name="fileName"/> (or <paramref name="otherFileName"/>) and the compilation is no script.
    /// </summary>
    internal static bool MayReferenceAssembly(Compilation compilation, string fileName, string? otherFileName = null)
    {
        // ExternalReferences, not References: References includes #r directive references, and computing those binds every
        // reference of the compilation. Scripts (the only code with #r) fall through to the full lookup.
        foreach (var reference in compilation.ExternalReferences)
        {
            if (reference is not PortableExecutableReference { FilePath: { Length: > 0 } path })
            {
                return true;
            }

            var start = path.LastIndexOfAny(PathSeparators) + 1;
            if (IsFileName(path, start, fileName) || (otherFileName is not null && IsFileName(path, start, otherFileName)))
            {
                return true;
            }
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.Options.Kind != SourceCodeKind.Regular)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFileName(string path, int start, string fileName)
        => path.Length - start == fileName.Length
           && string.Compare(path, start, fileName, 0, fileName.Length, System.StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>
    /// Resolves a type by metadata name (<c>System.Lazy`1</c>), tolerating the same name in several assemblies (where
    /// <see cref="Compilation.GetTypeByMetadataName"/> returns null): prefers the compilation's own assembly, then a public type from
    /// a referenced assembly. It walks the compilation's merged namespaces (<c>Amazon</c> → <c>Runtime</c>) instead of asking every
    /// referenced assembly for the name: 10–20× cheaper per name with 150+ references (docs/performance.md), and a missing type
    /// costs no more than a present one. Types of a reference with an <c>extern alias</c> only are not in the global namespace and
    /// are not found.
    /// </summary>
    public static INamedTypeSymbol? GetType(Compilation compilation, string metadataName)
    {
        if (metadataName.IndexOf('+') >= 0)
        {
            return compilation.GetTypeByMetadataName(metadataName);
        }

        INamespaceSymbol? container = compilation.GlobalNamespace;
        var start = 0;
        for (var dot = metadataName.IndexOf('.'); dot >= 0 && container is not null; dot = metadataName.IndexOf('.', start))
        {
            container = GetNamespace(container, metadataName.Substring(start, dot - start));
            start = dot + 1;
        }

        if (container is null)
        {
            return null;
        }

        var name = metadataName.Substring(start);
        var arity = 0;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            if (!int.TryParse(name.Substring(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity))
            {
                return null;
            }

            name = name.Substring(0, tick);
        }

        INamedTypeSymbol? best = null;
        foreach (var candidate in container.GetTypeMembers(name, arity))
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.ContainingAssembly, compilation.Assembly))
            {
                return candidate;
            }

            if (best is null || (best.DeclaredAccessibility != Accessibility.Public && candidate.DeclaredAccessibility == Accessibility.Public))
            {
                best = candidate;
            }
        }

        return best;

        static INamespaceSymbol? GetNamespace(INamespaceSymbol container, string name)
        {
            foreach (var member in container.GetMembers(name))
            {
                if (member is INamespaceSymbol @namespace)
                {
                    return @namespace;
                }
            }

            return null;
        }
    }

    public INamedTypeSymbol? GetType(string metadataName) => GetType(Compilation, metadataName);

    /// <summary>A concrete SDK client (derives from <c>AmazonServiceClient</c>).</summary>
    public bool IsClientClass(ITypeSymbol? type) => type.InheritsFrom(AmazonServiceClient);

    /// <summary>An SDK client class or service interface (<c>AmazonS3Client</c> or <c>IAmazonS3</c>).</summary>
    public bool IsClientType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsClientClass(type))
        {
            return true;
        }

        return IAmazonService is not null && type.TypeKind == TypeKind.Interface && type.ImplementsOrIs(IAmazonService);
    }

    public bool IsAmazonServiceException(ITypeSymbol? type) => type.InheritsFrom(AmazonServiceException);

    /// <summary>
    /// The service interface a client class implements (<c>AmazonS3Client</c> → <c>IAmazonS3</c>), or null.
    /// </summary>
    public INamedTypeSymbol? GetServiceInterface(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return type as INamedTypeSymbol;
        }

        if (IAmazonService is null)
        {
            return null;
        }

        foreach (var @interface in type.Interfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(@interface, IAmazonService) && @interface.ImplementsOrIs(IAmazonService))
            {
                return @interface;
            }
        }

        return null;
    }
}
