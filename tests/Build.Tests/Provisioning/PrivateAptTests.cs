using Build.Provisioning;

namespace Build.Tests.Provisioning;

public sealed class PrivateAptTests
{
    [Test]
    public void Every_folder_apt_reads_or_writes_is_its_own()
    {
        var apt = new PrivateApt("/x/apt", Debian13Toolchain.Mirror, Debian13Toolchain.Suite);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(apt.Environment["APT_CONFIG"], Is.EqualTo("/x/apt/apt.conf"));
            Assert.That(apt.Config, Does.Contain("Dir::Etc::Parts \"/x/apt/parts\";").And.Contain("Dir::Etc::sourcelist \"/x/apt/sources.list\";")
                .And.Contain("Dir::State::Lists \"/x/apt/lists\";").And.Contain("Dir::Cache \"/x/apt/cache\";").And.Contain("Debug::NoLocking \"true\";"));
            Assert.That(apt.Sources, Is.EqualTo("deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main\n"));
        }
    }
}
