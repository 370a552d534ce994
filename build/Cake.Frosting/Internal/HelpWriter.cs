using Cake.Core;

namespace Cake.Frosting.Internal;

/// <summary>Lines the build adds to <c>--help</c> (<see cref="CakeHostExtensions.UseHelp"/>).</summary>
internal sealed record FrostingHelp(Func<IEnumerable<string>> Lines, string? Program = null);

/// <summary>What <c>--version</c> prints for the build (<see cref="CakeHostExtensions.UseVersion"/>).</summary>
internal sealed record FrostingVersion(Func<string> Text);

internal static class HelpWriter
{
    public static void Write(IConsole console, IEnumerable<FrostingHelp> buildHelp)
    {
        buildHelp = buildHelp.ToList();
        var program = buildHelp.Select(help => help.Program).LastOrDefault(program => program is not null) ?? "<build>";
        console.WriteLine($"Usage: {program} [options] [--name=value ...]");
        console.WriteLine();
        console.WriteLine("Options:");
        console.WriteLine("  -t, --target <NAME>       Target task to run (repeatable). Default: Default");
        console.WriteLine("  -w, --working <PATH>      Working directory");
        console.WriteLine("  -v, --verbosity <LEVEL>   quiet|minimal|normal|verbose|diagnostic (or q|m|n|v|d)");
        console.WriteLine("      --description         List tasks and their descriptions");
        console.WriteLine("      --tree                Show the task dependency tree (IsDependeeOf edges included)");
        console.WriteLine("      --dryrun              Show what would run (also --dry-run, --noop, --whatif)");
        console.WriteLine("  -e, --exclusive           Run only the target, not its dependencies");
        console.WriteLine("      --no-report           Do not print the task report");
        console.WriteLine("      --version             Show the version");
        console.WriteLine("      --info                Show version information");
        console.WriteLine("  -h, --help                Show this help");
        console.WriteLine();
        console.WriteLine("Every other --name=value, --name value or --flag is passed to the build as an argument.");
        foreach (var help in buildHelp)
        {
            console.WriteLine();
            foreach (var line in help.Lines())
            {
                console.WriteLine(line);
            }
        }
    }
}
