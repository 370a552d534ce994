using System.Text;
using Tomlyn;
using Tomlyn.Model;

namespace Build.Lock;

/// <summary>Reads a TOML file into Tomlyn's model-less <see cref="TomlTable"/>, with located errors.</summary>
public static class TomlFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the file's text as strict UTF-8 (a BOM is skipped; CRLF is fine).</summary>
    /// <exception cref="LockFileException">The file cannot be read or is not UTF-8.</exception>
    public static string ReadText(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException error)
        {
            return Fail(path, $"not valid UTF-8 at byte {error.Index}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail(path, $"cannot be read: {error.Message}", error);
        }
    }

    /// <summary>
    /// Parses TOML text; <paramref name="path"/> is used for messages only. The text is validated first as TOML 1.0,
    /// the dialect of Poetry (tomlkit) and Python's tomllib: Tomlyn's model reader alone lets a duplicate key's last
    /// value win and accepts TOML 1.1 forms, so a file Poetry refuses would otherwise be read here as valid.
    /// </summary>
    /// <exception cref="LockFileException">Invalid TOML, with the first error's line and column.</exception>
    public static TomlTable Parse(string text, string path)
    {
        Toml10Rules.Validate(text, path);
        try
        {
            return TomlSerializer.Deserialize(text, new TomlModel(new TomlSerializerOptions { SourceName = path }).TomlTable)
                ?? new TomlTable();
        }
        catch (TomlException outer)
        {
            // Through a TomlTypeInfo, Tomlyn wraps the parser's error in a conversion error: report the parser's.
            var error = outer;
            while (error.InnerException is TomlException inner)
            {
                error = inner;
            }

            var first = error.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : error.Message;
            throw new LockFileException(path, error.Line, error.Column, $"invalid TOML: {first}", error);
        }
    }

    /// <summary>Reads and parses a TOML file.</summary>
    public static TomlTable Load(string path) => Parse(ReadText(path), path);

    private static string Fail(string path, string reason, Exception inner) =>
        throw new LockFileException(path, null, null, reason, inner);
}
