using System.Reflection;
using System.Text.RegularExpressions;
using Build.Context;
using Build.Tests.Support;

namespace Build.Tests.Context;

/// <summary>--help and the README list the build's options from the one table the parser reads, OptionNames.All.</summary>
public sealed partial class OptionHelpTests
{
    private static IEnumerable<string> OptionNameConstants() =>
        typeof(OptionNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!);

    [Test]
    public void Every_option_name_has_exactly_one_definition() =>
        Assert.That(OptionNames.All.Select(option => option.Name), Is.EquivalentTo(OptionNameConstants()).And.Unique);

    [Test]
    public void The_parser_reads_the_environment_variables_of_the_definitions() =>
        Assert.That(OptionNames.EnvironmentVariables, Is.EquivalentTo(
            OptionNames.All.Where(option => option.EnvironmentVariable is not null).ToDictionary(option => option.Name, option => option.EnvironmentVariable!)));

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

            var groups = OptionNames.All.Select(option => option.Group).Distinct().Select(group => output.IndexOf($"  {OptionDefinition.GroupTitle(group)}:", ownSection, StringComparison.Ordinal)).ToList();
            Assert.That(groups, Is.Ordered.And.All.GreaterThan(ownSection), "the groups in the table's order");
        }
    }

    [Test]
    public void The_README_option_table_lists_the_definitions_in_their_order_and_groups()
    {
        var readme = File.ReadAllText(Path.Combine(HostRun.RepositoryRoot, "README.md"));
        var section = readme[readme.IndexOf("## Options", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = new List<(string Group, string Usage, string Environment)>();
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
                rows.Add((group, cells[0].Trim('`'), cells[1].Trim('`')));
            }
        }

        var expected = OptionNames.All.Select(option => (OptionDefinition.GroupTitle(option.Group), option.Usage, option.EnvironmentVariable ?? "")).ToList();
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
