using System.Text;
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
                    Problem(line, "trailing comma in the labels (not allowed in OpenMetrics)");
                    return false;
                }
                i++;
                return true;
            }
            var nameLength = LabelNameLength(text[i..]);
            if (nameLength == 0)
            {
                Problem(line, $"expected a label name or '}}', found '{Show(text[i..])}'");
                return false;
            }
            var labelName = text.Slice(i, nameLength);
            i += nameLength;
            if (nameLength > limits.MaxLabelNameBytes)
            {
                Problem(line, $"label name of {nameLength} bytes, over the limit of {limits.MaxLabelNameBytes}");
                return false;
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
            var escaped = false;
            while (i < text.Length && text[i] != (byte)'"')
            {
                if (text[i] == (byte)'\\')
                {
                    escaped = true;
                    i++;
                }
                i++;
            }
            if (i >= text.Length)
            {
                Problem(line, $"value of label {Show(labelName)} is not terminated (a raw newline in it, or a missing quote)");
                return false;
            }
            var raw = text[valueStart..i];
            i++; // closing quote
            string value;
            if (escaped)
            {
                if (!Unescape(raw, allowQuote: true, out value, out var error))
                {
                    Problem(line, $"label {Show(labelName)}: {error}");
                    return false;
                }
                if (Encoding.UTF8.GetByteCount(value) > limits.MaxLabelValueBytes)
                {
                    Problem(line, $"value of label {Show(labelName)} is over the limit of {limits.MaxLabelValueBytes} bytes");
                    return false;
                }
            }
            else
            {
                if (raw.Length > limits.MaxLabelValueBytes)
                {
                    Problem(line, $"value of label {Show(labelName)} is {raw.Length} bytes, over the limit of {limits.MaxLabelValueBytes}");
                    return false;
                }
                if (!Utf8.IsValid(raw))
                {
                    Problem(line, $"value of label {Show(labelName)} is not valid UTF-8");
                    return false;
                }
                value = pool.Get(raw);
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
            SkipBlanks(text, ref i);
            if (i < text.Length && text[i] == (byte)',')
            {
                i++;
                afterComma = true;
                continue;
            }
            if (i < text.Length && text[i] == (byte)'}')
            {
                i++;
                return true;
            }
            Problem(line, i >= text.Length
                ? $"labels of {Show(metric)} are not closed with '}}'"
                : $"expected ',' or '}}' after the value of label {Show(labelName)}, found '{Show(text[i..])}'");
            return false;
        }
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


    /// <summary>Escapes: \\ and \n everywhere, \" in label values and OpenMetrics HELP.</summary>
    private bool Unescape(ReadOnlySpan<byte> raw, bool allowQuote, out string value, out string? error)
    {
        value = "";
        error = null;
        if (raw.IndexOf((byte)'\\') < 0)
        {
            if (!Utf8.IsValid(raw))
            {
                error = "not valid UTF-8";
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
                if (i + 1 >= raw.Length)
                {
                    error = "ends with a lone backslash";
                    return false;
                }
                var next = raw[++i];
                b = next switch
                {
                    (byte)'\\' => (byte)'\\',
                    (byte)'n' => (byte)'\n',
                    (byte)'"' when allowQuote => (byte)'"',
                    _ => 0,
                };
                if (b == 0)
                {
                    error = $"invalid escape sequence '\\{(char)next}' (only \\\\, \\n{(allowQuote ? " and \\\"" : "")} are allowed)";
                    return false;
                }
            }
            scratch[n++] = b;
        }
        if (!Utf8.IsValid(scratch.AsSpan(0, n)))
        {
            error = "not valid UTF-8";
            return false;
        }
        value = pool.Get(scratch.AsSpan(0, n));
        return true;
    }
}
