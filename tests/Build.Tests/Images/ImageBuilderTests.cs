using Build.Images;
using Build.PackageIndex;
using Build.Tests.Support;
using Build.Tools.Docker;

namespace Build.Tests.Images;

public sealed class ImageBuilderTests
{
    private static readonly ImageSpec Reducer = new("reducer", ImageFlavour.Production, "reducer", "deployment/Dockerfile.reducer", "production",
        ["prod"], new Dictionary<string, string>(), new Dictionary<string, string>());

    [TestCase(true, true, ExpectedResult = new[] { "reducer:prod" }, TestName = "BuildKit_reuses_the_layers_of_the_image_it_replaces")]
    [TestCase(true, false, ExpectedResult = new string[0], TestName = "A_first_build_names_no_cache_image_which_BuildKit_would_look_for_in_a_registry")]
    [TestCase(false, true, ExpectedResult = new string[0], TestName = "The_legacy_builder_gets_no_cache_image")]
    public IReadOnlyList<string> Cache_images_of_a_build(bool buildKit, bool replacesAnImage) =>
        ImageBuilder.Settings(Reducer, TestOptions.Default(), buildKit ? DockerBuilder.BuildKitEnvironment : DockerBuilder.Legacy,
            replacesAnImage: replacesAnImage).CacheFrom;

    private static readonly PackageIndexSource LoopbackIndex = new("omninode-index", new Uri("http://127.0.0.1:3141/simple/"));

    [Test]
    public void BuildKit_mounts_the_index_credentials_and_reaches_a_loopback_index_in_the_host_network()
    {
        var settings = ImageBuilder.Settings(Reducer, TestOptions.Default(), DockerBuilder.BuildKitEnvironment, index: LoopbackIndex);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.Secrets, Is.EqualTo(LoopbackIndex.Secrets));
            Assert.That(settings.Network, Is.EqualTo("host"));
        }
    }

    [Test]
    public void A_remote_index_needs_no_host_network_and_a_project_without_one_no_secrets()
    {
        var remote = ImageBuilder.Settings(Reducer, TestOptions.Default(), DockerBuilder.Buildx,
            index: new PackageIndexSource("nexus", new Uri("https://nexus.example/simple/")));
        var none = ImageBuilder.Settings(Reducer, TestOptions.Default(), DockerBuilder.Buildx);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(remote.Network, Is.Null);
            Assert.That(remote.Secrets.Select(secret => secret.Id), Is.EqualTo(new[] { "index_username", "index_password" }));
            Assert.That(none.Secrets, Is.Empty);
        }
    }

    private static IEnumerable<TestCaseData> ExportedCacheCases()
    {
        var local = new BuildCache(BuildCacheKind.Local, "/ci/cache");
        yield return new TestCaseData(local, false, new[] { "type=local,src=/ci/cache/reducer-production" },
                new[] { "type=local,dest=/ci/cache/reducer-production,mode=max" })
            .SetName("A_local_cache_is_a_folder_per_image_read_and_written_without_the_inline_cache");
        yield return new TestCaseData(new BuildCache(BuildCacheKind.GitHubActions), false, new[] { "type=gha,scope=reducer-production" },
                new[] { "type=gha,scope=reducer-production,mode=max" })
            .SetName("The_GitHub_Actions_cache_is_a_scope_per_image");
        yield return new TestCaseData(local, true, Array.Empty<string>(), new[] { "type=local,dest=/ci/cache/reducer-production,mode=max" })
            .SetName("No_cache_imports_nothing_and_still_writes_the_cache_for_the_next_build");
    }

    [TestCaseSource(nameof(ExportedCacheCases))]
    public void An_exported_cache_replaces_the_inline_one(BuildCache cache, bool noCache, string[] from, string[] to)
    {
        var options = TestOptions.Default() with { BuildCache = cache, NoCache = noCache };
        // A first build too: the exported cache needs no image of the engine.
        var settings = ImageBuilder.Settings(Reducer, options, DockerBuilder.Buildx, replacesAnImage: false);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.CacheFrom, Is.EqualTo(from));
            Assert.That(settings.CacheTo, Is.EqualTo(to));
            Assert.That(settings.InlineCache, Is.False);
        }
    }

    [Test]
    public void Without_an_exported_cache_the_build_keeps_the_inline_cache_and_exports_nothing()
    {
        var settings = ImageBuilder.Settings(Reducer, TestOptions.Default(), DockerBuilder.Buildx);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.CacheFrom, Is.EqualTo(new[] { "reducer:prod" }));
            Assert.That(settings.CacheTo, Is.Empty);
            Assert.That(settings.InlineCache, Is.True);
        }
    }

    [Test]
    public void No_cache_asks_for_an_empty_dependency_venv_and_keeps_the_specs_own_arguments()
    {
        var spec = Reducer with { BuildArgs = new Dictionary<string, string> { ["PYTHON_IMAGE"] = "python:3.11" } };
        var noCache = ImageBuilder.Settings(spec, TestOptions.Default() with { NoCache = true }, DockerBuilder.Buildx);
        var cached = ImageBuilder.Settings(spec, TestOptions.Default(), DockerBuilder.Buildx);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(noCache.BuildArgs, Is.EqualTo(new Dictionary<string, string> { ["PYTHON_IMAGE"] = "python:3.11", ["DEPENDENCY_VENV"] = "fresh" }));
            Assert.That(cached.BuildArgs, Is.EqualTo(spec.BuildArgs));
        }
    }
}
