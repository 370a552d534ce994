using System.Text.Json;

namespace Build.Tools;

/// <summary>
/// What the tool probes answered in earlier runs (`docker version` and `docker buildx version` of each docker
/// client, which Compose there is), in .build/tool-probes.json. Each answer is kept with the fingerprint of what it
/// depends on (<see cref="ToolFingerprint"/>: the programs asked, the docker CLI's plugin folders, the engine), and
/// is used again only while that fingerprint is the same. The probes start four to six processes, Compose v1's a
/// Python interpreter: about 0.6 s of every image build and 0.8 s more of every ComposeUp on 2 cores, for answers
/// that change when a program is installed or upgraded. A failed probe is never remembered; one answer per question
/// is kept (the newest), so the file does not grow.
/// </summary>
public sealed class ToolProbeCache
{
    private const int FormatVersion = 1;

    // Questions and fingerprints name program paths; written as they are, not as \u escapes, so the file reads plainly.
    private static readonly ToolProbeJson Json = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private readonly Dictionary<string, (string Fingerprint, string Answer)> _answers;
    private readonly object _gate = new();

    private ToolProbeCache(string? path, Dictionary<string, (string, string)> answers)
    {
        FilePath = path;
        _answers = answers;
    }

    public string? FilePath { get; }

    /// <summary>No file: every question is asked (tests, and runs that must not write under .build/).</summary>
    public static ToolProbeCache None() => new(null, new(StringComparer.Ordinal));

    /// <summary>The answers in <paramref name="path"/>; an unreadable or foreign file counts as empty (and is rewritten).</summary>
    public static ToolProbeCache Load(string path)
    {
        var answers = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        try
        {
            var document = File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), ToolProbeJson.Default.ToolProbeDocument) : null;
            if (document is { Version: FormatVersion, Answers: { } entries })
            {
                foreach (var (question, entry) in entries)
                {
                    if (entry is { Fingerprint: { } fingerprint, Answer: { } answer })
                    {
                        answers[question] = (fingerprint, answer);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException)
        {
            // A cache: what cannot be read is asked again.
            answers.Clear();
        }

        return new ToolProbeCache(path, answers);
    }

    /// <summary>
    /// The answer to <paramref name="question"/> remembered for <paramref name="fingerprint"/>, else
    /// <paramref name="ask"/>'s (remembered when it is not null). Safe to call from several threads.
    /// </summary>
    public string? Answer(string question, string fingerprint, Func<string?> ask)
    {
        lock (_gate)
        {
            if (_answers.TryGetValue(question, out var known) && known.Fingerprint == fingerprint)
            {
                return known.Answer;
            }
        }

        var answer = ask();
        if (answer is not null)
        {
            lock (_gate)
            {
                _answers[question] = (fingerprint, answer);
            }

            Save();
        }

        return answer;
    }

    /// <summary>Written whole to a temporary file and renamed over the old one: a build starting meanwhile reads either.</summary>
    private void Save()
    {
        if (FilePath is null)
        {
            return;
        }

        byte[] bytes;
        lock (_gate)
        {
            var entries = new SortedDictionary<string, ToolProbeAnswer>(StringComparer.Ordinal);
            foreach (var (question, (fingerprint, answer)) in _answers)
            {
                entries[question] = new ToolProbeAnswer(fingerprint, answer);
            }

            bytes = JsonSerializer.SerializeToUtf8Bytes(new ToolProbeDocument(FormatVersion, entries), Json.ToolProbeDocument);
        }

        CacheFile.Replace(FilePath, bytes);
    }
}
