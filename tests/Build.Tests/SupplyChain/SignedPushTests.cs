using System.Text.Json;
using Build.Images;
using Build.SupplyChain;
using Build.Tests.Support;

namespace Build.Tests.SupplyChain;

/// <summary>
/// The build's own Push --sign-key and Verify --verify-key against a real registry with real cosign: what Push signed,
/// cosign accepts with the signer's public key and rejects with another; Verify refuses the other key's images by name.
/// Deploy --verify-key needs a swarm manager (it verifies the digests the manager reads from the registry, the ones the
/// stack will run): VerifiedDeployTests, on a lab.
/// </summary>
[Category("Docker")]
[Category("Host")]
[NonParallelizable]
public sealed class SignedPushTests
{
    private const string Password = "push-pass-41d7";
    private const string SbomTestData = "tests/Build.Tests/SupplyChain/small-image.spdx.json";

    private LocalRegistry? _registry;
    private CosignKeys? _keys;
    private (string PrivateKey, string PublicKey) _trusted;
    private (string PrivateKey, string PublicKey) _other;
    private readonly List<string> _sbomsWritten = [];
    private HostResult? _push;

    private string Prefix => $"{_registry!.Address}/omninode";

    [OneTimeSetUp]
    public void PushSigned()
    {
        LocalRegistry.Require();
        _registry = new LocalRegistry();
        _keys = new CosignKeys();
        _trusted = _keys.Generate("trusted", Password);
        _other = _keys.Generate("other", "other-pass-0b6c");
        // The production build writes these; where it has not, the repository's test SBOM stands in.
        foreach (var service in ImageTable.ServiceNames)
        {
            var path = SbomFiles.PathFor(HostRun.RepositoryRoot, service, ImageFlavour.Production);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(Path.Combine(HostRun.RepositoryRoot, SbomTestData), path);
                _sbomsWritten.Add(path);
            }
        }

        _push = HostRun.In(HostRun.RepositoryRoot, new Dictionary<string, string> { ["COSIGN_PASSWORD"] = Password },
            "--target=Push", $"--registry={Prefix}", $"--sign-key={_trusted.PrivateKey}", $"--docker={DockerEngineRequirement.BuildKitClient}");
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _sbomsWritten.ForEach(File.Delete);
        if (_registry is not null)
        {
            DockerImages.RemoveRepositories($"{Prefix}/");
        }

        _registry?.Dispose();
        _keys?.Dispose();
    }

    [Test]
    public void Push_signs_every_pushed_digest_and_never_prints_the_password()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_push!.ExitCode, Is.Zero, _push.All);
            foreach (var service in ImageTable.ServiceNames)
            {
                Assert.That(_push.Output,
                    Does.Match($@"cosign sign --yes --key \S+ --tlog-upload=false --allow-insecure-registry {Prefix}/{service}@sha256:[0-9a-f]{{64}}"));
                Assert.That(_push.Output, Does.Match($@"cosign attest --yes --key \S+ --type spdxjson --predicate \S+{service}-production.spdx.json"));
            }

            Assert.That(_push.All, Does.Not.Contain(Password));
        }
    }

    [Test]
    public void Cosign_accepts_what_Push_signed_with_the_public_key_and_rejects_it_with_another()
    {
        Assert.That(_push!.ExitCode, Is.Zero, _push.All);
        foreach (var service in ImageTable.ServiceNames)
        {
            var reference = $"{Prefix}/{service}:prod";
            using (Assert.EnterMultipleScope())
            {
                Assert.That(CosignKeys.Verify("verify", _trusted.PublicKey, reference).ExitCode, Is.Zero);
                Assert.That(CosignKeys.Verify("verify-attestation", _trusted.PublicKey, reference).ExitCode, Is.Zero);
                Assert.That(CosignKeys.Verify("verify", _other.PublicKey, reference).ExitCode, Is.Not.Zero);
                Assert.That(CosignKeys.Verify("verify-attestation", _other.PublicKey, reference).ExitCode, Is.Not.Zero);
            }
        }
    }

    [Test]
    public void Verify_with_the_trusted_key_passes_and_reports_each_image_verified()
    {
        Assert.That(_push!.ExitCode, Is.Zero, _push.All);
        var report = Path.Combine(Path.GetTempPath(), $"bridge-verify-report-{Guid.NewGuid():N}.json");
        try
        {
            var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Verify", $"--registry={Prefix}", $"--verify-key={_trusted.PublicKey}",
                $"--report={report}", $"--docker={DockerEngineRequirement.BuildKitClient}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(result.ExitCode, Is.Zero, result.All);
                Assert.That(result.Output, Does.Contain($"{Prefix}/orchestrator:prod: signature verified"));
                var images = JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("images").EnumerateArray()
                    .Where(image => image.GetProperty("flavour").GetString() == "production").ToArray();
                Assert.That(images.Select(image => image.GetProperty("signature").GetString()), Is.All.EqualTo("verified"));
            }
        }
        finally
        {
            File.Delete(report);
            File.Delete(Path.ChangeExtension(report, ".html"));
        }
    }

    [Test]
    public void Verify_with_another_key_names_each_image_signed_by_another_key()
    {
        Assert.That(_push!.ExitCode, Is.Zero, _push.All);
        var result = HostRun.In(HostRun.RepositoryRoot, null, "--target=Verify", $"--registry={Prefix}", $"--verify-key={_other.PublicKey}",
            $"--docker={DockerEngineRequirement.BuildKitClient}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.VerifyViolations), result.All);
            foreach (var service in ImageTable.ServiceNames)
            {
                Assert.That(result.All, Does.Contain($"{Prefix}/{service}:prod: signed by another key (invalid signature)"));
            }
        }
    }
}
