using System.Collections.Generic;
using System.Text;

namespace AwsBestPractice.Analyzers.Infrastructure;

internal enum JsonKind
{
    Object,
    Array,
    String,

    /// <summary>A number, <c>true</c>, <c>false</c>, <c>null</c>, or anything the scanner could not read (an interpolation hole).</summary>
    Other,
}

/// <summary>One value read by <see cref="JsonScanner"/>, with its span [<see cref="Start"/>, <see cref="End"/>) in the scanned text.</summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, int start)
    {
        Kind = kind;
        Start = start;
    }

    public JsonKind Kind { get; }

    public int Start { get; }

    public int End { get; set; }

    /// <summary>The unescaped text of a string.</summary>
    public string? String { get; set; }

    /// <summary>The members of an object, in order (a duplicate name is kept twice).</summary>
    public List<JsonMember>? Members { get; set; }

    /// <summary>The items of an array.</summary>
    public List<JsonValue>? Items { get; set; }

    /// <summary>The value of the first member named <paramref name="name"/> (ordinal), or null.</summary>
    public JsonMember? Get(string name)
    {
        if (Members is { } members)
        {
            foreach (var member in members)
            {
                if (member.Name == name)
                {
                    return member;
                }
            }
        }

        return null;
    }
}

/// <summary>A member of a JSON object: its name, where the name starts (its opening quote) and its value.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, int nameStart, JsonValue value)
    {
        Name = name;
        NameStart = nameStart;
        Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public JsonValue Value { get; }
}

/// <summary>
/// A small, tolerant JSON reader for JSON written in source code (IAM policies in string literals): the analyzer targets
/// netstandard2.0 and ships no System.Text.Json. It never throws: malformed input yields what could be read (an unterminated
/// object keeps the members read so far), trailing commas and single-quoted strings are accepted, anything else it cannot read
/// becomes a <see cref="JsonKind.Other"/> token, and nesting deeper than 64 levels is not read.
/// </summary>
internal static class JsonScanner
{
    private const int MaxDepth = 64;

    /// <summary>Reads the first object or array in <paramref name="text"/>; null when there is none.</summary>
    public static JsonValue? Parse(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '{' or '[')
            {
                var position = i;
                return ReadValue(text, ref position, 0);
            }
        }

        return null;
    }

    private static JsonValue? ReadValue(string text, ref int position, int depth)
    {
        SkipWhitespace(text, ref position);
        if (position >= text.Length || depth > MaxDepth)
        {
            return null;
        }

        switch (text[position])
        {
            case '{':
                return ReadObject(text, ref position, depth);
            case '[':
                return ReadArray(text, ref position, depth);
            case '"' or '\'':
                return ReadString(text, ref position);
            default:
                var value = new JsonValue(JsonKind.Other, position);
                while (position < text.Length && text[position] is not (',' or '}' or ']' or ':') && !char.IsWhiteSpace(text[position]))
                {
                    position++;
                }

                if (position == value.Start)
                {
                    return null; // a stray delimiter: the caller decides what to do with it
                }

                value.End = position;
                return value;
        }
    }

    private static JsonValue ReadObject(string text, ref int position, int depth)
    {
        var result = new JsonValue(JsonKind.Object, position) { Members = new List<JsonMember>() };
        position++; // {
        while (true)
        {
            SkipWhitespace(text, ref position);
            if (position >= text.Length)
            {
                break;
            }

            var c = text[position];
            if (c == '}')
            {
                position++;
                break;
            }

            if (c == ',')
            {
                position++;
                continue;
            }

            if (c is not ('"' or '\''))
            {
                // Not a member name: malformed. Skip to the next delimiter, or end the object on a closing bracket.
                if (c == ']' || !SkipToDelimiter(text, ref position))
                {
                    if (position < text.Length && text[position] == '}')
                    {
                        position++;
                    }

                    break;
                }

                continue;
            }

            var nameStart = position;
            var name = ReadString(text, ref position).String ?? string.Empty;
            SkipWhitespace(text, ref position);
            if (position >= text.Length || text[position] != ':')
            {
                continue;
            }

            position++;
            if (ReadValue(text, ref position, depth + 1) is { } value)
            {
                result.Members!.Add(new JsonMember(name, nameStart, value));
            }
        }

        result.End = position;
        return result;
    }

    private static JsonValue ReadArray(string text, ref int position, int depth)
    {
        var result = new JsonValue(JsonKind.Array, position) { Items = new List<JsonValue>() };
        position++; // [
        while (true)
        {
            SkipWhitespace(text, ref position);
            if (position >= text.Length)
            {
                break;
            }

            var c = text[position];
            if (c == ']')
            {
                position++;
                break;
            }

            if (c == ',')
            {
                position++;
                continue;
            }

            if (c is '}' or ':')
            {
                position++; // malformed: skip the stray delimiter
                continue;
            }

            if (ReadValue(text, ref position, depth + 1) is { } item)
            {
                result.Items!.Add(item);
            }
            else
            {
                break;
            }
        }

        result.End = position;
        return result;
    }

    private static JsonValue ReadString(string text, ref int position)
    {
        var quote = text[position];
        var result = new JsonValue(JsonKind.String, position);
        position++;
        StringBuilder? builder = null;
        var runStart = position;
        while (position < text.Length && text[position] != quote)
        {
            if (text[position] == '\\' && position + 1 < text.Length)
            {
                builder ??= new StringBuilder();
                builder.Append(text, runStart, position - runStart);
                var escaped = text[position + 1];
                position += 2;
                switch (escaped)
                {
                    case 'n': builder.Append('\n'); break;
                    case 't': builder.Append('\t'); break;
                    case 'r': builder.Append('\r'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'u' when position + 4 <= text.Length && TryParseHex(text, position, out var code):
                        builder.Append(code);
                        position += 4;
                        break;
                    default: builder.Append(escaped); break;
                }

                runStart = position;
                continue;
            }

            position++;
        }

        var end = position;
        result.String = builder is null ? text.Substring(runStart, end - runStart) : builder.Append(text, runStart, end - runStart).ToString();
        if (position < text.Length)
        {
            position++; // closing quote
        }

        result.End = position;
        return result;
    }

    private static bool TryParseHex(string text, int start, out char value)
    {
        var code = 0;
        for (var i = start; i < start + 4; i++)
        {
            var c = text[i];
            var digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0)
            {
                value = default;
                return false;
            }

            code = (code * 16) + digit;
        }

        value = (char)code;
        return true;
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    /// <summary>Moves past the current token to the next <c>,</c>; false at a closing brace or the end.</summary>
    private static bool SkipToDelimiter(string text, ref int position)
    {
        while (position < text.Length)
        {
            switch (text[position])
            {
                case ',':
                    position++;
                    return true;
                case '}':
                    return false;
                default:
                    position++;
                    break;
            }
        }

        return false;
    }
}
