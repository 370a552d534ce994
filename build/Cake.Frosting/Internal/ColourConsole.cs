using System.Globalization;
using Cake.Core;

namespace Cake.Frosting.Internal;

/// <summary>
/// Cake's console with colour as <see cref="ConsoleColour"/> decides: without colour, colour changes do nothing and
/// what is written loses its escape codes (a tool's own colours too, such as the legacy builder's red RUN output).
/// </summary>
internal sealed class ColourConsole(IConsole console, bool colour) : IConsole
{
    public ConsoleColor ForegroundColor
    {
        get => console.ForegroundColor;
        set
        {
            if (colour)
            {
                console.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => console.BackgroundColor;
        set
        {
            if (colour)
            {
                console.BackgroundColor = value;
            }
        }
    }

    /// <summary>With colour, always escape codes: a GitHub Actions step has no terminal for Console's colours to reach.</summary>
    public bool SupportAnsiEscapeCodes => colour;

    public void Write(string format, params object[] arg) => console.Write(Plain(string.Format(CultureInfo.CurrentCulture, format, arg)));

    public void Write(string value) => console.Write(Plain(value));

    public void WriteLine(string format, params object[] arg) => console.WriteLine(Plain(string.Format(CultureInfo.CurrentCulture, format, arg)));

    public void WriteLine(string value) => console.WriteLine(Plain(value));

    public void WriteError(string format, params object[] arg) => console.WriteError(Plain(string.Format(CultureInfo.CurrentCulture, format, arg)));

    public void WriteError(string value) => console.WriteError(Plain(value));

    public void WriteErrorLine(string format, params object[] arg) => console.WriteErrorLine(Plain(string.Format(CultureInfo.CurrentCulture, format, arg)));

    public void WriteErrorLine(string value) => console.WriteErrorLine(Plain(value));

    public void ResetColor()
    {
        if (colour)
        {
            console.ResetColor();
        }
    }

    private string Plain(string text) => colour ? text : ConsoleColour.Strip(text);
}
