using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwsBestPractice.Analyzers.Infrastructure;

/// <summary>
/// The text of a string written in source — a literal (regular, verbatim, raw), an interpolated string, or a concatenation of
/// them — read from the syntax alone, with the source position of every character, so a finding inside the string (a JSON
/// member) can be reported on its own span. What is not constant (an interpolation hole, a variable operand) becomes
/// <see cref="Hole"/>, so the constant parts are still read and nothing is taken for a value it may not have.
/// </summary>
internal sealed class StringSyntaxText
{
    /// <summary>Stands for a value not known at compile time.</summary>
    public const char Hole = '\u0001';

    private const int MaxLength = 1 << 20;

    private readonly int[] _starts;
    private readonly int[] _ends;

    private StringSyntaxText(string text, int[] starts, int[] ends, SyntaxTree tree)
    {
        Text = text;
        _starts = starts;
        _ends = ends;
        Tree = tree;
    }

    public string Text { get; }

    public SyntaxTree Tree { get; }

    /// <summary>The string expression <paramref name="node"/> is part of: the outermost concatenation or parenthesis around it.</summary>
    public static ExpressionSyntax? GetOutermost(SyntaxNode node)
    {
        ExpressionSyntax? current = node switch
        {
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal,
            InterpolatedStringTextSyntax { Parent: InterpolatedStringExpressionSyntax interpolated } => interpolated,
            _ => null,
        };
        while (current?.Parent is ParenthesizedExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression })
        {
            current = (ExpressionSyntax)current.Parent;
        }

        return current;
    }

    /// <summary>Reads <paramref name="expression"/>; null when it is not a string built from literals (or is very long).</summary>
    public static StringSyntaxText? TryRead(ExpressionSyntax expression)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        var ends = new List<int>();
        return Append(expression, text, starts, ends) && text.Length <= MaxLength && text.Length == starts.Count
            ? new StringSyntaxText(text.ToString(), starts.ToArray(), ends.ToArray(), expression.SyntaxTree)
            : null;
    }

    /// <summary>The source location of the characters [<paramref name="start"/>, <paramref name="end"/>) of <see cref="Text"/>.</summary>
    public Location GetLocation(int start, int end)
    {
        if (_starts.Length == 0)
        {
            return Location.None;
        }

        var from = _starts[System.Math.Max(0, System.Math.Min(start, _starts.Length - 1))];
        var to = _ends[System.Math.Max(0, System.Math.Min(end - 1, _ends.Length - 1))];
        return Location.Create(Tree, TextSpan.FromBounds(from, System.Math.Max(from, to)));
    }

    private static bool Append(ExpressionSyntax expression, StringBuilder text, List<int> starts, List<int> ends)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                AppendToken(literal.Token, isInterpolated: false, text, starts, ends);
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax part)
                    {
                        AppendToken(part.TextToken, isInterpolated: true, text, starts, ends);
                    }
                    else
                    {
                        AppendHole(content, text, starts, ends);
                    }
                }

                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return Append(parenthesized.Expression, text, starts, ends);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                if (!AppendOperand(binary.Left, text, starts, ends))
                {
                    return false;
                }

                return AppendOperand(binary.Right, text, starts, ends);
            default:
                return false;
        }
    }

    private static bool AppendOperand(ExpressionSyntax operand, StringBuilder text, List<int> starts, List<int> ends)
    {
        if (Append(operand, text, starts, ends))
        {
            return true;
        }

        AppendHole(operand, text, starts, ends);
        return true;
    }

    private static void AppendHole(SyntaxNode node, StringBuilder text, List<int> starts, List<int> ends)
    {
        text.Append(Hole);
        starts.Add(node.SpanStart);
        ends.Add(node.Span.End);
    }

    /// <summary>
    /// Appends the token's value, mapping each character to the source span it is written with: escape sequences of regular
    /// strings, doubled quotes of verbatim strings and doubled braces of interpolated strings are decoded from the source text;
    /// for raw strings (no escapes; indentation removed) the value's characters are matched in order against the source text.
    /// </summary>
    private static void AppendToken(SyntaxToken token, bool isInterpolated, StringBuilder text, List<int> starts, List<int> ends)
    {
        var value = token.ValueText;
        var source = token.Text;
        var start = token.SpanStart;
        var opening = isInterpolated && token.Parent?.Parent is InterpolatedStringExpressionSyntax interpolated ? interpolated.StringStartToken.Text : source;
        var isRaw = opening.Contains("\"\"\"");
        var isVerbatim = !isRaw && opening.Contains("@");

        // Skip the opening delimiter of a literal (@" or "); an interpolated string's text token has none.
        var i = isInterpolated || isRaw ? 0 : source.IndexOf('"') + 1;
        if (isRaw)
        {
            foreach (var c in value)
            {
                while (i < source.Length && source[i] != c)
                {
                    i++;
                }

                var at = start + System.Math.Min(i, source.Length - 1);
                text.Append(c);
                starts.Add(at);
                ends.Add(at + 1);
                i++;
            }

            return;
        }

        // The value keeps an interpolated string's doubled braces ({{); everything else is decoded in it.
        var v = 0;
        while (v < value.Length && i < source.Length)
        {
            var c = source[i];
            int length;
            var valueLength = 1;
            if (isInterpolated && c is '{' or '}' && i + 1 < source.Length && source[i + 1] == c)
            {
                length = 2;
                valueLength = v + 1 < value.Length && value[v] == c && value[v + 1] == c ? 2 : 1;
            }
            else if (isVerbatim && c == '"')
            {
                length = 2;
            }
            else if (!isVerbatim && c == '\\' && i + 1 < source.Length)
            {
                length = EscapeLength(source, i);
                valueLength = source[i + 1] == 'U' && v + 1 < value.Length && char.IsHighSurrogate(value[v]) ? 2 : 1;
            }
            else
            {
                length = 1;
            }

            if (valueLength == 2 && value[v] is '{' or '}')
            {
                text.Append(value[v]);
                starts.Add(start + i);
                ends.Add(start + i + length);
            }
            else
            {
                for (var k = 0; k < valueLength; k++)
                {
                    text.Append(value[v + k]);
                    starts.Add(start + i);
                    ends.Add(start + i + length);
                }
            }

            i += length;
            v += valueLength;
        }
    }

    private static int EscapeLength(string source, int backslash)
    {
        var next = source[backslash + 1];
        switch (next)
        {
            case 'u':
                return 6;
            case 'U':
                return 10;
            case 'x':
                var length = 2;
                while (length < 6 && backslash + length < source.Length && IsHexDigit(source[backslash + length]))
                {
                    length++;
                }

                return length;
            default:
                return 2;
        }
    }

    private static bool IsHexDigit(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
