using System;
using System.Collections.Generic;
using System.Text;
using AwsBestPractice.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace AwsBestPractice.Analyzers.Tests.Infrastructure;

/// <summary>The chunked searches find exactly what a search of the whole string finds, across chunk boundaries.</summary>
public class SourceTextsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1017)]
    [InlineData(1018)]
    [InlineData(1019)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(2042)]
    [InlineData(3000)]
    public void IndexesOfOrdinal_FindsEveryMatchOnce(int firstAt)
    {
        var builder = new StringBuilder();
        builder.Append('x', firstAt).Append("Effect").Append("Effect").Append('y', 1500).Append("EffectEffec").Append("t Effect");
        var text = builder.ToString();

        var expected = new List<int>();
        for (var i = text.IndexOf("Effect", StringComparison.Ordinal); i >= 0; i = text.IndexOf("Effect", i + 1, StringComparison.Ordinal))
        {
            expected.Add(i);
        }

        var source = SourceText.From(text);
        Assert.Equal(expected, SourceTexts.IndexesOfOrdinal(source, "Effect"));
        Assert.True(SourceTexts.ContainsOrdinal(source, "Effect"));
    }

    [Fact]
    public void IndexesOfOrdinal_IsEmptyWithoutAMatch()
    {
        Assert.Empty(SourceTexts.IndexesOfOrdinal(SourceText.From(new string('x', 1020) + "Effec"), "Effect"));
        Assert.Empty(SourceTexts.IndexesOfOrdinal(SourceText.From(string.Empty), "Effect"));
        Assert.False(SourceTexts.ContainsOrdinal(SourceText.From("Eff"), "Effect"));
    }
}
