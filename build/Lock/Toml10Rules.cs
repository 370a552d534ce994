using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Build.Lock;

/// <summary>
/// Holds a TOML document to what Poetry and Python's tomllib accept (TOML 1.0). Tomlyn's validating syntax parser
/// rejects keys and tables defined twice; on top of it, the forms TOML 1.1 added and TOML 1.0 readers refuse: an
/// inline table over several lines or with a trailing comma, the <c>\x</c> and <c>\e</c> escapes, a time without seconds.
/// </summary>
public static class Toml10Rules
{
    /// <exception cref="LockFileException">The first violation, with its 1-based line and column.</exception>
    public static void Validate(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.HasErrors)
        {
            var first = document.Diagnostics.First(message => message.Kind == DiagnosticMessageKind.Error);
            throw At(path, first.Span.Start, $"invalid TOML: {first.Message}");
        }

        Walk(document, path);
    }

    private static void Walk(SyntaxNode node, string path)
    {
        switch (node)
        {
            case InlineTableSyntax table:
                CheckSingleLine(table, path);
                break;
            case SyntaxToken { TokenKind: TokenKind.String or TokenKind.StringMulti } token:
                CheckEscapes(token, path);
                break;
            case SyntaxToken { TokenKind: TokenKind.LocalTime or TokenKind.LocalDateTime
                or TokenKind.OffsetDateTimeByZ or TokenKind.OffsetDateTimeByNumber } token:
                CheckSeconds(token, path);
                break;
        }

        for (var index = 0; index < node.ChildrenCount; index++)
        {
            if (node.GetChild(index) is { } child)
            {
                Walk(child, path);
            }
        }
    }

    // TOML 1.0: "inline tables are intended to appear on a single line … no newlines are allowed between the curly
    // braces unless they are valid within a value", and no comma after the last pair.
    private static void CheckSingleLine(InlineTableSyntax table, string path)
    {
        var line = table.OpenBrace!.Span.End.Line;
        var items = table.Items.ToArray();
        for (var index = 0; index < items.Length; index++)
        {
            var item = items[index];
            if (item.KeyValue is not { } pair)
            {
                continue;
            }

            if (pair.Span.Start.Line != line)
            {
                throw At(path, pair.Span.Start,
                    "invalid TOML 1.0: an inline table must stay on one line (Poetry and tomllib reject a newline between its pairs)");
            }

            line = pair.Value?.Span.End.Line ?? line;
            if (item.Comma is { } comma)
            {
                if (index == items.Length - 1)
                {
                    throw At(path, comma.Span.Start, "invalid TOML 1.0: a comma after the last pair of an inline table");
                }

                line = comma.Span.End.Line;
            }
        }

        if (table.CloseBrace is { } close && close.Span.Start.Line != line)
        {
            throw At(path, close.Span.Start,
                "invalid TOML 1.0: an inline table must stay on one line (Poetry and tomllib reject a newline before its closing brace)");
        }
    }

    private static void CheckEscapes(SyntaxToken token, string path)
    {
        var text = token.Text ?? "";
        for (var index = 0; index < text.Length - 1; index++)
        {
            if (text[index] != '\\')
            {
                continue;
            }

            if (text[index + 1] is 'x' or 'e')
            {
                throw At(path, token.Span.Start,
                    $"invalid TOML 1.0: the escape \\{text[index + 1]} (Poetry and tomllib know \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)");
            }

            index++;
        }
    }

    private static void CheckSeconds(SyntaxToken token, string path)
    {
        var text = token.Text ?? "";
        var time = text.IndexOf(':', StringComparison.Ordinal);
        if (time > 0 && (time + 3 >= text.Length || text[time + 3] != ':'))
        {
            throw At(path, token.Span.Start, $"invalid TOML 1.0: the time in {text} has no seconds (HH:MM:SS)");
        }
    }

    private static LockFileException At(string path, TextPosition position, string reason) =>
        new(path, position.Line + 1, position.Column + 1, reason);
}
