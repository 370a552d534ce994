using Build.Tools.Cosign;

namespace Build.Tests.Tools.Cosign;

public sealed class CosignCommandsTests
{
    private const string Digest = "127.0.0.1:5000/omninode/reducer@sha256:c23a68c28ad10e2aeeac98567ae915e04a1091c75b7bc795f92a07bc7e21052a";

    private static readonly CosignCommands Offline = new("/t/cosign", "/t/tuf", transparencyLog: false);
    private static readonly CosignCommands Public = new("/t/cosign", "/t/tuf", transparencyLog: true);

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(Offline.PublicKey("/k/cosign.key"), "public-key --key /k/cosign.key").SetName("Public_key_only_decrypts");
        yield return new TestCaseData(Offline.Sign("/k/cosign.key", Digest, insecureRegistry: true),
                $"sign --yes --key /k/cosign.key --tlog-upload=false --allow-insecure-registry {Digest}")
            .SetName("Sign_offline_uploads_nothing");
        yield return new TestCaseData(Public.Sign("/k/cosign.key", Digest, insecureRegistry: false), $"sign --yes --key /k/cosign.key {Digest}")
            .SetName("Sign_with_the_transparency_log_uploads_to_it");
        yield return new TestCaseData(Offline.Attest("/k/cosign.key", Digest, "/r/sbom.spdx.json", insecureRegistry: true),
                $"attest --yes --key /k/cosign.key --type spdxjson --predicate /r/sbom.spdx.json --tlog-upload=false --allow-insecure-registry {Digest}")
            .SetName("Attest_attaches_the_SBOM_as_spdxjson");
        yield return new TestCaseData(Offline.Verify("/k/cosign.pub", Digest, insecureRegistry: true),
                $"verify --key /k/cosign.pub --insecure-ignore-tlog --allow-insecure-registry {Digest}")
            .SetName("Verify_offline_asks_no_log");
        yield return new TestCaseData(Public.VerifyAttestation("/k/cosign.pub", Digest, insecureRegistry: false),
                $"verify-attestation --type spdxjson --key /k/cosign.pub {Digest}")
            .SetName("Verify_attestation_with_the_transparency_log_checks_it");
    }

    [TestCaseSource(nameof(Cases))]
    public void Command_line(Build.Tools.ToolCommand command, string expected)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(command.Program, Is.EqualTo("/t/cosign"));
            Assert.That(string.Join(' ', command.ArgumentList), Is.EqualTo(expected));
            Assert.That(command.Environment, Is.EqualTo(new Dictionary<string, string> { ["TUF_ROOT"] = "/t/tuf" }),
                "the password is never on the command line nor in the command's own variables: ChildEnvironment hands it over");
        }
    }
}
