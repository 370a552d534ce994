using Build.Images;
using Build.Lock;
using Build.Tools;
using Build.Tools.Poetry;

namespace Build.Tests.Tools.Poetry;

/// <summary>Which Poetry regenerates the lock: the host's when it fits, else a fitting builder image's.</summary>
public sealed class FittingPoetryTests
{
    private static readonly PoetryRequirement Poetry2 = new([(new PoetryConstraint(">=2.0"), "a PEP 621 [project] table")]);
    private static readonly PoetryRequirement Poetry1 = new([(new PoetryConstraint("==1.*"), "poetry.lock was written by Poetry 1.3")]);

    private static (FittingPoetry Fitting, List<string> Log) Choose(PoetryRequirement? requirement, string? host, string? configuredBuilder = null)
    {
        var log = new List<string>();
        var fitting = new FittingPoetry(() => requirement, new Fake("host", host is null ? null : Version.Parse(host)),
            pair => new Fake(pair.BuilderImage, pair.Poetry), configuredBuilder, log.Add);
        return (fitting, log);
    }

    [TestCase("1.3.2")]
    [TestCase(null)]
    public void A_pep_621_project_runs_poetry_2_in_the_debian_13_builder_image_when_the_host_has_no_fitting_poetry(string? host)
    {
        var (fitting, log) = Choose(Poetry2, host);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Fake)fitting.Chosen!).Name, Is.EqualTo(LocalBaseImagePair.Debian13.BuilderImage));
            Assert.That(fitting.Version, Is.EqualTo(new Version(2, 1, 2)));
            Assert.That(log.Single(), Does.Contain("Poetry 2.1.2 runs in the builder image omninode/poetry:2.1.2-trixie"));
        }
    }

    [Test]
    public void A_poetry_1_project_keeps_the_hosts_poetry_1()
    {
        var (fitting, log) = Choose(Poetry1, "1.3.2", LocalBaseImagePair.Debian13.BuilderImage);
        Assert.That(((Fake)fitting.Chosen!).Name, Is.EqualTo("host"));
        Assert.That(log, Is.Empty);
    }

    [Test]
    public void A_host_poetry_that_fits_is_used_without_any_image() =>
        Assert.That(((Fake)Choose(Poetry2, "2.2.1").Fitting.Chosen!).Name, Is.EqualTo("host"));

    [Test]
    public void Without_a_host_poetry_a_project_that_calls_for_none_runs_in_the_configured_builder_image() =>
        Assert.That(((Fake)Choose(null, null, LocalBaseImagePair.Debian13.BuilderImage).Fitting.Chosen!).Name,
            Is.EqualTo(LocalBaseImagePair.Debian13.BuilderImage));

    [Test]
    public void No_fitting_poetry_anywhere_names_what_was_found()
    {
        var requirement = new PoetryRequirement([(new PoetryConstraint(">=3.0"), "[tool.poetry] requires-poetry")]);
        var (fitting, _) = Choose(requirement, "1.3.2");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(fitting.Version, Is.Null);
            Assert.That(fitting.Unavailable, Does.Contain("Poetry >=3.0 ([tool.poetry] requires-poetry)")
                .And.Contain("the host's Poetry 1.3.2 does not fit")
                .And.Contain("omninode/poetry:2.1.2-trixie has Poetry 2.1.2"));
        }
    }

    private sealed class Fake(string name, Version? version) : ILockCommandSource
    {
        public string Name => name;

        public Version? Version => version;

        public ToolCommand LockCommand(string projectDirectory, IReadOnlyList<string> arguments) =>
            ToolCommand.Create(name, new Cake.Core.IO.DirectoryPath(projectDirectory),
                builder => builder.Append(new Cake.Core.IO.Arguments.TextArgument("lock")));

        public int Lock(string projectDirectory, IReadOnlyList<string> arguments, CancellationToken cancel) => 0;

        public int Check(string projectDirectory, CancellationToken cancel) => 0;
    }
}
