using Build.Bootstrap;

namespace Build.Tests.Bootstrap;

public sealed class BootstrapCommandTests
{
    public static IEnumerable<TestCaseData> BadArguments()
    {
        var sources = new string('a', 64);
        yield return new TestCaseData((object)new[] { BootstrapCommand.Option, "sideways", "/clone", sources, "/cache" }).SetArgDisplayNames("unknown mode");
        yield return new TestCaseData((object)new[] { BootstrapCommand.Option, "background", "clone", sources, "/cache" }).SetArgDisplayNames("relative root");
        yield return new TestCaseData((object)new[] { BootstrapCommand.Option, "background", "/clone", "abc", "/cache" }).SetArgDisplayNames("short hash");
        yield return new TestCaseData((object)new[] { BootstrapCommand.Option, "background" }).SetArgDisplayNames("too few");
    }

    [TestCaseSource(nameof(BadArguments))]
    public void Bad_arguments_are_bad_input_naming_them_and_the_valid_ones(string[] args)
    {
        var output = new StringWriter();

        var exitCode = BootstrapCommand.Run(args, output);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(output.ToString(), Does.Contain("MODE background or foreground").And.Contain(string.Join(' ', args.Skip(1))));
            Assert.That(Directory.Exists("/cache"), Is.False, "nothing written");
        }
    }

    [Test]
    public void Only_its_own_option_is_taken_from_a_host_command_line()
    {
        Assert.That((BootstrapCommand.Handles([BootstrapCommand.Option]), BootstrapCommand.Handles(["--target=Production"]), BootstrapCommand.Handles([])),
            Is.EqualTo((true, false, false)));
    }
}
