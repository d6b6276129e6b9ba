using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dashboard.Jobs.Sources.Exposition;

/// <summary>The tokens both formats share (names, numbers) and how messages quote the input.</summary>
internal static class ExpositionSyntax
{
    /// <summary>
    /// Prometheus 3 reads {"name.with.dots"} and "label.name"="v" (UTF-8 names), but only targets
    /// asked for them with escaping=allow-utf-8 write them, and this scraper does not ask.
    /// </summary>
    internal const string QuotedNamesUnsupported = "quoted (UTF-8) metric and label names are not supported (this scraper does not ask for them)";

    internal static bool IsQuotedName(ReadOnlySpan<byte> s) => !s.IsEmpty && s[0] == (byte)'"';

    internal static int MetricNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !(IsLetter(s[0]) || s[0] == (byte)'_' || s[0] == (byte)':'))
        {
            return 0;
        }
        var i = 1;
        while (i < s.Length && (IsLetter(s[i]) || IsDigit(s[i]) || s[i] == (byte)'_' || s[i] == (byte)':'))
        {
            i++;
        }
        return i;
    }

    internal static int LabelNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || !(IsLetter(s[0]) || s[0] == (byte)'_'))
        {
            return 0;
        }
        var i = 1;
        while (i < s.Length && (IsLetter(s[i]) || IsDigit(s[i]) || s[i] == (byte)'_'))
        {
            i++;
        }
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsLetter(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>
    /// Go's ParseFloat spellings both formats use: decimal and exponent forms, NaN, Inf,
    /// +Inf, -Inf, Infinity, any case. Not hex, not "+NaN", not .NET's "∞".
    /// </summary>
    internal static bool TryParseNumber(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }
        var unsigned = s[0] is (byte)'+' or (byte)'-' ? s[1..] : s;
        if (unsigned.Length >= 3 && IsLetter(unsigned[0]))
        {
            if (Ascii.EqualsIgnoreCase(s, "nan"u8))
            {
                value = double.NaN;
                return true;
            }
            if (Ascii.EqualsIgnoreCase(unsigned, "inf"u8) || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8))
            {
                value = s[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
            return false;
        }
        foreach (var b in s)
        {
            if (!IsDigit(b) && b is not ((byte)'.' or (byte)'e' or (byte)'E' or (byte)'+' or (byte)'-'))
            {
                return false;
            }
        }
        // Go's ParseFloat, and so Prometheus, refuses a number beyond a double's range.
        return double.TryParse(s, FloatStyles, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private const NumberStyles FloatStyles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>A number in form whose magnitude no double holds ("1e400").</summary>
    internal static bool IsFloatOverflow(ReadOnlySpan<byte> s) =>
        !s.IsEmpty && IsDigitOrDot(s[s[0] is (byte)'+' or (byte)'-' && s.Length > 1 ? 1 : 0])
        && double.TryParse(s, FloatStyles, CultureInfo.InvariantCulture, out var value) && double.IsInfinity(value);

    private static bool IsDigitOrDot(byte b) => IsDigit(b) || b == (byte)'.';

    internal static bool TryParseLabelNumber(string s, out double value)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (s.Length > buffer.Length || !Ascii.IsValid(s))
        {
            value = 0;
            return false;
        }
        var n = Encoding.ASCII.GetBytes(s, buffer);
        return TryParseNumber(buffer[..n], out value);
    }

    internal static string FormatNumber(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A bounded, printable excerpt of the input for messages.</summary>
    internal static string Show(ReadOnlySpan<byte> s)
    {
        const int max = 40;
        var cut = s.Length > max ? s[..max] : s;
        var text = Encoding.UTF8.GetString(cut).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return s.Length > max ? text + "..." : text;
    }

    internal static string Describe(string name, ReadOnlySpan<Label> set, string? except = null)
    {
        var sb = new StringBuilder(name);
        var first = true;
        foreach (var l in set)
        {
            if (l.Name == except)
            {
                continue;
            }
            sb.Append(first ? '{' : ',').Append(l.Name).Append("=\"").Append(l.Value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
            first = false;
        }
        if (!first)
        {
            sb.Append('}');
        }
        return sb.ToString();
    }
}
