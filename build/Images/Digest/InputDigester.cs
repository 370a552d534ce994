using System.Text;
using System.Text.RegularExpressions;

namespace Build.Images.Digest;

/// <summary>
/// Computes <see cref="DigestInputs"/> for an image from the context directory, a <see cref="FileHashCache"/>
/// and a base-image lookup (`docker image inspect`), which answers null for an image the engine does not have.
/// </summary>
public sealed class InputDigester(string contextRoot, FileHashCache cache, Func<string, string?> baseImageId)
{
    /// <summary>What an unknown base image contributes: its name and this marker.</summary>
    public const string MissingImage = "missing";

    private readonly DockerIgnore _ignore = DockerIgnore.Read(contextRoot);

    public FileHashCache Cache => cache;

    public DigestInputs Inputs(string dockerfile, string stage, IReadOnlyDictionary<string, string> buildArgs)
    {
        var dockerfileBytes = File.ReadAllBytes(System.IO.Path.Combine(contextRoot, dockerfile));
        var parsed = DockerfileInputs.Parse(Encoding.UTF8.GetString(dockerfileBytes));
        var bases = parsed.BaseImages(buildArgs).ToDictionary(image => image, image => baseImageId(image) ?? MissingImage, StringComparer.Ordinal);
        var files = new SortedDictionary<string, ContextFile>(StringComparer.Ordinal);
        foreach (var source in parsed.ContextSources)
        {
            AddSource(source, files);
        }

        return new DigestInputs(dockerfile, dockerfileBytes, stage, buildArgs, bases, files.Values.ToArray());
    }

    public string Digest(string dockerfile, string stage, IReadOnlyDictionary<string, string> buildArgs) => Inputs(dockerfile, stage, buildArgs).Digest();

    /// <summary>The base images a Dockerfile's stages start from, for these build arguments (to inspect them in one go).</summary>
    public IReadOnlyList<string> BaseImages(string dockerfile, IReadOnlyDictionary<string, string> buildArgs) =>
        DockerfileInputs.Parse(File.ReadAllText(System.IO.Path.Combine(contextRoot, dockerfile))).BaseImages(buildArgs);

    private void AddSource(string source, SortedDictionary<string, ContextFile> files)
    {
        if (source.Contains("://", StringComparison.Ordinal))
        {
            // ADD <url>: a remote input; its text is in the Dockerfile's bytes already.
            return;
        }

        var cleaned = DockerIgnore.CleanPath(source.TrimStart('/'));
        if (cleaned.Length == 0)
        {
            AddDirectory("", files);
            return;
        }

        if (cleaned.IndexOfAny(['*', '?', '[']) < 0)
        {
            AddPath(cleaned, files, missingMatters: true);
            return;
        }

        foreach (var match in Glob(cleaned))
        {
            AddPath(match, files, missingMatters: false);
        }
    }

    private void AddPath(string relative, SortedDictionary<string, ContextFile> files, bool missingMatters)
    {
        var full = System.IO.Path.Combine(contextRoot, relative);
        if (Directory.Exists(full))
        {
            if (!_ignore.CanSkipDirectory(relative))
            {
                AddDirectory(relative, files);
            }
        }
        else if (File.Exists(full))
        {
            if (!_ignore.IsIgnored(relative))
            {
                AddFile(relative, new FileInfo(full), files);
            }
        }
        else if (missingMatters)
        {
            // The build fails on it; once the file appears, the digest must differ.
            files[relative] = new ContextFile(relative, "-", MissingImage);
        }
    }

    private void AddDirectory(string relative, SortedDictionary<string, ContextFile> files)
    {
        var full = relative.Length == 0 ? contextRoot : System.IO.Path.Combine(contextRoot, relative);
        foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry is DirectoryInfo)
            {
                if (!_ignore.CanSkipDirectory(path))
                {
                    AddDirectory(path, files);
                }
            }
            else if (!_ignore.IsIgnored(path))
            {
                AddFile(path, (FileInfo)entry, files);
            }
        }
    }

    private void AddFile(string relative, FileInfo info, SortedDictionary<string, ContextFile> files)
    {
        var mode = OperatingSystem.IsWindows() ? "-" : Convert.ToString((int)info.UnixFileMode, 8);
        files[relative] = new ContextFile(relative, mode, cache.Hash(info.FullName, info));
    }

    /// <summary>Context paths matching a COPY source with wildcards, segment by segment (Go's filepath.Match).</summary>
    private IEnumerable<string> Glob(string pattern)
    {
        var candidates = new List<string> { "" };
        foreach (var segment in pattern.Split('/'))
        {
            var next = new List<string>();
            var regex = segment.IndexOfAny(['*', '?', '[']) < 0 ? null : GoMatch(segment);
            foreach (var directory in candidates)
            {
                var full = directory.Length == 0 ? contextRoot : System.IO.Path.Combine(contextRoot, directory);
                if (!Directory.Exists(full))
                {
                    continue;
                }

                if (regex is null)
                {
                    next.Add(directory.Length == 0 ? segment : directory + "/" + segment);
                    continue;
                }

                next.AddRange(new DirectoryInfo(full).EnumerateFileSystemInfos()
                    .Where(entry => regex.IsMatch(entry.Name))
                    .Select(entry => directory.Length == 0 ? entry.Name : directory + "/" + entry.Name));
            }

            candidates = next;
        }

        return candidates.Where(path => File.Exists(System.IO.Path.Combine(contextRoot, path)) || Directory.Exists(System.IO.Path.Combine(contextRoot, path)));
    }

    /// <summary>Go's filepath.Match for one segment: `*`, `?`, `[a-z]`, `[^x]`, `\` escapes.</summary>
    public static Regex GoMatch(string segment) => DockerIgnore.Compile(segment);
}
