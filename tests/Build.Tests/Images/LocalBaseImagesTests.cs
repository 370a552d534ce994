using Build.Images;
using Build.Provisioning;
using Build.Tests.Support;
using Build.Tools;

namespace Build.Tests.Images;

/// <summary>Making a known pair beside the options' one: what the Test task does for the suites' Poetry 2 builder.</summary>
public sealed class LocalBaseImagesTests
{
    private TestEnvironment.TempDirectory _path = null!;

    // A PATH with an mmdebstrap on it: the installer finds what the script needs and installs nothing.
    [SetUp]
    public void MakePath()
    {
        _path = TestEnvironment.CreateTempDirectory();
        File.WriteAllText(_path.File("mmdebstrap"), "#!/bin/sh\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path.File("mmdebstrap"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
    }

    [TearDown]
    public void DeletePath() => _path.Dispose();

    private (LocalBaseImages Images, RecordingProcessRunner Processes) Images()
    {
        var processes = new RecordingProcessRunner();
        var runner = new CommandRunner(new ProcessContext(processes));
        var installer = new PackageInstaller(runner, new InstallPolicy(NoInstall: true, IsRoot: true, HasApt: true),
            name => name == "PATH" ? _path.Path : null);
        var options = TestOptions.Default() with
            { BaseImage = LocalBaseImagePair.Debian12.RuntimeImage, BuilderImage = LocalBaseImagePair.Debian12.BuilderImage };
        return (new LocalBaseImages(options, [options.BaseImage!, options.BuilderImage!], runner, installer, RunServices.Effects(dryRun: false)), processes);
    }

    [Test]
    public void A_pair_the_engine_lacks_is_made_from_its_own_suite_with_its_own_names()
    {
        var (images, processes) = Images();
        var pair = LocalBaseImagePair.Debian13;

        images.BuildPair(pair, [pair.BuilderImage], "the suites need it");

        var environment = processes.Started.Single().Settings.EnvironmentVariables;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(processes.CommandLines.Single(), Does.EndWith("scripts/base-images.sh"));
            Assert.That(environment["RUNTIME_IMAGE"], Is.EqualTo(pair.RuntimeImage));
            Assert.That(environment["BUILDER_IMAGE"], Is.EqualTo(pair.BuilderImage));
            Assert.That(environment["BASE_SUITE"], Is.EqualTo("trixie"));
        }
    }

    [Test]
    public void A_pair_the_engine_has_is_left_alone()
    {
        var (images, processes) = Images();

        images.BuildPair(LocalBaseImagePair.Debian13, [LocalBaseImagePair.Debian12.RuntimeImage], "the suites need it");

        Assert.That(processes.Started, Is.Empty);
    }
}
