using Build.Tests.Support;

namespace Build.Tests.SupplyChain;

/// <summary>Bad signing input fails before any task: one paragraph naming the value, exit 2, nothing pushed, the password never shown.</summary>
[NonParallelizable]
public sealed class SigningOptionsTests
{
    private const string Password = "correct-horse-7f3a";
    private string _folder = "";

    [SetUp]
    public void CreateKeys()
    {
        _folder = Directory.CreateTempSubdirectory("bridge-signing-options-").FullName;
        File.WriteAllText(Path.Combine(_folder, "cosign.key"),
            "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");
        File.WriteAllText(Path.Combine(_folder, "cosign.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    }

    [TearDown]
    public void DeleteKeys() => Directory.Delete(_folder, recursive: true);

    private string Key(string name) => Path.Combine(_folder, name);

    private static IEnumerable<TestCaseData> BadInput()
    {
        yield return new TestCaseData(new[] { "--target=Push", "--registry=127.0.0.1:5000/omninode", "--sign-key={0}/cosign.pub" }, true,
            "is a public key").SetName("A_public_key_given_to_sign_is_refused");
        yield return new TestCaseData(new[] { "--target=Push", "--registry=127.0.0.1:5000/omninode", "--sign-key={0}/missing.key" }, true,
            "does not exist").SetName("A_missing_sign_key_is_refused");
        yield return new TestCaseData(new[] { "--target=Push", "--sign-key={0}/cosign.key" }, true,
            "no --registry=HOST[:PORT]/NAMESPACE").SetName("A_sign_key_without_a_registry_is_refused");
        yield return new TestCaseData(new[] { "--target=Push", "--registry=127.0.0.1:5000/omninode", "--sign-key={0}/cosign.key" }, false,
            "COSIGN_PASSWORD").SetName("A_sign_key_without_COSIGN_PASSWORD_is_refused");
        yield return new TestCaseData(new[] { "--target=Deploy", "--registry=127.0.0.1:5000/omninode", "--verify-key={0}/cosign.key" }, true,
            "is a private key").SetName("A_private_key_given_to_verify_is_refused");
        yield return new TestCaseData(new[] { "--target=Deploy", "--registry=127.0.0.1:5000/omninode", "--verify-key={0}" }, true,
            "is a folder").SetName("A_folder_given_to_verify_is_refused");
        yield return new TestCaseData(new[] { "--target=Verify", "--verify-key={0}/cosign.pub" }, true,
            "no --registry=HOST[:PORT]/NAMESPACE").SetName("A_verify_key_without_a_registry_is_refused");
    }

    [TestCaseSource(nameof(BadInput))]
    public void Bad_signing_input_fails_before_any_task(string[] arguments, bool withPassword, string expected)
    {
        var environment = withPassword ? new Dictionary<string, string> { ["COSIGN_PASSWORD"] = Password } : null;
        var processes = new RecordingProcessRunner();
        var result = InProcessBuild.In(HostRun.RepositoryRoot, environment, processes,
            [.. arguments.Select(argument => string.Format(System.Globalization.CultureInfo.InvariantCulture, argument, _folder))]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.BadInput), result.All);
            Assert.That(result.All, Does.Contain(expected));
            Assert.That(result.All, Does.Not.Contain(Password));
            Assert.That(result.All, Does.Not.Contain("   at "));
            Assert.That(processes.CommandLines, Is.Empty, "nothing ran: no docker push, no cosign");
        }
    }

    [Test]
    public void A_dry_run_shows_the_cosign_commands_of_Push_and_Deploy_and_never_the_password()
    {
        var written = new List<string>();
        foreach (var service in Build.Images.ImageTable.ServiceNames)
        {
            var path = Build.SupplyChain.SbomFiles.PathFor(HostRun.RepositoryRoot, service, Build.Images.ImageFlavour.Production);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(Path.Combine(HostRun.RepositoryRoot, "tests/Build.Tests/SupplyChain/small-image.spdx.json"), path);
                written.Add(path);
            }
        }

        try
        {
            var environment = new Dictionary<string, string> { ["COSIGN_PASSWORD"] = Password };
            var push = InProcessBuild.In(HostRun.RepositoryRoot, environment, null, "--target=Push", "--exclusive",
                "--registry=127.0.0.1:5000/omninode", $"--sign-key={Key("cosign.key")}", "--dryrun");
            var deploy = InProcessBuild.In(HostRun.RepositoryRoot, null, null, "--target=Deploy", "--exclusive",
                "--registry=127.0.0.1:5000/omninode", $"--verify-key={Key("cosign.pub")}", "--dryrun");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(push.ExitCode, Is.Zero, push.All);
                Assert.That(push.Output, Does.Contain($"cosign public-key --key {Key("cosign.key")}"));
                Assert.That(push.Output, Does.Contain($"cosign sign --yes --key {Key("cosign.key")} --tlog-upload=false --allow-insecure-registry " +
                    "\"127.0.0.1:5000/omninode/reducer@<the digest docker push prints for 127.0.0.1:5000/omninode/reducer:prod>\""));
                Assert.That(push.Output, Does.Contain("cosign attest --yes --key").And.Contain("--type spdxjson --predicate"));
                Assert.That(push.All, Does.Not.Contain(Password));
                Assert.That(deploy.ExitCode, Is.Zero, deploy.All);
                Assert.That(deploy.Output, Does.Contain($"cosign verify --key {Key("cosign.pub")} --insecure-ignore-tlog --allow-insecure-registry " +
                    "127.0.0.1:5000/omninode/orchestrator@{digest-of-orchestrator:"));
                Assert.That(deploy.Output, Does.Contain($"cosign verify-attestation --type spdxjson --key {Key("cosign.pub")}"));
            }
        }
        finally
        {
            written.ForEach(File.Delete);
        }
    }
}
