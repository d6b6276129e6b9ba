using System.Text.Unicode;
using static Dashboard.Jobs.Sources.Exposition.ExpositionSyntax;

namespace Dashboard.Jobs.Sources.Exposition;

// Label sets and the escapes of label values and HELP text.
public sealed partial class ExpositionParser
{
    private bool ParseLabels(ReadOnlySpan<byte> text, ref int i, int line, ReadOnlySpan<byte> metric)
    {
        i++; // '{'
        var afterComma = false;
        while (true)
        {
            SkipBlanks(text, ref i);
            if (i >= text.Length)
            {
                Problem(line, $"labels of {Show(metric)} are not closed with '}}'");
                return false;
            }
            if (text[i] == (byte)'}')
            {
                if (afterComma && Strict)
                {
                    Warn(line, "trailing comma in the labels (OpenMetrics does not allow it; Prometheus does)");
                }
                i++;
                return true;
            }
            if (!ParseLabel(text, ref i, line))
            {
                return false;
            }
            SkipBlanks(text, ref i);
            afterComma = i < text.Length && text[i] == (byte)',';
            if (afterComma)
            {
                i++;
                continue;
            }
            if (i < text.Length && text[i] == (byte)'}')
            {
                i++;
                return true;
            }
            if (!Strict && i < text.Length && LabelNameLength(text[i..]) > 0)
            {
                // Prometheus' text parser reads on to the next label name.
                Warn(line, $"no ',' between labels (before {Show(text.Slice(i, LabelNameLength(text[i..])))}); Prometheus takes it");
                continue;
            }
            Problem(line, i >= text.Length
                ? $"labels of {Show(metric)} are not closed with '}}'"
                : $"expected ',' or '}}' after the value of label {labels[labelCount - 1].Name}, found '{Show(text[i..])}'");
            return false;
        }
    }

    /// <summary>One name="value" pair, appended to the sample's labels.</summary>
    private bool ParseLabel(ReadOnlySpan<byte> text, ref int i, int line)
    {
        var nameLength = LabelNameLength(text[i..]);
        if (nameLength == 0)
        {
            Problem(line, text[i] == (byte)'"'
                ? $"{QuotedNamesUnsupported}, found '{Show(text[i..])}'"
                : $"expected a label name or '}}', found '{Show(text[i..])}'");
            return false;
        }
        var labelName = text.Slice(i, nameLength);
        i += nameLength;
        if (nameLength > thresholds.LabelNameBytes)
        {
            Warn(line, $"label name of {nameLength} bytes, longer than {thresholds.LabelNameBytes} (Prometheus takes it unless label_name_length_limit is set)");
        }
        if (labelName.SequenceEqual("__name__"u8))
        {
            Problem(line, "label name __name__ is reserved");
            return false;
        }
        SkipBlanks(text, ref i);
        if (i >= text.Length || text[i] != (byte)'=')
        {
            Problem(line, $"expected '=' after label name {Show(labelName)}");
            return false;
        }
        i++;
        SkipBlanks(text, ref i);
        if (i >= text.Length || text[i] != (byte)'"')
        {
            Problem(line, $"expected '\"' to open the value of label {Show(labelName)}");
            return false;
        }
        i++;
        var valueStart = i;
        while (i < text.Length && text[i] != (byte)'"')
        {
            i += text[i] == (byte)'\\' ? 2 : 1;
        }
        if (i >= text.Length)
        {
            if (!Strict)
            {
                // The driver reads on into the next lines, as Prometheus' text lexer does.
                openValueAt = valueStart;
                openValueLabel = Show(labelName);
                return false;
            }
            Problem(line, $"value of label {Show(labelName)} is not terminated (a raw line feed in it, or a missing quote)");
            return false;
        }
        var raw = text[valueStart..i];
        i++; // closing quote
        if (!Unescape(raw, quoteEscape: true, out var value, out var valueBytes, out var unknownEscape))
        {
            Problem(line, $"value of label {Show(labelName)} is not valid UTF-8");
            return false;
        }
        if (unknownEscape is not null)
        {
            Warn(line, $"label {Show(labelName)}: unknown escape sequence '{unknownEscape}' kept as written (the format defines \\\\, \\n and \\\")");
        }
        if (valueBytes > thresholds.LabelValueBytes)
        {
            Warn(line, $"value of label {Show(labelName)} is {valueBytes} bytes, longer than {thresholds.LabelValueBytes} (Prometheus takes it unless label_value_length_limit is set)");
        }
        var nameString = pool.Get(labelName);
        for (var k = sampleLabelStart; k < labelCount; k++)
        {
            if (ReferenceEquals(labels[k].Name, nameString))
            {
                Problem(line, $"label {nameString} appears twice");
                return false;
            }
        }
        AppendLabel(new Label(nameString, value));
        return true;
    }

    private void SkipBlanks(ReadOnlySpan<byte> text, ref int i)
    {
        if (Strict)
        {
            return;
        }
        while (i < text.Length && (text[i] == (byte)' ' || text[i] == (byte)'\t'))
        {
            i++;
        }
    }

    private void AppendLabel(Label label)
    {
        if (labelCount == labels.Length)
        {
            // Offsets stay valid; slices taken before point at the old array, which Finish rebases.
            Array.Resize(ref labels, labels.Length * 2);
        }
        labels[labelCount++] = label;
    }

    /// <summary>
    /// \\ and \n everywhere, \" in label values and OpenMetrics HELP. Any other backslash is kept
    /// as written, as Prometheus' replacer keeps it, and named in <paramref name="unknownEscape"/>.
    /// False only when the result is not UTF-8.
    /// </summary>
    private bool Unescape(ReadOnlySpan<byte> raw, bool quoteEscape, out string value, out int byteCount, out string? unknownEscape)
    {
        value = "";
        byteCount = raw.Length;
        unknownEscape = null;
        if (raw.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(raw))
            {
                return false;
            }
            value = pool.Get(raw);
            return true;
        }
        if (raw.Length > scratch.Length)
        {
            scratch = new byte[Math.Max(raw.Length, 256)];
        }
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\\')
            {
                var next = i + 1 < raw.Length ? raw[i + 1] : (byte)0;
                var unescaped = next switch
                {
                    (byte)'\\' => (byte)'\\',
                    (byte)'n' => (byte)'\n',
                    (byte)'"' when quoteEscape => (byte)'"',
                    _ => (byte)0,
                };
                if (unescaped != 0)
                {
                    scratch[n++] = unescaped;
                    i++;
                    continue;
                }
                unknownEscape ??= next is > 0 and < 0x80 ? $"\\{(char)next}" : "\\";
            }
            scratch[n++] = b;
        }
        byteCount = n;
        if (!Utf8.IsValid(scratch.AsSpan(0, n)))
        {
            return false;
        }
        value = pool.Get(scratch.AsSpan(0, n));
        return true;
    }
}
