using System.Text;
using Cake.Frosting.Internal;
using Cake.Frosting.Tests.Support;
using NUnit.Framework;

namespace Cake.Frosting.Tests;

public sealed class ColourConsoleTests
{
    [Test]
    public void Without_colour_nothing_written_carries_an_escape_code_and_colour_changes_do_nothing()
    {
        var (console, inner, buffer) = Wrapped(colour: false);

        console.ForegroundColor = ConsoleColor.Red;
        console.WriteLine("{0} of {1}", "\u001b[31mError\u001b[0m", 2);
        console.WriteErrorLine("\u001b[91mtool said\u001b[0m");
        console.Write("{0}", "{literal}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(console.SupportAnsiEscapeCodes, Is.False);
            Assert.That(inner.ForegroundColor, Is.Not.EqualTo(ConsoleColor.Red));
            Assert.That(buffer.ToString(), Is.EqualTo($"Error of 2{Environment.NewLine}tool said{Environment.NewLine}{{literal}}"));
        }
    }

    [Test]
    public void With_colour_text_and_colour_changes_pass_through_as_escape_codes()
    {
        var (console, inner, buffer) = Wrapped(colour: true);

        console.ForegroundColor = ConsoleColor.Red;
        console.Write("\u001b[31mError\u001b[0m");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(console.SupportAnsiEscapeCodes, Is.True);
            Assert.That(inner.ForegroundColor, Is.EqualTo(ConsoleColor.Red));
            Assert.That(buffer.ToString(), Is.EqualTo("\u001b[31mError\u001b[0m"));
        }
    }

    private static (ColourConsole Console, RecordingConsole Inner, StringBuilder Buffer) Wrapped(bool colour)
    {
        var buffer = new StringBuilder();
        var inner = new RecordingConsole(buffer);
        return (new ColourConsole(inner, colour), inner, buffer);
    }
}
