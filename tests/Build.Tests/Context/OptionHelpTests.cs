using System.Reflection;
using System.Text.RegularExpressions;
using Build.Context;
using Build.Tests.Support;

namespace Build.Tests.Context;

/// <summary>--help and the README list the build's options from the one table the parser reads, OptionNames.All.</summary>
public sealed partial class OptionHelpTests
{
    private static IEnumerable<OptionDefinition> DeclaredOptions() =>
        typeof(OptionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => typeof(OptionDefinition).IsAssignableFrom(field.FieldType))
            .Select(field => (OptionDefinition)field.GetValue(null)!);

    [Test]
    public void Every_declared_option_is_in_the_table_once_under_its_own_name()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(OptionNames.All, Is.EquivalentTo(DeclaredOptions()).And.Unique);
            Assert.That(OptionNames.All.Select(option => option.Name), Is.Unique);
        }
    }

    [Test]
    public void Help_starts_with_the_script_a_user_types()
    {
        var result = InProcessBuild.Run("--help");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.StartWith($"Usage: {OptionHelp.Program(OperatingSystem.IsWindows())} [options]"));
            Assert.That(OptionHelp.Program(windows: false), Is.EqualTo("./build.sh"));
            Assert.That(OptionHelp.Program(windows: true), Is.EqualTo("./build.ps1"));
        }
    }

    [Test]
    public void Help_lists_every_option_of_the_build_after_Cakes_options_by_group()
    {
        var result = InProcessBuild.Run("--help");

        var output = result.Output;
        var ownSection = output.IndexOf("Options of this build", StringComparison.Ordinal);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(output.IndexOf("--target", StringComparison.Ordinal), Is.InRange(0, ownSection), "Cake's options first");
            foreach (var option in OptionNames.All)
            {
                var line = output.IndexOf($"    {option.Usage}", ownSection, StringComparison.Ordinal);
                Assert.That(line, Is.GreaterThan(ownSection), option.Name);
                var text = output[line..output.IndexOf('\n', output.IndexOf('\n', line) + 1)];
                Assert.That(text, Does.Contain(option.Meaning).And.Contain($"Default: {option.Default}."), option.Name);
                if (option.EnvironmentVariable is { } variable)
                {
                    Assert.That(text, Does.Contain($"(env {variable})"), option.Name);
                }
            }

            var groups = OptionNames.All.Select(option => option.Group).Distinct()
                .Select(group => output.IndexOf($"  {OptionDefinition.GroupTitle(group)}:", ownSection, StringComparison.Ordinal)).ToList();
            Assert.That(groups, Is.Ordered.And.All.GreaterThan(ownSection), "the groups in the table's order");
        }
    }

    [Test]
    public void The_README_option_table_lists_the_definitions_in_their_order_and_groups_with_their_defaults_and_meanings()
    {
        var readme = File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## Options", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = new List<(string Group, string Usage, string Environment, string Default, string Meaning)>();
        var group = "";
        foreach (var line in section.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Trim('|').Split(" | ").Select(cell => cell.Trim().Replace("\\|", "|", StringComparison.Ordinal)).ToArray();
            if (GroupRow().Match(cells[0]) is { Success: true } heading)
            {
                group = heading.Groups[1].Value;
            }
            else if (cells[0].StartsWith("`--", StringComparison.Ordinal))
            {
                rows.Add((group, cells[0].Trim('`'), cells[1].Trim('`'), cells[2], cells[3]));
            }
        }

        var expected = OptionNames.All
            .Select(option => (OptionDefinition.GroupTitle(option.Group), option.Usage, option.EnvironmentVariable ?? "", option.Default, option.Meaning))
            .ToList();
        Assert.That(rows, Is.EqualTo(expected));
    }

    [Test]
    public void Version_names_the_build_suite_and_the_commit_of_its_repository()
    {
        var head = TestEnvironment.Run("git", ["rev-parse", "--short=7", "HEAD"], HostRun.RepositoryRoot).StdOut.Trim();

        var result = InProcessBuild.In(Path.GetTempPath(), null, null, "--version");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.All);
            Assert.That(result.Output, Does.StartWith($"OmniNode Bridge build suite {BuildSuiteVersion.Version}, commit {head}"));
            Assert.That(result.Output, Does.Contain("Cake 7.0.0").And.Not.Contain("Unknown"));
        }
    }

    [GeneratedRegex(@"^\*\*(.+)\*\*$")]
    private static partial Regex GroupRow();
}
