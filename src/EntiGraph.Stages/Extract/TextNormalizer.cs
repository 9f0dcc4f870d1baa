using System.Globalization;
using System.Text;

namespace EntiGraph.Stages.Extract;

/// <summary>
/// The one text form every document and question leaves the stage in, so that downstream dedup,
/// tokenization and synthesis see the same characters for the same text whatever file it came from.
/// </summary>
public static class TextNormalizer
{
    /// <summary>
    /// NFC; CR LF and lone CR to LF; runs of spaces and tabs (any Unicode space, the no-break space
    /// included) to one space; each line trimmed; at most one blank line in a row; the whole trimmed.
    /// HTML entities are decoded by the HTML path before text gets here: plain text keeps a literal
    /// "&amp;amp;", which may well be what its author wrote.
    /// </summary>
    public static string Normalize(string text)
    {
        text = text.Normalize(NormalizationForm.FormC);
        var result = new StringBuilder(text.Length);
        var line = new StringBuilder();
        var blankLines = 0;
        var started = false;

        void EndLine()
        {
            var trimmed = Trim(line);
            line.Clear();
            if (trimmed.Length == 0)
            {
                blankLines++;
                return;
            }

            if (started)
            {
                // One newline ends the previous line; a second one keeps a paragraph break.
                result.Append(blankLines > 0 ? "\n\n" : "\n");
            }

            result.Append(trimmed);
            started = true;
            blankLines = 0;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndLine();
            }
            else if (IsHorizontalSpace(c))
            {
                if (line.Length > 0 && line[^1] != ' ')
                {
                    line.Append(' ');
                }
            }
            else
            {
                line.Append(c);
            }
        }

        EndLine();
        return result.ToString();
    }

    /// <summary>A one-line value (a title, an author): NFC, every whitespace run to one space, trimmed; null when empty.</summary>
    public static string? NormalizeInline(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        var value = builder.ToString().TrimEnd(' ');
        return value.Length == 0 ? null : value;
    }

    private static bool IsHorizontalSpace(char c) =>
        c is ' ' or '\t' or '\f' or '\v' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    private static string Trim(StringBuilder line)
    {
        var start = 0;
        var end = line.Length;
        while (start < end && line[start] == ' ')
        {
            start++;
        }

        while (end > start && line[end - 1] == ' ')
        {
            end--;
        }

        return line.ToString(start, end - start);
    }
}
