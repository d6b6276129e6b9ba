namespace Dashboard.Jobs.Sources.Exposition;

// Where lines end: carriage returns, and text-format label values that run over line feeds.
public sealed partial class ExpositionParser
{
    /// <summary>
    /// A text-format label value may hold raw line feeds: Prometheus' text lexer reads on to the
    /// closing quote. Parses the sample again over the lines up to it; returns the last line read.
    /// </summary>
    private int ReadOnIntoNextLines(ReadOnlySpan<byte> body, int start, int line, ref int pos, (int Listed, int Unlisted) warningsBefore)
    {
        var first = line;
        while (openValueAt >= 0)
        {
            var close = ClosingQuote(body, start + openValueAt);
            if (close < 0)
            {
                Problem(first, $"value of label {openValueLabel} is not terminated (a missing closing quote?)");
                openValueAt = -1;
                break;
            }
            var end = LineEnd(body, close);
            line = first + body[start..end].Count((byte)'\n');
            pos = Math.Min(end + 1, body.Length);
            var text = body[start..end];
            text = text.EndsWith("\r"u8) ? text[..^1] : text;
            // The first try's warnings come again from the second.
            warnings.RemoveRange(warningsBefore.Listed, warnings.Count - warningsBefore.Listed);
            unlistedWarnings = warningsBefore.Unlisted;
            openValueAt = -1;
            var problemsBefore = problems.Count;
            ParseLine(text, first);
            if (openValueAt < 0 && problems.Count == problemsBefore)
            {
                Warn(first, $"value of label {openValueLabel} runs over {line - first + 1} lines (a raw line feed in it; the format wants \\n)");
            }
        }
        return line;
    }

    private static int LineEnd(ReadOnlySpan<byte> body, int start)
    {
        var nl = body[start..].IndexOf((byte)'\n');
        return nl < 0 ? body.Length : start + nl;
    }

    /// <summary>The first unescaped quote at or after <paramref name="from"/>, or -1.</summary>
    private static int ClosingQuote(ReadOnlySpan<byte> body, int from)
    {
        var i = from;
        while (i < body.Length)
        {
            var j = body[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (j < 0)
            {
                return -1;
            }
            i += j;
            if (body[i] == (byte)'"')
            {
                return i;
            }
            i += 2;
        }
        return -1;
    }

    /// <summary>
    /// Prometheus' lexers read a carriage return as part of the line: a HELP text or a comment
    /// keeps it, a sample, TYPE or UNIT line fails on it. Reported once a body.
    /// </summary>
    private ReadOnlySpan<byte> WithoutCarriageReturn(ReadOnlySpan<byte> text, int line)
    {
        if (!text.EndsWith("\r"u8))
        {
            return text;
        }
        text = text[..^1];
        if (IsHelpOrComment(text))
        {
            if (!crlfCommentWarned)
            {
                Warn(line, "carriage return at the end of a comment line (CRLF line endings): ignored here, refused on sample, TYPE and UNIT lines");
                crlfCommentWarned = true;
            }
        }
        else if (!crlfReported)
        {
            Problem(line, "carriage return at the end of the line (CRLF line endings are not allowed)");
            crlfReported = true;
        }
        return text;
    }
}
