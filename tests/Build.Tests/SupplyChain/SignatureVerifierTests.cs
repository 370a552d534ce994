using Build.Images;
using Build.SupplyChain;
using Build.Tests.Support;
using Build.Tools;
using Build.Tools.Cosign;
using Cake.Core;

namespace Build.Tests.SupplyChain;

/// <summary>
/// Real cosign (the build's pin) against a real registry on 127.0.0.1: images pushed from the engine, signed and
/// attested by <see cref="ImageSigner"/> with one key pair, checked by cosign itself and by <see cref="SignatureVerifier"/>
/// with that key's public half and with another's.
/// </summary>
[Category("Docker")]
[NonParallelizable]
public sealed class SignatureVerifierTests
{
    private const string PasswordA = "alpha-pass-5c1e";
    private const string SbomTestData = "tests/Build.Tests/SupplyChain/small-image.spdx.json";

    private LocalRegistry? _registry;
    private CosignKeys? _keys;
    private string _root = "";
    private (string PrivateKey, string PublicKey) _a;
    private (string PrivateKey, string PublicKey) _b;
    private CosignCommands? _cosign;
    private readonly Dictionary<string, string> _digests = [];

    [OneTimeSetUp]
    public void PushSignAndAttest()
    {
        LocalRegistry.Require();
        _registry = new LocalRegistry();
        _keys = new CosignKeys();
        _a = _keys.Generate("a", PasswordA);
        _b = _keys.Generate("b", "beta-pass-90d2");
        var toolchain = CosignKeys.Toolchain();
        _cosign = new CosignCommands(toolchain.Cosign, toolchain.TufRoot, transparencyLog: false);
        _root = Directory.CreateTempSubdirectory("bridge-signing-root-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, SbomFiles.Folder));
        File.Copy(Path.Combine(HostRun.RepositoryRoot, SbomTestData), SbomFiles.PathFor(_root, "signed", ImageFlavour.Production));
        File.Copy(Path.Combine(HostRun.RepositoryRoot, SbomTestData), SbomFiles.PathFor(_root, "signedonly", ImageFlavour.Production));
        foreach (var name in new[] { "signed", "signedonly", "unsigned" })
        {
            _digests[name] = BuildAndPush(name);
        }

        var (signer, _, _) = Signer();
        var request = new SigningRequest(_a.PrivateKey, PasswordA, _root);
        signer.Prepare(request, [Spec("signed"), Spec("signedonly")]);
        Assert.That(signer.Sign(request, Spec("signed"), DigestReference("signed")), Is.EqualTo("signed"));
        var (exitCode, output) = Cosign(PasswordA, "sign", "--yes", "--key", _a.PrivateKey, "--tlog-upload=false", "--allow-insecure-registry",
            DigestReference("signedonly"));
        Assert.That(exitCode, Is.Zero, output);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (_registry is not null)
        {
            DockerImages.RemoveRepositories($"{_registry.Address}/signing/");
        }

        _registry?.Dispose();
        _keys?.Dispose();
        if (_root.Length > 0)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void Cosign_accepts_the_signature_and_the_SBOM_attestation_with_the_signers_public_key_and_rejects_them_with_another()
    {
        var reference = Tag("signed");
        var verify = Cosign(null, "verify", "--key", _a.PublicKey, "--insecure-ignore-tlog", "--allow-insecure-registry", reference);
        var attestation = Cosign(null, "verify-attestation", "--type", "spdxjson", "--key", _a.PublicKey, "--insecure-ignore-tlog",
            "--allow-insecure-registry", reference);
        var verifyOther = Cosign(null, "verify", "--key", _b.PublicKey, "--insecure-ignore-tlog", "--allow-insecure-registry", reference);
        var attestationOther = Cosign(null, "verify-attestation", "--type", "spdxjson", "--key", _b.PublicKey, "--insecure-ignore-tlog",
            "--allow-insecure-registry", reference);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verify.ExitCode, Is.Zero, verify.Output);
            Assert.That(attestation.ExitCode, Is.Zero, attestation.Output);
            // The attestation's payload is the SBOM of the repository's test data, SPDX 2.3 with its packages.
            var payload = System.Text.Json.JsonDocument.Parse(attestation.Output.Split('\n').First(line => line.StartsWith('{'))).RootElement;
            var statement = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.GetProperty("payload").GetString()!));
            Assert.That(statement, Does.Contain("\"predicateType\":\"https://spdx.dev/Document\"").And.Contain("SPDX-2.3").And.Contain("starlette"));
            Assert.That(verifyOther.ExitCode, Is.Not.Zero, verifyOther.Output);
            Assert.That(verifyOther.Output, Does.Contain("invalid signature"));
            Assert.That(attestationOther.ExitCode, Is.Not.Zero, attestationOther.Output);
        }
    }

    [Test]
    public void The_verifier_accepts_only_what_the_trusted_key_signed_and_attested_and_says_why_not()
    {
        var (_, runner, _) = Signer();
        var verifier = new SignatureVerifier(runner, () => _cosign!, new SideEffects(), () => PlainHttpRegistries.Loopback);
        var references = new[] { Tag("signed"), DigestReference("signed"), Tag("signedonly"), Tag("unsigned"), Tag("missing") };
        var trusted = verifier.Verify(references, _a.PublicKey).Select(result => (result.Status, result.Refused)).ToArray();
        var other = verifier.Verify([Tag("signed")], _b.PublicKey).Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(trusted[0], Is.EqualTo((ImageVerification.Verified, false)));
            Assert.That(trusted[1], Is.EqualTo((ImageVerification.Verified, false)), "the digest reference Deploy will run");
            Assert.That(trusted[2], Is.EqualTo(("SBOM attestation missing", true)));
            Assert.That(trusted[3], Is.EqualTo(("unsigned (no signatures found)", true)));
            Assert.That(trusted[4].Status, Does.StartWith("not in the registry"));
            Assert.That(trusted[4].Refused, Is.True);
            Assert.That(other.Status, Is.EqualTo("signed by another key (invalid signature)"));
            Assert.That(other.Refused, Is.True);
        }
    }

    [Test]
    public void A_wrong_password_is_found_before_anything_is_pushed_and_never_printed()
    {
        var (signer, _, context) = Signer();
        var failure = Assert.Throws<CakeException>(() => signer.Prepare(new SigningRequest(_a.PrivateKey, "wrong-pass-3e9b", _root), [Spec("signed")]));
        var log = string.Join('\n', context.CollectedLog.Lines);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(failure.Message, Does.Contain("COSIGN_PASSWORD does not decrypt this key (wrong password)"));
            Assert.That(failure.Message, Does.Contain("Nothing was pushed"));
            Assert.That(failure.Message + log, Does.Not.Contain("wrong-pass-3e9b"));
        }
    }

    [Test]
    public void A_missing_SBOM_is_named_before_anything_is_pushed()
    {
        var (signer, _, _) = Signer();
        var failure = Assert.Throws<CakeException>(() => signer.Prepare(new SigningRequest(_a.PrivateKey, PasswordA, _root), [Spec("unsigned")]));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(failure.Message, Does.Contain(SbomFiles.PathFor(_root, "unsigned", ImageFlavour.Production)));
            Assert.That(failure.Message, Does.Contain("the production build writes"));
        }
    }

    private (ImageSigner Signer, CommandRunner Runner, ProcessContext Context) Signer()
    {
        var children = new ChildEnvironment();
        var context = new ProcessContext();
        var runner = new CommandRunner(context, children: children);
        return (new ImageSigner(runner, () => _cosign!, new SideEffects(), children, () => PlainHttpRegistries.Loopback), runner, context);
    }

    private ImageSpec Spec(string name) =>
        new(name, ImageFlavour.Production, Repository(name), "Dockerfile", "production", ["one"],
            new Dictionary<string, string>(), new Dictionary<string, string>());

    private string Repository(string name) => $"{_registry!.Address}/signing/{name}";

    private string Tag(string name) => $"{Repository(name)}:one";

    private string DigestReference(string name) => $"{Repository(name)}@{_digests[name]}";

    /// <summary>
    /// A one-label image on the local base image, pushed; the registry's manifest digest. Tried up to three times: the
    /// engine is shared, and another clone's suite that ends puts back the registry tags its run left, which can take
    /// this one between its build and its push.
    /// </summary>
    private string BuildAndPush(string name)
    {
        var context = Directory.CreateDirectory(Path.Combine(_root, "context-" + name)).FullName;
        File.WriteAllText(Path.Combine(context, "Dockerfile"), $"FROM {DockerImages.PythonImage}\nLABEL org.omninode.signing-test={name}-{Guid.NewGuid():N}\n");
        var pushOutput = "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (buildExit, buildOutput) = DockerEngineRequirement.Docker("build", "--tag", Tag(name), context);
            Assert.That(buildExit, Is.Zero, buildOutput);
            (var pushExit, pushOutput) = DockerEngineRequirement.Docker("push", Tag(name));
            var digest = System.Text.RegularExpressions.Regex.Match(pushOutput, "digest: (sha256:[0-9a-f]{64})");
            if (pushExit == 0 && digest.Success)
            {
                return digest.Groups[1].Value;
            }
        }

        Assert.Fail($"docker push {Tag(name)} failed three times: {pushOutput}");
        return "";
    }

    private static (int ExitCode, string Output) Cosign(string? password, params string[] arguments)
    {
        var toolchain = CosignKeys.Toolchain();
        var environment = new Dictionary<string, string?> { ["TUF_ROOT"] = toolchain.TufRoot, ["COSIGN_PASSWORD"] = password };
        return DockerEngineRequirement.RunIn(null, environment, toolchain.Cosign, arguments);
    }
}
