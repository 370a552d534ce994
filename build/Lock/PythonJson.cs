using System.Collections;
using System.Globalization;
using System.Text;
using Tomlyn;

namespace Build.Lock;

/// <summary>
/// Reproduces Python's <c>json.dumps(obj, sort_keys=True)</c> byte for byte: separators <c>", "</c> and
/// <c>": "</c>, <c>ensure_ascii=True</c>, keys sorted by code point at every depth, floats as <c>repr</c>.
/// Accepts the values Tomlyn produces (TomlTable, TomlArray, TomlTableArray, string, long, double, bool)
/// and plain dictionaries/lists built from them.
/// </summary>
public static class PythonJson
{
    /// <summary>Serializes <paramref name="value"/> exactly as <c>json.dumps(value, sort_keys=True)</c>.</summary>
    /// <exception cref="NotSupportedException">A TOML date/time or another type Python's json cannot write.</exception>
    public static string Dumps(object? value)
    {
        var builder = new StringBuilder(256);
        Write(builder, value);
        return builder.ToString();
    }

    /// <summary>Compares strings by Unicode code point, as Python compares <c>str</c>.</summary>
    public static IComparer<string> CodePointComparer { get; } = new CodePointOrder();

    private static void Write(StringBuilder output, object? value)
    {
        switch (value)
        {
            case null:
                output.Append("null");
                break;
            case string text:
                WriteString(output, text);
                break;
            case bool flag:
                output.Append(flag ? "true" : "false");
                break;
            case long or int or short or sbyte or byte or ushort or uint or ulong:
                output.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                output.Append(FloatRepr(number));
                break;
            case float single:
                output.Append(FloatRepr(single));
                break;
            case TomlDateTime dateTime:
                throw new NotSupportedException(
                    $"TOML date/time value {dateTime} cannot be written by Python's json.dumps " +
                    "(TypeError: Object of type datetime is not JSON serializable); Poetry cannot hash it either.");
            case IDictionary<string, object> table:
                WriteObject(output, table.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteObject(output, pairs);
                break;
            case IEnumerable list:
                WriteArray(output, list);
                break;
            default:
                throw new NotSupportedException($"Python's json.dumps has no representation for {value.GetType().FullName}.");
        }
    }

    private static void WriteObject(StringBuilder output, IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var sorted = pairs.ToList();
        sorted.Sort((left, right) => CodePointComparer.Compare(left.Key, right.Key));
        output.Append('{');
        for (var index = 0; index < sorted.Count; index++)
        {
            if (index > 0)
            {
                output.Append(", ");
            }

            WriteString(output, sorted[index].Key);
            output.Append(": ");
            Write(output, sorted[index].Value);
        }

        output.Append('}');
    }

    private static void WriteArray(StringBuilder output, IEnumerable items)
    {
        output.Append('[');
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                output.Append(", ");
            }

            first = false;
            Write(output, item);
        }

        output.Append(']');
    }

    private static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        foreach (var character in text)
        {
            switch (character)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case >= ' ' and <= '~':
                    output.Append(character);
                    break;
                default:
                    // Non-ASCII, 0x7F and other control characters; an astral character is already two
                    // UTF-16 surrogates here, which is exactly the pair Python writes.
                    output.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        output.Append('"');
    }

    /// <summary>Python's <c>float.__repr__</c> (shortest round-trip digits), as json.dumps writes floats.</summary>
    public static string FloatRepr(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        var negative = number < 0 || (number == 0 && double.IsNegative(number));
        var roundTrip = Math.Abs(number).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = roundTrip.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? roundTrip : roundTrip[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(roundTrip[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = pointAt < 0 ? mantissa : mantissa.Remove(pointAt, 1);
        var decimalPoint = (pointAt < 0 ? mantissa.Length : pointAt) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;

        var text = new StringBuilder(32);
        if (negative)
        {
            text.Append('-');
        }

        if (digits.Length == 0)
        {
            return text.Append("0.0").ToString();
        }

        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
            {
                text.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint >= digits.Length)
            {
                text.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }

            return text.ToString();
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var shown = decimalPoint - 1;
        text.Append('e').Append(shown < 0 ? '-' : '+').Append(Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private sealed class CodePointOrder : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null)
            {
                return -1;
            }

            if (y is null)
            {
                return 1;
            }

            var length = Math.Min(x.Length, y.Length);
            for (var index = 0; index < length; index++)
            {
                if (x[index] != y[index])
                {
                    return Weight(x[index]) - Weight(y[index]);
                }
            }

            return x.Length - y.Length;
        }

        // UTF-16 order differs from code point order only where surrogates (astral characters) meet
        // U+E000..U+FFFF: lift surrogates above the rest of the BMP, which restores code point order.
        private static int Weight(char unit) => unit switch
        {
            >= '\uD800' and <= '\uDFFF' => unit + 0x2000,
            >= '\uE000' => unit - 0x800,
            _ => unit,
        };
    }
}
