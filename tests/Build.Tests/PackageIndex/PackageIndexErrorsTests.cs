using Build.Images;
using Build.PackageIndex;

namespace Build.Tests.PackageIndex;

public sealed class PackageIndexErrorsTests
{
    [Test]
    public void The_legacy_builder_is_refused_naming_the_index_and_the_way_out()
    {
        var spec = new ImageSpec("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production",
            ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());
        var error = PackageIndexErrors.LegacyBuilderCannotMountSecrets(
            spec, new PackageIndexSource("omninode-index", new Uri("http://127.0.0.1:3141/simple/")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(error.Message, Does.Contain("'omninode-index' (http://127.0.0.1:3141/simple/)"));
            Assert.That(error.Message, Does.Contain("legacy builder"));
            Assert.That(error.Message, Does.Contain("buildx"));
            Assert.That(error.Message, Does.Not.Contain("--build-arg"));
        }
    }
}
