using Build.Provisioning;

namespace Build.Tests.Provisioning;

public sealed class Debian13ToolchainTests
{
    [Test]
    public void The_folder_names_the_upstream_versions_so_a_new_pin_is_a_new_folder()
    {
        var toolchain = Debian13Toolchain.From(_ => null);

        Assert.That(toolchain.Folder, Is.EqualTo("/var/lib/omninode-bridge/toolchains/debian13-docker26.1.5-containerd1.7.24-compose2.26.1-buildx0.13.1"));
    }

    [Test]
    public void BRIDGE_TOOLCHAINS_moves_the_toolchains()
    {
        var toolchain = Debian13Toolchain.From(name => name == Debian13Toolchain.ToolchainsVariable ? "/tmp/tc" : null);

        Assert.That(toolchain.Dockerd, Is.EqualTo($"/tmp/tc/{Debian13Toolchain.Name}/bin/dockerd"));
    }
}
