using Build.Images;
using Build.Tools;
using Build.Tools.Cosign;

namespace Build.SupplyChain;

/// <summary>What Push signs with: the private key, its password (COSIGN_PASSWORD, never printed) and where the SBOMs are.</summary>
public sealed record SigningRequest(string PrivateKey, string Password, string RepositoryRoot);

/// <summary>
/// Push's signatures: every pushed digest signed with cosign, and the image's SBOM attached as a signed attestation
/// (<c>--type spdxjson</c>). Everything that can fail without the registry is checked by <see cref="Prepare"/>, before
/// the first tag is pushed: a registry never holds an image that Push meant to sign and could not.
/// </summary>
/// <param name="plainHttp">The registries the engine speaks plain http to (Push went there in http), asked on first use.</param>
public sealed class ImageSigner(
    ICommandRunner runner, Func<CosignCommands> cosign, ISideEffects effects, ChildEnvironment children, Func<PlainHttpRegistries> plainHttp)
{
    /// <summary>Each image's SBOM exists, cosign is in place, and COSIGN_PASSWORD decrypts the key (cosign public-key asks no registry).</summary>
    public void Prepare(SigningRequest request, IEnumerable<ImageSpec> images)
    {
        ArgumentNullException.ThrowIfNull(request);
        var missing = images.Select(image => SbomFiles.PathFor(request.RepositoryRoot, image.Service, image.Flavour))
            .Where(file => !File.Exists(file)).ToArray();
        if (missing.Length > 0)
        {
            throw BuildErrors.BadOption(
                $"--sign-key attaches each image's SBOM as a signed attestation, but {string.Join(", ", missing)} " +
                $"{(missing.Length == 1 ? "does" : "do")} not exist: the production build writes {SbomFiles.Folder}/SERVICE-production.spdx.json " +
                "(./build.sh --target=Production). Nothing was pushed.");
        }

        children.Set(CosignCommands.PasswordVariable, request.Password);
        var publicKey = cosign().PublicKey(request.PrivateKey);
        effects.Make(() =>
        {
            var result = runner.Capture(publicKey);
            if (!result.Succeeded)
            {
                var decrypt = result.Error.Concat(result.Output).Any(line => line.Contains("decrypt", StringComparison.OrdinalIgnoreCase));
                throw BuildErrors.BadOption(decrypt
                    ? $"--sign-key={request.PrivateKey}: {CosignCommands.PasswordVariable} does not decrypt this key (wrong password). " +
                      $"Set {CosignCommands.PasswordVariable} to the password given to cosign generate-key-pair. Nothing was pushed."
                    : $"--sign-key={request.PrivateKey}: cosign cannot read this key ({string.Join(" ", result.Error).Trim()}). Nothing was pushed.");
            }
        }, () => runner.Show(publicKey));
    }

    /// <summary>Signs REPOSITORY@DIGEST and attests the image's SBOM on it, both beside the image; its status for the report.</summary>
    public string Sign(SigningRequest request, ImageSpec image, string digestReference)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(image);
        var commands = cosign();
        var insecure = plainHttp().Includes(digestReference);
        runner.Run(commands.Sign(request.PrivateKey, digestReference, insecure));
        runner.Run(commands.Attest(request.PrivateKey, digestReference, SbomFiles.PathFor(request.RepositoryRoot, image.Service, image.Flavour), insecure));
        return effects.Make(() => "signed", () => "would sign");
    }
}
