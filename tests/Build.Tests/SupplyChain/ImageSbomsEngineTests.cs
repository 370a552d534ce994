using Build.Images;
using Build.SupplyChain;
using Build.Tests.Support;
using Build.Tools.Docker;
using Cake.Core.IO;

namespace Build.Tests.SupplyChain;

/// <summary>
/// The generator run inside a real image (the local runtime base plus a venv with one distribution): the SBOM the
/// build writes names the image's Debian packages and the venv's distribution. Needs a docker engine.
/// </summary>
[Category("Docker")]
public sealed class ImageSbomsEngineTests
{
    private const string BaseImage = DockerImages.PythonImage;
    private readonly string _tag = $"sbom-sample-test:{Guid.NewGuid():N}"[..36];

    [SetUp]
    public void NeedsAnEngineAndTheBaseImage()
    {
        DockerEngineRequirement.Require();
        if (DockerEngineRequirement.Docker("image", "inspect", BaseImage).ExitCode != 0)
        {
            TestEnvironment.IgnoreExceptOnCi($"The local base image {BaseImage} is missing: ./build.sh --target=BaseImages builds it.");
        }
    }

    [TearDown]
    public void RemoveImage() => DockerEngineRequirement.Docker("image", "rm", "--force", _tag);

    [Test]
    public void The_SBOM_of_a_built_image_lists_its_Debian_packages_and_its_venv_s_distributions()
    {
        using var repository = new TestRepository();
        var generator = Path.Combine(HostRun.RepositoryRoot, SbomCommands.GeneratorFolder, "sbom_generator.py");
        repository.Write(SbomCommands.GeneratorFolder + "/sbom_generator.py", File.ReadAllText(generator));
        repository.Write("Dockerfile", $"""
            FROM {BaseImage}
            RUN set -eux; \
                python3 -m venv --without-pip /app/.venv; \
                metadata=/app/.venv/lib/python3.11/site-packages/sample_dist-1.2.3.dist-info; \
                mkdir -p "$metadata"; \
                printf 'Metadata-Version: 2.1\nName: sample-dist\nVersion: 1.2.3\nLicense-Expression: MIT\n' > "$metadata/METADATA"
            USER 10001:10001
            """);
        var build = DockerEngineRequirement.RunIn(repository.Root, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = "1" },
            DockerEngineRequirement.BuildKitClient, "build", "--tag", _tag, ".");
        Assert.That(build.ExitCode, Is.Zero, build.Output);

        var cake = new ProcessContext();
        var sboms = new ImageSboms(new DirectoryPath(repository.Root), () => "sample-dist", RunServices.Runner(cake, dryRun: false),
            () => new DockerCommands(DockerEngineRequirement.BuildKitClient, new DirectoryPath(repository.Root)), RunServices.Effects(dryRun: false), cake.Log,
            _ => "sha256:packages");
        var spec = new ImageSpec("sample", ImageFlavour.Slim, _tag.Split(':')[0], "Dockerfile", "runtime", [_tag.Split(':')[1]],
            new Dictionary<string, string>(), new Dictionary<string, string>());

        var summary = sboms.Write(spec)!;

        var document = SupplyChainJson.ReadSpdx(File.ReadAllText(SbomFiles.PathFor(repository.Root, "sample", ImageFlavour.Slim)))!;
        var packages = document.Packages!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(summary.DebianPackages, Is.GreaterThan(50), "the runtime base's dpkg database");
            Assert.That(packages.Where(package => package.Kind == "deb").Select(package => package.Name), Does.Contain("python3").And.Contain("libc6"));
            Assert.That(summary.PythonDistributions, Is.EqualTo(1));
            var sample = packages.Single(package => package.Kind == "pypi");
            Assert.That((sample.Name, sample.Version, sample.LicenseDeclared), Is.EqualTo(("sample-dist", "1.2.3", "MIT")));
            Assert.That(document.DocumentDescribes, Is.EqualTo(new[] { sample.Id }), "the project's distribution describes the image");
        }
    }
}
