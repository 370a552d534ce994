using Build.SupplyChain;
using Build.Tools;

namespace Build.Tests.SupplyChain;

/// <summary>cosign 2.5.0's own answers (seen against a real registry, see SignatureVerifierTests) and the words the refusal uses.</summary>
public sealed class ImageVerificationTests
{
    private const string Skipping = "WARNING: Skipping tlog verification is an insecure practice that lacks transparency and auditability verification.";

    private static CommandResult Failed(int exitCode, string error) =>
        new(exitCode, [], [Skipping, "Error: " + error, "error during command execution: " + error]);

    [TestCase(10, "no signatures found", "unsigned (no signatures found)")]
    [TestCase(12, "no matching signatures: invalid signature when validating ASN.1 encoded signature", "signed by another key (invalid signature)")]
    [TestCase(11, "image tag not found: GET http://127.0.0.1:5077/v2/t/small/manifests/three: MANIFEST_UNKNOWN: manifest unknown",
        "not in the registry (image tag not found: GET http://127.0.0.1:5077/v2/t/small/manifests/three: MANIFEST_UNKNOWN: manifest unknown)")]
    [TestCase(1, "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused",
        "not verified (Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused)")]
    public void A_signature_failure_says_what_failed(int exitCode, string error, string expected) =>
        Assert.That(ImageVerification.SignatureFailure(Failed(exitCode, error)), Is.EqualTo(expected));

    [TestCase("no matching attestations: ", "SBOM attestation missing")]
    [TestCase("no matching attestations: accepted signatures do not match threshold, Found: 0, Expected 1", "SBOM attestation signed by another key")]
    public void An_attestation_failure_says_what_failed(string error, string expected) =>
        Assert.That(ImageVerification.AttestationFailure(Failed(1, error)), Is.EqualTo(expected));

    [Test]
    public void Success_is_no_failure()
    {
        var success = new CommandResult(0, ["[{\"critical\":{}}]"], [Skipping]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ImageVerification.SignatureFailure(success), Is.Null);
            Assert.That(ImageVerification.AttestationFailure(success), Is.Null);
        }
    }
}
