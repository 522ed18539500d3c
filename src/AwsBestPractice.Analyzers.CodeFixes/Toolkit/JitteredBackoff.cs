using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AwsBestPractice.Analyzers.CodeFixes.Toolkit;

/// <summary>
/// The wait that fixes write between retries: capped exponential backoff with full jitter computed from an attempt counter, a
/// random time between 0 and <c>min(cap, base × 2^attempt)</c> milliseconds (AWS Architecture Blog, "Exponential Backoff And
/// Jitter"). Written with <c>Random.Shared</c> where the compilation has it (.NET 6+), otherwise with a <c>Random</c> seeded from
/// a new GUID per call (thread-safe, unlike a shared <c>new Random()</c> on .NET Framework). Names are written
/// <c>global::</c>-qualified and annotated: <see cref="Imports.AddAndSimplifyAsync"/> shortens them and adds the usings.
/// </summary>
internal static class JitteredBackoff
{
    /// <summary>The cap, unless the code's own delay is longer.</summary>
    public const double CapMilliseconds = 20_000;

    /// <summary>The first step when the code waited nothing (or zero).</summary>
    public const double DefaultBaseMilliseconds = 100;

    public static bool HasRandomShared(Compilation compilation)
        => compilation.GetTypeByMetadataName("System.Random")?.GetMembers("Shared").Any(m => m is IPropertySymbol { IsStatic: true }) == true;

    /// <summary>An <c>int</c> of milliseconds: <c>Random.Shared.Next(0, (int)Math.Min(cap, base * Math.Pow(2, counter)))</c>.</summary>
    /// <param name="baseMilliseconds">The first step, as code (<c>1000</c>, <c>RetryDelay.TotalMilliseconds</c>).</param>
    /// <param name="cap">The cap in milliseconds: at least <see cref="CapMilliseconds"/>.</param>
    public static ExpressionSyntax Milliseconds(string baseMilliseconds, double cap, string counter, bool randomShared)
    {
        var random = randomShared
            ? "global::System.Random.Shared"
            : "new global::System.Random(global::System.Guid.NewGuid().GetHashCode())";
        var text = $"{random}.Next(0, (int)global::System.Math.Min({Number(Math.Max(cap, CapMilliseconds))}, {baseMilliseconds} * global::System.Math.Pow(2, {counter})))";
        return Annotate(SyntaxFactory.ParseExpression(text));
    }

    /// <summary>The same wait as a <c>TimeSpan</c>: <c>TimeSpan.FromMilliseconds(…)</c>.</summary>
    public static ExpressionSyntax TimeSpan(string baseMilliseconds, double cap, string counter, bool randomShared)
        => Annotate(SyntaxFactory.ParseExpression($"global::System.TimeSpan.FromMilliseconds({Milliseconds(baseMilliseconds, cap, counter, randomShared).ToFullString()})"));

    /// <summary>A number of milliseconds as code: <c>1000</c>, <c>1500</c>, <c>0.5</c>.</summary>
    public static string Number(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The <c>global::</c> names are simplified, with a <c>using</c> where needed.</summary>
    public static TNode Annotate<TNode>(TNode node)
        where TNode : SyntaxNode
        => Imports.SimplifyGlobalNames(node);
}
