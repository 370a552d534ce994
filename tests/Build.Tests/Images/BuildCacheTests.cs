using Build.Images;

namespace Build.Tests.Images;

public sealed class BuildCacheTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static IEnumerable<TestCaseData> GoodValues()
    {
        yield return new TestCaseData("local,dir=/ci/cache", new BuildCache(BuildCacheKind.Local, "/ci/cache")).SetName("Local_with_an_absolute_folder");
        yield return new TestCaseData("local, dir=cache", new BuildCache(BuildCacheKind.Local, "/work/repo/cache"))
            .SetName("Local_folder_is_made_absolute_against_the_working_directory");
        yield return new TestCaseData("gha", new BuildCache(BuildCacheKind.GitHubActions)).SetName("Gha_inside_a_workflow_that_exposes_the_runtime");
    }

    [TestCaseSource(nameof(GoodValues))]
    public void A_good_value_is_the_cache(string value, BuildCache expected)
    {
        var (cache, problem) = BuildCache.Parse(value, "/work/repo", name => name == BuildCache.GitHubRuntimeToken ? "token" : null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem, Is.Null);
            Assert.That(cache, Is.EqualTo(expected));
        }
    }

    [TestCase("registry,ref=x", "'registry' is not a cache type this build exports")]
    [TestCase("local", "type local needs the folder: dir=PATH")]
    [TestCase("local,dir=", "type local needs the folder: dir=PATH")]
    [TestCase("local,dir=/a,mode=max", "type local takes dir only, not mode")]
    [TestCase("local,dir=/a,dir=/b", "'dir=/b' is not a KEY=VALUE given once")]
    [TestCase("local,/a", "'/a' is not a KEY=VALUE given once")]
    [TestCase("gha,scope=x", "type gha takes no settings")]
    public void A_bad_value_is_one_paragraph_with_the_value_and_the_valid_forms(string value, string why)
    {
        var (cache, problem) = BuildCache.Parse(value, "/work/repo", NoEnvironment);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cache, Is.Null);
            Assert.That(problem, Does.StartWith($"--build-cache={value} (or BRIDGE_BUILD_CACHE): {why}"));
            Assert.That(problem, Does.EndWith("Valid forms: --build-cache=local,dir=PATH (a folder of this machine, one sub-folder per image) " +
                "or --build-cache=gha (GitHub Actions' cache, one scope per image)."));
            Assert.That(problem, Does.Not.Contain(Environment.NewLine));
        }
    }

    [Test]
    public void Gha_without_the_runtime_token_says_how_a_workflow_exposes_it()
    {
        var (cache, problem) = BuildCache.Parse("gha", "/work/repo", NoEnvironment);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cache, Is.Null);
            Assert.That(problem, Does.Contain("ACTIONS_RUNTIME_TOKEN").And.Contain("crazy-max/ghaction-github-runtime").And.Contain("local,dir=PATH"));
        }
    }

    [Test]
    public void Each_image_has_a_cache_of_its_own()
    {
        var local = new BuildCache(BuildCacheKind.Local, "/ci/cache");
        var gha = new BuildCache(BuildCacheKind.GitHubActions);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(local.ImportFor("orchestrator-production"), Is.EqualTo("type=local,src=/ci/cache/orchestrator-production"));
            Assert.That(local.ExportFor("reducer-production"), Is.EqualTo("type=local,dest=/ci/cache/reducer-production,mode=max"));
            Assert.That(gha.ImportFor("orchestrator-production"), Is.EqualTo("type=gha,scope=orchestrator-production"));
            Assert.That(gha.ExportFor("reducer-slim"), Is.EqualTo("type=gha,scope=reducer-slim,mode=max"));
        }
    }
}
