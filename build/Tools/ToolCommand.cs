using System.Text;
using Cake.Core.IO;

namespace Build.Tools;

/// <summary>
/// One process to start: program, arguments, working directory and the environment variables it adds.
/// The tool wrappers produce these; <see cref="CommandRunner"/> either runs one or, in a dry run, prints it.
/// Because both paths take the same value, what a dry run shows is exactly what a real run executes.
/// </summary>
public sealed record ToolCommand(
    string Program,
    ProcessArgumentBuilder Arguments,
    DirectoryPath WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Text written to the process's standard input (a password for --password-stdin); never printed.</summary>
    public string? StandardInput { get; init; }

    public static ToolCommand Create(
        string program, DirectoryPath workingDirectory, Action<ProcessArgumentBuilder> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var builder = new ProcessArgumentBuilder();
        arguments(builder);
        return new ToolCommand(program, builder, workingDirectory, environment ?? new Dictionary<string, string>());
    }

    /// <summary>The arguments as separate strings, secrets included: what the tests compare.</summary>
    public IReadOnlyList<string> ArgumentList => Arguments.Select(argument => argument.Render().Trim('"')).ToArray();

    /// <summary>The program and its first word that is not an option, in backticks: `docker build`, `docker-compose up`.</summary>
    public string Summary =>
        $"`{System.IO.Path.GetFileName(Program)}{(ArgumentList.Where((argument, index) => !argument.StartsWith('-')
            && (index == 0 || !ArgumentList[index - 1].StartsWith("--", StringComparison.Ordinal) || ArgumentList[index - 1].Contains('=')))
            .FirstOrDefault() is { } verb ? " " + verb : "")}`";

    /// <summary>A shell-like line with secrets redacted: <c>KEY=value program args</c>.</summary>
    public string Render()
    {
        var line = new StringBuilder();
        foreach (var (key, value) in Environment.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            line.Append(key).Append('=').Append(value).Append(' ');
        }

        line.Append(Program);
        var arguments = Arguments.RenderSafe();
        if (arguments.Length > 0)
        {
            line.Append(' ').Append(arguments);
        }

        if (StandardInput is not null)
        {
            line.Append(" <<< [REDACTED]");
        }

        return line.ToString();
    }
}
