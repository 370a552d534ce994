using System.Security.Cryptography;
using System.Text;

namespace Build.Images.Digest;

/// <summary>
/// Everything a `docker build` of one image reads, in a form that hashes the same way every time: the
/// Dockerfile's bytes, the stage, the build arguments, the base images' ids and every context file a COPY/ADD
/// can reach (path, mode, SHA-256), after .dockerignore.
/// </summary>
public sealed record DigestInputs(
    string Dockerfile,
    byte[] DockerfileBytes,
    string Stage,
    IReadOnlyDictionary<string, string> BuildArgs,
    IReadOnlyDictionary<string, string> BaseImageIds,
    IReadOnlyList<ContextFile> Files)
{
    /// <summary>
    /// The same inputs without the context files under <paramref name="folders"/> (relative to the context, no trailing
    /// slash): what an image installs, when those folders hold only the project's own code.
    /// </summary>
    public DigestInputs Without(IReadOnlyList<string> folders) => this with
    {
        Files = Files.Where(file => !folders.Any(folder => file.Path == folder || file.Path.StartsWith(folder + "/", StringComparison.Ordinal))).ToArray(),
    };

    /// <summary>"sha256:&lt;hex&gt;" over a canonical text: one line per input kind, sorted where order is not meaning.</summary>
    public string Digest()
    {
        var text = new StringBuilder();
        text.Append("omninode-input-digest v1\n");
        text.Append("dockerfile ").Append(Dockerfile).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(DockerfileBytes))).Append('\n');
        text.Append("stage ").Append(Stage).Append('\n');
        foreach (var (key, value) in BuildArgs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("arg ").Append(key).Append('=').Append(value).Append('\n');
        }

        foreach (var (image, id) in BaseImageIds.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("base ").Append(image).Append(' ').Append(id).Append('\n');
        }

        foreach (var file in Files.OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            text.Append("file ").Append(file.Path).Append(' ').Append(file.Mode).Append(' ').Append(file.Sha256).Append('\n');
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
