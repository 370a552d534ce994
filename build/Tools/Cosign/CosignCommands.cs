using Cake.Core.IO;

namespace Build.Tools.Cosign;

/// <summary>
/// cosign's command lines, in one place for the real and the dry run. Offline unless <paramref name="transparencyLog"/>:
/// signing uploads nothing (<c>--tlog-upload=false</c>) and verifying asks no log (<c>--insecure-ignore-tlog</c>), which
/// is what a machine that reaches only its own registry can do. The key's password is never an argument: cosign reads
/// COSIGN_PASSWORD from its environment, which <see cref="ChildEnvironment"/> hands it.
/// </summary>
/// <param name="cosign">The cosign program.</param>
/// <param name="tufRoot">cosign's TUF cache folder, the build's own (cosign would create $HOME/.sigstore).</param>
/// <param name="transparencyLog">Upload signatures to the public transparency log and check them there.</param>
public sealed class CosignCommands(string cosign, string tufRoot, bool transparencyLog)
{
    public const string PasswordVariable = "COSIGN_PASSWORD";

    /// <summary>The SBOM attestation's predicate type: SPDX JSON.</summary>
    public const string SbomPredicateType = "spdxjson";

    private static readonly DirectoryPath WorkingDirectory = new("/");

    public string Program => cosign;

    /// <summary>`cosign public-key --key KEY`: decrypts the private key with COSIGN_PASSWORD, asks no registry.</summary>
    public ToolCommand PublicKey(string privateKey) =>
        Create(arguments => arguments.Append("public-key").AppendOption("--key", privateKey));

    /// <summary>`cosign sign`: signs one image by digest (REPOSITORY@sha256:…), the signature pushed beside it.</summary>
    public ToolCommand Sign(string privateKey, string digestReference, bool insecureRegistry) =>
        Create(arguments => Registry(Log(arguments.Append("sign").Append("--yes").AppendOption("--key", privateKey), upload: true), insecureRegistry)
            .AppendValue(digestReference));

    /// <summary>`cosign attest --type spdxjson --predicate FILE`: the SBOM as a signed in-toto attestation of the image.</summary>
    public ToolCommand Attest(string privateKey, string digestReference, string predicateFile, bool insecureRegistry) =>
        Create(arguments => Registry(Log(arguments.Append("attest").Append("--yes").AppendOption("--key", privateKey)
                .AppendOption("--type", SbomPredicateType).AppendOption("--predicate", predicateFile), upload: true), insecureRegistry)
            .AppendValue(digestReference));

    /// <summary>`cosign verify --key PUB`: a signature of the image made with the key's private half.</summary>
    public ToolCommand Verify(string publicKey, string reference, bool insecureRegistry) =>
        Create(arguments => Registry(Log(arguments.Append("verify").AppendOption("--key", publicKey), upload: false), insecureRegistry)
            .AppendValue(reference));

    /// <summary>`cosign verify-attestation --type spdxjson --key PUB`: an SBOM attestation signed with the key's private half.</summary>
    public ToolCommand VerifyAttestation(string publicKey, string reference, bool insecureRegistry) =>
        Create(arguments => Registry(Log(arguments.Append("verify-attestation").AppendOption("--type", SbomPredicateType)
            .AppendOption("--key", publicKey), upload: false), insecureRegistry).AppendValue(reference));

    private ProcessArgumentBuilder Log(ProcessArgumentBuilder arguments, bool upload) =>
        transparencyLog ? arguments : arguments.Append(upload ? "--tlog-upload=false" : "--insecure-ignore-tlog");

    /// <summary>cosign speaks https to a registry unless told it may fall back to plain http (a registry on 127.0.0.1 here).</summary>
    private static ProcessArgumentBuilder Registry(ProcessArgumentBuilder arguments, bool insecureRegistry) =>
        insecureRegistry ? arguments.Append("--allow-insecure-registry") : arguments;

    private ToolCommand Create(Action<ProcessArgumentBuilder> arguments) =>
        ToolCommand.Create(cosign, WorkingDirectory, arguments, new Dictionary<string, string> { ["TUF_ROOT"] = tufRoot });
}
