using Cake.Core;
using Cake.Core.IO;

namespace Build.Tools;

/// <summary>
/// Quote only when the value needs it. The rendered line is then what a person would type
/// (`-f deployment/Dockerfile.orchestrator`), and still one argument when a value holds a space.
/// </summary>
public static class ArgumentBuilderExtensions
{
    public static ProcessArgumentBuilder AppendValue(this ProcessArgumentBuilder builder, string value) =>
        NeedsQuotes(value) ? builder.AppendQuoted(value) : builder.Append(value);

    public static ProcessArgumentBuilder AppendOption(this ProcessArgumentBuilder builder, string option, string value) =>
        NeedsQuotes(value) ? builder.AppendSwitchQuoted(option, " ", value) : builder.AppendSwitch(option, " ", value);

    private static bool NeedsQuotes(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c)
            || c is '"' or '\'' or '\\' or '$' or '`' or '&' or '|' or ';' or '<' or '>' or '(' or ')' or '*' or '?');
}
