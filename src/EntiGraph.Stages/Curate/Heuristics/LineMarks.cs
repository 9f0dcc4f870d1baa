namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>The symbol, bullet and ellipsis counts of the page-level filters, with DCLM's definitions.</summary>
internal static class LineMarks
{
    /// <summary>Occurrences of '#', '...', '. . .' and '…', each counted without overlaps as <c>str.count</c> does.</summary>
    public static int CountSymbols(ReadOnlySpan<char> text)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var found = text[i..].IndexOfAny('#', '\u2026', '.');
            if (found < 0)
            {
                break;
            }

            i += found;
            if (text[i] != '.')
            {
                count++;
                i++;
                continue;
            }

            var run = i;
            while (run < text.Length && text[run] == '.')
            {
                run++;
            }

            count += (run - i) / 3;
            i = run;
        }

        for (var at = text.IndexOf(". . .", StringComparison.Ordinal); at >= 0;)
        {
            count++;
            var next = text[(at + 5)..].IndexOf(". . .", StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 5 + next;
        }

        return count;
    }

    public static bool StartsWithBullet(ReadOnlySpan<char> line) => line.Length > 0 && line[0] is '\u25CF' or '\u2022' or '*' or '-';

    public static bool EndsWithEllipsis(ReadOnlySpan<char> line) =>
        line.EndsWith("...", StringComparison.Ordinal) || line.EndsWith(". . .", StringComparison.Ordinal) || line.EndsWith("\u2026", StringComparison.Ordinal);
}
