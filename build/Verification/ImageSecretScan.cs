using System.Diagnostics;
using System.Text;

namespace Build.Verification;

/// <summary>
/// Looks for the values of build secrets in everything `docker save` writes of an image: every layer, the image
/// config and its history. Only values of at least <see cref="MinimumLength"/> characters are looked for (a user
/// name such as "bridge" is a word the code itself holds). The values are compared, never printed.
/// </summary>
public sealed class ImageSecretScan(string docker, IReadOnlyDictionary<string, string> secrets)
{
    public const int MinimumLength = 8;

    /// <summary>The names of the secrets whose value the image holds; empty when none, or when there is nothing to look for.</summary>
    public IReadOnlyList<string> Scan(string reference)
    {
        var wanted = secrets.Where(pair => pair.Value.Length >= MinimumLength).ToArray();
        if (wanted.Length == 0)
        {
            return [];
        }

        var start = new ProcessStartInfo(docker) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("save");
        start.ArgumentList.Add(reference);
        using var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var found = Find(process.StandardOutput.BaseStream, wanted.ToDictionary(pair => pair.Key, pair => Encoding.UTF8.GetBytes(pair.Value)));
        process.WaitForExit();
        return found;
    }

    /// <summary>The names whose bytes occur in <paramref name="stream"/>, read once in blocks (a value may span two).</summary>
    public static IReadOnlyList<string> Find(Stream stream, IReadOnlyDictionary<string, byte[]> values)
    {
        var longest = values.Values.Max(value => value.Length);
        var buffer = new byte[(1 << 20) + longest];
        var carried = 0;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var span = buffer.AsSpan(0, carried + read);
            foreach (var (name, value) in values)
            {
                if (span.IndexOf(value) >= 0)
                {
                    found.Add(name);
                }
            }

            carried = Math.Min(longest - 1, span.Length);
            span[^carried..].CopyTo(buffer);
        }

        return found.ToArray();
    }
}
