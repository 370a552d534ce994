using Build.Images;
using Build.Verification;

namespace Build.Tests.Verification;

public sealed class ImageFactsTests
{
    [Test]
    public void Facts_are_read_from_docker_image_inspect_json()
    {
        const string json = """
            [{"Id":"sha256:1","Size":124639378,"Config":{"User":"10001:10001",
              "Healthcheck":{"Test":["CMD","python","-c","pass"],"Interval":10000000000},
              "Labels":{"org.opencontainers.image.title":"t","org.opencontainers.image.version":"0.1.0"}}}]
            """;
        var facts = ImageFacts.Parse("orchestrator:prod", ImageFlavour.Production, json);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(facts.User, Is.EqualTo("10001:10001"));
            Assert.That(facts.HasHealthcheck, Is.True);
            Assert.That(facts.SizeBytes, Is.EqualTo(124639378));
            Assert.That(facts.Labels, Does.ContainKey("org.opencontainers.image.version").WithValue("0.1.0"));
            Assert.That(facts.HasPoetry, Is.Null);
        }
    }

    [TestCase("""[{"Size":1,"Config":{"User":"","Healthcheck":null,"Labels":null}}]""")]
    [TestCase("""[{"Size":1,"Config":{"User":"","Healthcheck":{"Test":["NONE"]}}}]""")]
    [TestCase("""[{"Size":1,"Config":null}]""")]
    public void No_healthcheck_no_user_and_no_labels_are_read_as_such(string json)
    {
        var facts = ImageFacts.Parse("bad", ImageFlavour.Production, json);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(facts.HasHealthcheck, Is.False);
            Assert.That(facts.User, Is.Empty);
            Assert.That(facts.Labels, Is.Empty);
        }
    }
}
