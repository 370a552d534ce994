namespace Build.SupplyChain;

/// <summary>What checking one image against a public key found: its status for the report, and whether Deploy must refuse it.</summary>
public sealed record ImageVerification(string Reference, string Status, bool Refused)
{
    public const string Verified = "verified";

    public const string Planned = "would verify";

    /// <summary>cosign verify's answer, in the words a reader acts on; null when the signature checked out.</summary>
    public static string? SignatureFailure(Tools.CommandResult result) =>
        result.Succeeded ? null : Text(result) switch
        {
            var text when text.Contains("no signatures found", StringComparison.OrdinalIgnoreCase) => "unsigned (no signatures found)",
            var text when text.Contains("invalid signature", StringComparison.OrdinalIgnoreCase)
                || text.Contains("no matching signatures", StringComparison.OrdinalIgnoreCase) => "signed by another key (invalid signature)",
            var text when text.Contains("MANIFEST_UNKNOWN", StringComparison.Ordinal) || text.Contains("NAME_UNKNOWN", StringComparison.Ordinal)
                => "not in the registry (" + Cause(result) + ")",
            _ => "not verified (" + Cause(result) + ")",
        };

    /// <summary>cosign verify-attestation's answer for the SBOM (spdxjson) attestation; null when one checked out.</summary>
    public static string? AttestationFailure(Tools.CommandResult result) =>
        result.Succeeded ? null : Text(result) switch
        {
            var text when text.Contains("no matching attestations", StringComparison.OrdinalIgnoreCase)
                && text.Contains("threshold", StringComparison.OrdinalIgnoreCase) => "SBOM attestation signed by another key",
            var text when text.Contains("no matching attestations", StringComparison.OrdinalIgnoreCase) => "SBOM attestation missing",
            _ => "SBOM attestation not verified (" + Cause(result) + ")",
        };

    private static string Text(Tools.CommandResult result) => string.Join('\n', result.Error.Concat(result.Output));

    /// <summary>cosign's own "Error: …" line, else its last line, else its exit code.</summary>
    private static string Cause(Tools.CommandResult result)
    {
        var lines = result.Error.Concat(result.Output).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
        return lines.FirstOrDefault(line => line.StartsWith("Error: ", StringComparison.Ordinal))?["Error: ".Length..]
            ?? lines.LastOrDefault() ?? $"exit code {result.ExitCode}";
    }
}
