using Build.Tools;
using Build.Tools.Cosign;

namespace Build.SupplyChain;

/// <summary>
/// Checks images in their registry against a public key before anything runs them: a cosign signature made with the
/// key's private half, and an SBOM attestation (spdxjson) signed by it. cosign resolves a tag to the digest the
/// registry holds now; a digest reference pins the very image that will run. Both questions are read-only, and the dry
/// run shows them instead (cosign may not be provisioned there).
/// </summary>
/// <param name="plainHttp">The registries the engine speaks plain http to, asked on first use.</param>
public sealed class SignatureVerifier(ICommandRunner runner, Func<CosignCommands> cosign, ISideEffects effects, Func<PlainHttpRegistries> plainHttp)
{
    /// <summary>One result per reference, in order; nothing is changed anywhere.</summary>
    public IReadOnlyList<ImageVerification> Verify(IReadOnlyList<string> references, string publicKey)
    {
        ArgumentNullException.ThrowIfNull(references);
        var commands = cosign();
        var registries = plainHttp();
        return effects.Make(
            () => references.Select(reference => Check(commands, reference, publicKey, registries.Includes(reference))).ToArray(),
            () => references.Select(reference =>
            {
                runner.Show(commands.Verify(publicKey, reference, registries.Includes(reference)));
                runner.Show(commands.VerifyAttestation(publicKey, reference, registries.Includes(reference)));
                return new ImageVerification(reference, ImageVerification.Planned, Refused: false);
            }).ToArray());
    }

    private ImageVerification Check(CosignCommands commands, string reference, string publicKey, bool insecure)
    {
        if (ImageVerification.SignatureFailure(runner.Capture(commands.Verify(publicKey, reference, insecure))) is { } signature)
        {
            return new ImageVerification(reference, signature, Refused: true);
        }

        return ImageVerification.AttestationFailure(runner.Capture(commands.VerifyAttestation(publicKey, reference, insecure))) is { } attestation
            ? new ImageVerification(reference, attestation, Refused: true)
            : new ImageVerification(reference, ImageVerification.Verified, Refused: false);
    }

    /// <summary>The refusal: every image that failed and why, the key, and that nothing was changed.</summary>
    public static string Refusal(IReadOnlyList<ImageVerification> results, string publicKey, string unchanged)
    {
        ArgumentNullException.ThrowIfNull(results);
        var refused = results.Where(result => result.Refused).ToArray();
        return $"{refused.Length} of {results.Count} image(s) could not be verified against the public key {publicKey}; {unchanged}:" +
            Environment.NewLine + string.Join(Environment.NewLine, refused.Select(result => $"  - {result.Reference}: {result.Status}"));
    }
}
