using System.Buffers;
using System.Text.Json;

namespace Build.Images.Digest;

/// <summary>
/// The text of .build/digest-cache.json: <c>{"version":1,"files":{PATH:{"size":…,"mtime":…,"hashed":…,"sha256":"…"}}}</c>,
/// read and written token by token. Every warm run reads it, and the generated serializer's metadata (built at start,
/// reading each member's attributes) cost more than the reading itself.
/// </summary>
public static class FileHashCacheFile
{
    /// <summary>The format this build reads and writes: a file of another version is rebuilt, not read.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Fills <paramref name="entries"/> from <paramref name="json"/>; returns what is wrong with it, or null. A field
    /// of another type, a missing one or text that is not JSON is wrong; fields the format does not know are skipped.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static string? Read(ReadOnlySpan<byte> json, Dictionary<string, FileHashEntry> entries)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            return "no JSON value";
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"{Describe(ref reader)} instead of an object";
        }

        int? version = null;
        var files = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "version")
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var number))
                {
                    return $"format version {Describe(ref reader)}, this build writes {FormatVersion}";
                }

                version = number;
            }
            else if (name == "files")
            {
                if (ReadFiles(ref reader, entries) is { } problem)
                {
                    return problem;
                }

                files = true;
            }
            else
            {
                reader.Skip();
            }
        }

        // Anything after the object is not JSON: the reader throws.
        reader.Read();
        if (version != FormatVersion)
        {
            return $"format version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}, this build writes {FormatVersion}";
        }

        return files ? null : "no \"files\" object";
    }

    /// <summary>The cache's text: the entries in the order given (the caller sorts them, so that equal caches are equal files).</summary>
    public static byte[] Write(IEnumerable<KeyValuePair<string, FileHashEntry>> entries)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartObject("files");
            foreach (var (path, entry) in entries)
            {
                writer.WriteStartObject(path);
                writer.WriteNumber("size", entry.Size);
                writer.WriteNumber("mtime", entry.ModifiedTicks);
                writer.WriteNumber("hashed", entry.HashedTicks);
                writer.WriteString("sha256", entry.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? ReadFiles(ref Utf8JsonReader reader, Dictionary<string, FileHashEntry> entries)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return "a \"files\" that is not an object";
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var path = reader.GetString()!;
            reader.Read();
            if (ReadEntry(ref reader) is not { } entry)
            {
                return $"the entry of {path} is not {{size, mtime, hashed, sha256}}";
            }

            entries[path] = entry;
        }

        return null;
    }

    /// <summary>One entry, or null when it is not an object of the four fields with sane values.</summary>
    private static FileHashEntry? ReadEntry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? size = null, modified = null, hashed = null;
        string? sha = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "size":
                    size = WholeNumber(ref reader);
                    break;
                case "mtime":
                    modified = WholeNumber(ref reader);
                    break;
                case "hashed":
                    hashed = WholeNumber(ref reader);
                    break;
                case "sha256":
                    sha = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return size >= 0 && modified >= 0 && hashed >= 0 && sha is { Length: 64 } && sha.All(char.IsAsciiHexDigitLower)
            ? new FileHashEntry(size.Value, modified.Value, hashed.Value, sha)
            : null;
    }

    /// <summary>The value at the reader as a note shows it: the number or string as written, else what kind of value it is.</summary>
    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
    };

    private static long? WholeNumber(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        reader.Skip();
        return null;
    }
}
