using System;
using System.Collections.Generic;
using System.Text;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>
/// Both searches (the text's own string below <see cref="SourceTexts.WholeStringLength"/> characters, 1 KB chunks above it) find
/// exactly what a search of the whole string finds, across chunk boundaries.
/// </summary>
public class SourceTextsTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1017, false)]
    [InlineData(1024, false)]
    [InlineData(3000, false)]
    [InlineData(0, true)]
    [InlineData(1017, true)]
    [InlineData(1018, true)]
    [InlineData(1019, true)]
    [InlineData(1023, true)]
    [InlineData(1024, true)]
    [InlineData(2042, true)]
    [InlineData(3000, true)]
    public void IndexesOfOrdinal_FindsEveryMatchOnce(int firstAt, bool chunked)
    {
        var builder = new StringBuilder();
        // A whole number of chunks in front keeps the positions' places in their chunks.
        builder.Append('z', chunked ? SourceTexts.WholeStringLength + 1024 : 0);
        builder.Append('x', firstAt).Append("Effect").Append("Effect").Append('y', 1500).Append("EffectEffec").Append("t Effect");
        var text = builder.ToString();

        var expected = new List<int>();
        for (var i = text.IndexOf("Effect", StringComparison.Ordinal); i >= 0; i = text.IndexOf("Effect", i + 1, StringComparison.Ordinal))
        {
            expected.Add(i);
        }

        var source = SourceText.From(text);
        Assert.Equal(chunked, text.Length >= SourceTexts.WholeStringLength);
        Assert.Equal(expected, SourceTexts.IndexesOfOrdinal(source, "Effect"));
        Assert.True(SourceTexts.ContainsOrdinal(source, "Effect"));
    }

    [Fact]
    public void IndexesOfOrdinal_IsEmptyWithoutAMatch()
    {
        Assert.Empty(SourceTexts.IndexesOfOrdinal(SourceText.From(new string('x', 1020) + "Effec"), "Effect"));
        Assert.Empty(SourceTexts.IndexesOfOrdinal(SourceText.From(new string('x', SourceTexts.WholeStringLength + 1020) + "Effec"), "Effect"));
        Assert.Empty(SourceTexts.IndexesOfOrdinal(SourceText.From(string.Empty), "Effect"));
        Assert.False(SourceTexts.ContainsOrdinal(SourceText.From("Eff"), "Effect"));
    }
}
