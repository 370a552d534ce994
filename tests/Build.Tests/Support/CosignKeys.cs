using Build.Provisioning;
using Build.Tools;

namespace Build.Tests.Support;

/// <summary>
/// Real cosign (the build's own pin, provisioned as a run would) and key pairs made with <c>cosign generate-key-pair</c>
/// in a temp folder, each with its own password; the folder goes on dispose.
/// </summary>
public sealed class CosignKeys : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bridge-cosign-keys-").FullName;

    /// <summary>cosign of <see cref="CosignToolchain"/>, fetched once per machine like the engine toolchain.</summary>
    public static CosignToolchain Toolchain()
    {
        var toolchain = CosignToolchain.From(Environment.GetEnvironmentVariable);
        new Build.Provisioning.CosignProvisioner(new CommandRunner(new ProcessContext()), toolchain).Ensure(_ => { });
        Assert.That(File.Exists(toolchain.Cosign), Is.True, toolchain.Cosign);
        return toolchain;
    }

    /// <summary>A new key pair: (cosign.key, cosign.pub) under a folder named <paramref name="name"/>.</summary>
    public (string PrivateKey, string PublicKey) Generate(string name, string password)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;
        var (exitCode, output) = DockerEngineRequirement.RunIn(folder,
            new Dictionary<string, string?> { ["COSIGN_PASSWORD"] = password, ["TUF_ROOT"] = Path.Combine(_folder, "tuf") },
            Toolchain().Cosign, "generate-key-pair");
        Assert.That(exitCode, Is.Zero, output);
        return (Path.Combine(folder, "cosign.key"), Path.Combine(folder, "cosign.pub"));
    }

    /// <summary>
    /// `cosign verify` or `cosign verify-attestation --type spdxjson` of <paramref name="reference"/> with
    /// <paramref name="publicKey"/>, offline (no transparency log) and over plain http.
    /// </summary>
    public static (int ExitCode, string Output) Verify(string verb, string publicKey, string reference)
    {
        var toolchain = Toolchain();
        string[] type = verb == "verify-attestation" ? ["--type", "spdxjson"] : [];
        return DockerEngineRequirement.RunIn(null, new Dictionary<string, string?> { ["TUF_ROOT"] = toolchain.TufRoot }, toolchain.Cosign,
            [verb, .. type, "--key", publicKey, "--insecure-ignore-tlog", "--allow-insecure-registry", reference]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
