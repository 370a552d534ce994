using Build.Context;
using Build.Tests.Support;
using Cake.Core;
using Cake.Core.Configuration;

namespace Build.Tests.Context;

/// <summary>Each option is read through its one definition: its environment variable, its default, its type.</summary>
public sealed class OptionReaderTests
{
    private sealed class NoConfiguration : ICakeConfiguration
    {
        public string? GetValue(string key) => null;
    }

    private static OptionReader Reader(string[] arguments, Dictionary<string, string>? environment = null) => new(
        new CakeArguments(arguments.Select(argument => argument.TrimStart('-').Split('=', 2))
            .ToLookup(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "true", StringComparer.OrdinalIgnoreCase)),
        name => environment?.GetValueOrDefault(name),
        new NoConfiguration());

    [Test]
    public void Without_a_value_each_option_has_the_default_its_definition_declares()
    {
        var reader = Reader([]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.Read(OptionNames.WaitTimeout), Is.EqualTo(120));
            Assert.That(reader.Read(OptionNames.ReportPath), Is.EqualTo("artifacts/build-report.json"));
            Assert.That(reader.Read(OptionNames.Parallel), Is.True);
            Assert.That(reader.Read(OptionNames.Force), Is.False);
            Assert.That(reader.Read(OptionNames.Registry), Is.Null);
            Assert.That(reader.Read(OptionNames.ExtraTags), Is.Empty);
            Assert.That(reader.Errors, Is.Empty);
        }
    }

    [Test]
    public void The_record_defaults_are_the_definitions_defaults()
    {
        var options = TestOptions.Default();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.WaitTimeout, Is.EqualTo(TimeSpan.FromSeconds(120)));
            Assert.That(options.Parallel, Is.True);
        }
    }

    [Test]
    public void An_option_with_an_environment_variable_reads_it_and_the_command_line_wins()
    {
        var environment = new Dictionary<string, string> { ["BRIDGE_REGISTRY"] = "env.example:5000/ns", ["BRIDGE_NO_INSTALL"] = "1" };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Reader([], environment).Read(OptionNames.Registry), Is.EqualTo("env.example:5000/ns"));
            Assert.That(Reader([], environment).Read(OptionNames.NoInstall), Is.True);
            Assert.That(Reader(["--registry=cli.example/ns"], environment).Read(OptionNames.Registry), Is.EqualTo("cli.example/ns"));
            // An option without a variable ignores one of the same spelling.
            var unrelated = new Dictionary<string, string> { ["REPORT"] = "x.json" };
            Assert.That(Reader([], unrelated).Read(OptionNames.ReportPath), Is.EqualTo("artifacts/build-report.json"));
        }
    }

    [Test]
    public void Bad_values_are_collected_with_the_definitions_range()
    {
        var reader = Reader(["--wait-timeout=0", "--force=maybe"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.Read(OptionNames.WaitTimeout), Is.EqualTo(120));
            Assert.That(reader.Read(OptionNames.Force), Is.False);
            Assert.That(reader.Errors, Has.Count.EqualTo(2));
            Assert.That(reader.Errors[0], Does.Contain("from 1 to 3600").And.Contain("'0'"));
            Assert.That(reader.Errors[1], Does.Contain("'maybe'"));
        }
    }

    [Test]
    public void Every_unknown_option_is_named_with_the_nearest_known_one()
    {
        var reader = Reader(["--target=Production", "--forse", "--no-cahce", "--zzzzzzzzzzzz"]);

        reader.RefuseUnknown(OptionNames.All);

        const string Valid = " The options are Cake's (--target, --verbosity, --dryrun, ...) and this build's; ./build.sh --help lists them all.";
        Assert.That(reader.Errors, Is.EqualTo(new[]
        {
            "--forse: unknown option. Did you mean --force?" + Valid,
            "--no-cahce: unknown option. Did you mean --no-cache?" + Valid,
            "--zzzzzzzzzzzz: unknown option." + Valid,
        }));
    }

    [Test]
    public void Cakes_own_options_and_configuration_keys_are_known()
    {
        var reader = Reader(["--target=Production", "--verbosity=quiet", "--debug", "--exclusive", "--Settings_NoReport=true", "--bridge_baseimage=x",
            "--FORCE"]);

        reader.RefuseUnknown(OptionNames.All);

        Assert.That(reader.Errors, Is.Empty);
    }
}
