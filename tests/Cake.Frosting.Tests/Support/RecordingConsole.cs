using System.Globalization;
using System.Text;
using Cake.Core;

namespace Cake.Frosting.Tests.Support;

/// <summary>A Cake <see cref="IConsole"/> that writes to a shared buffer instead of the terminal.</summary>
internal sealed class RecordingConsole(StringBuilder buffer) : IConsole
{
    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public bool SupportAnsiEscapeCodes => false;

    public void Write(string format, params object[] arg) => Append(format, arg);

    public void Write(string value) => Append(value);

    public void WriteLine(string format, params object[] arg) => Append(format, arg).AppendLine();

    public void WriteLine(string value) => Append(value).AppendLine();

    public void WriteError(string format, params object[] arg) => Append(format, arg);

    public void WriteError(string value) => Append(value);

    public void WriteErrorLine(string format, params object[] arg) => Append(format, arg).AppendLine();

    public void WriteErrorLine(string value) => Append(value).AppendLine();

    public void ResetColor()
    {
    }

    private StringBuilder Append(string format, params object[] arg)
    {
        lock (buffer)
        {
            return arg.Length == 0 ? buffer.Append(format) : buffer.Append(string.Format(CultureInfo.InvariantCulture, format, arg));
        }
    }
}
