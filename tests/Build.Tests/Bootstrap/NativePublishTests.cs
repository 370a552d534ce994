using Build.Bootstrap;

namespace Build.Tests.Bootstrap;

public sealed class NativePublishTests
{
    [Test]
    public void The_publish_shares_no_build_server_with_other_dotnet_processes()
    {
        var command = new NativePublish("clang", 1, null).Command("/cache/work/x/src/build/Build.csproj", "/cache/work/x/out");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(command.Program, Is.EqualTo("dotnet"));
            Assert.That(command.Arguments.Take(2), Is.EqualTo(new[] { "publish", "/cache/work/x/src/build/Build.csproj" }));
            Assert.That(command.Arguments, Is.SupersetOf(new[] { "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false" }));
            Assert.That(command.Arguments, Is.SupersetOf(new[] { "-p:PublishAot=true", "-p:CppCompilerAndLinker=clang", "--output", "/cache/work/x/out" }));
            Assert.That(command.Environment, Does.ContainKey("DOTNET_CLI_USE_MSBUILD_SERVER").WithValue("0"));
            Assert.That(command.Environment, Does.ContainKey("MSBUILDDISABLENODEREUSE").WithValue("1"));
            Assert.That(command.Environment, Does.ContainKey("DOTNET_PROCESSOR_COUNT").WithValue("1"));
        }
    }

    [Test]
    public void A_stand_in_is_run_with_the_output_folder_alone()
    {
        var command = new NativePublish("gcc", 3, "/tests/fake-native-publish.sh").Command("/src/build/Build.csproj", "/out");

        Assert.That((command.Program, command.Arguments.Single(), command.Environment["DOTNET_PROCESSOR_COUNT"]),
            Is.EqualTo(("/tests/fake-native-publish.sh", "/out", "3")));
    }

    [Test]
    public void The_linker_is_clang_before_gcc_and_none_without_either()
    {
        var bin = Directory.CreateTempSubdirectory("linkers-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(bin, "gcc"), string.Empty);
            var gccOnly = NativePublish.FindLinker("/nonexistent:" + bin);
            File.WriteAllText(Path.Combine(bin, "clang"), string.Empty);
            var both = NativePublish.FindLinker(bin);

            Assert.That((gccOnly, both, NativePublish.FindLinker("/nonexistent")), Is.EqualTo(("gcc", "clang", (string?)null)));
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }
}
