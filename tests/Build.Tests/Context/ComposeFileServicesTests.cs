using Build.Context;

namespace Build.Tests.Context;

public sealed class ComposeFileServicesTests
{
    [Test]
    public void Services_are_the_keys_one_level_under_services()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """
            # comment
            x-common: &common
              restart: unless-stopped
            services:
              orchestrator:
                image: orchestrator:dev
                ports:
                  - "127.0.0.1:18060-18079:8060"
              "reducer":
                <<: *common
            networks:
              default: {}
            """);
        try
        {
            Assert.That(ComposeFileServices.Read(path), Is.EqualTo(new[] { "orchestrator", "reducer" }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
