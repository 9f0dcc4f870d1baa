using System.Text;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// DCLM's line modifiers, in its order, each followed by the whole-text strip DCLM does after it:
/// drop lines with too many uppercase characters, lines made only of digits, counter lines ("3K likes",
/// "1,024 views"), lines of fewer than two words; then, on lines of at most ten words, remove
/// "items in cart" anywhere, a trailing "Read more..." and a leading "Sign-in" (each with one adjacent
/// whitespace character), dropping a line that this leaves blank. Words here are whitespace-separated.
/// Allocates per line, which is fine: it runs only on documents that passed every filter.
/// </summary>
/// <remarks>
/// DCLM's strings are regular expressions unescaped, so the dots of "Read more..." match any three
/// characters ("Read more>>>" goes too); here they are plain text, matched case-insensitively.
/// </remarks>
internal sealed class LineModifiers(HeuristicSettings settings)
{
    private static readonly string[] CounterWords =
        ["likes", "shares", "comments", "retweets", "reposts", "quotes", "bookmarks", "upvotes", "downvotes", "downloads", "views", "followers"];

    private readonly string[] _substrings = [.. settings.StripSubstrings.Where(s => s.Length > 0)];
    private readonly string[] _suffixes = [.. settings.StripSuffixes.Where(s => s.Length > 0)];
    private readonly string[] _prefixes = [.. settings.StripPrefixes.Where(s => s.Length > 0)];

    /// <summary>The text after the modifiers (the same instance when nothing changed); empty when nothing is left.</summary>
    public string Apply(string text)
    {
        var lines = new List<Line>();
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(new Line(text, start, text.Length - start));
                break;
            }

            lines.Add(new Line(text, start, end - start));
            start = end + 1;
        }

        var changed = false;
        if (settings.DropUppercaseLines)
        {
            changed |= Keep(lines, line => line.Length == 0 || UppercaseRatio(line.Span) <= settings.MaxUppercaseLineRatio);
            changed |= Strip(lines);
        }

        if (settings.DropDigitLines)
        {
            changed |= Keep(lines, line => line.Length == 0 || !AllDigits(line.Span));
            changed |= Strip(lines);
        }

        if (settings.DropCounterLines)
        {
            changed |= Keep(lines, line => !IsCounter(line.Span));
            changed |= Strip(lines);
        }

        if (settings.MinLineWords > 0)
        {
            changed |= Keep(lines, line => line.Length == 0 || WordsAtLeast(line.Span, settings.MinLineWords));
        }

        foreach (var substring in _substrings)
        {
            changed |= Edit(lines, line => RemoveAll(line, substring));
            changed |= Strip(lines);
        }

        foreach (var suffix in _suffixes)
        {
            changed |= Edit(lines, line => line.Span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                ? line.Slice(0, WithSpaceBefore(line.Span, line.Length - suffix.Length))
                : line);
            changed |= Strip(lines);
        }

        foreach (var prefix in _prefixes)
        {
            changed |= Edit(lines, line => line.Span.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                ? line.Slice(WithSpaceAfter(line.Span, prefix.Length), line.Length - WithSpaceAfter(line.Span, prefix.Length))
                : line);
            changed |= Strip(lines);
        }

        if (!changed)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }

            output.Append(lines[i].Span);
        }

        return output.ToString();
    }

    private static bool Keep(List<Line> lines, Func<Line, bool> keep) => lines.RemoveAll(line => !keep(line)) > 0;

    /// <summary>Rewrites the short lines; a non-empty line that becomes blank is dropped.</summary>
    private bool Edit(List<Line> lines, Func<Line, Line> edit)
    {
        var changed = false;
        var kept = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!WordsAtLeast(line.Span, settings.ShortLineMaxWords + 1))
            {
                // As in DCLM, a non-empty line left blank goes, even one that was blank to begin with.
                var edited = edit(line);
                if (line.Length > 0 && edited.Span.IsWhiteSpace())
                {
                    changed = true;
                    continue;
                }

                changed |= edited.Length != line.Length;
                line = edited;
            }

            lines[kept++] = line;
        }

        lines.RemoveRange(kept, lines.Count - kept);
        return changed;
    }

    /// <summary>Strips the joined text: blank lines at either end go, and the whitespace at its two ends.</summary>
    private static bool Strip(List<Line> lines)
    {
        var changed = false;
        var first = 0;
        while (first < lines.Count && lines[first].Span.IsWhiteSpace())
        {
            first++;
        }

        if (first > 0)
        {
            lines.RemoveRange(0, first);
            changed = true;
        }

        var last = lines.Count;
        while (last > 0 && lines[last - 1].Span.IsWhiteSpace())
        {
            last--;
        }

        if (last < lines.Count)
        {
            lines.RemoveRange(last, lines.Count - last);
            changed = true;
        }

        if (lines.Count > 0)
        {
            var head = lines[0];
            var trimmed = head.Span.TrimStart();
            if (trimmed.Length != head.Length)
            {
                lines[0] = head.Slice(head.Length - trimmed.Length, trimmed.Length);
                changed = true;
            }

            var tail = lines[^1];
            trimmed = tail.Span.TrimEnd();
            if (trimmed.Length != tail.Length)
            {
                lines[^1] = tail.Slice(0, trimmed.Length);
                changed = true;
            }
        }

        return changed;
    }

    private static double UppercaseRatio(ReadOnlySpan<char> line)
    {
        var upper = 0;
        foreach (var c in line)
        {
            if (c < 128 ? char.IsAsciiLetterUpper(c) : char.IsUpper(c))
            {
                upper++;
            }
        }

        return (double)upper / line.Length;
    }

    private static bool AllDigits(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (!char.IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A counter line: optional non-word characters, a number ("3", "1,024", "2.5") with an optional
    /// K, M or B, whitespace, one of the counter words, and nothing but non-word characters after it.
    /// </summary>
    internal static bool IsCounter(ReadOnlySpan<char> line)
    {
        var i = 0;
        while (i < line.Length && !IsWordChar(line[i]))
        {
            i++;
        }

        if (i == line.Length || !char.IsDigit(line[i]))
        {
            return false;
        }

        while (i < line.Length && (char.IsDigit(line[i]) || line[i] is ',' or '.'))
        {
            i++;
        }

        if (i < line.Length && line[i] is 'k' or 'K' or 'm' or 'M' or 'b' or 'B')
        {
            i++;
        }

        var spaces = i;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i == spaces)
        {
            return false;
        }

        foreach (var word in CounterWords)
        {
            if (line[i..].StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                foreach (var c in line[(i + word.Length)..])
                {
                    if (IsWordChar(c))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool WordsAtLeast(ReadOnlySpan<char> line, int minimum)
    {
        if (minimum <= 0)
        {
            return true;
        }

        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord && ++words >= minimum)
            {
                return true;
            }

            inWord = !space;
        }

        return false;
    }

    /// <summary>Every occurrence removed, each with one whitespace character just before it if there is one.</summary>
    private static Line RemoveAll(Line line, string substring)
    {
        var span = line.Span;
        var found = span.IndexOf(substring, StringComparison.OrdinalIgnoreCase);
        if (found < 0)
        {
            return line;
        }

        var output = new StringBuilder(line.Length);
        var copied = 0;
        while (found >= 0)
        {
            var from = WithSpaceBefore(span, found);
            output.Append(span[copied..Math.Max(copied, from)]);
            copied = found + substring.Length;
            var next = span[copied..].IndexOf(substring, StringComparison.OrdinalIgnoreCase);
            found = next < 0 ? -1 : copied + next;
        }

        output.Append(span[copied..]);
        var text = output.ToString();
        return new Line(text, 0, text.Length);
    }

    private static int WithSpaceBefore(ReadOnlySpan<char> line, int at) => at > 0 && char.IsWhiteSpace(line[at - 1]) ? at - 1 : at;

    private static int WithSpaceAfter(ReadOnlySpan<char> line, int at) => at < line.Length && char.IsWhiteSpace(line[at]) ? at + 1 : at;

    private readonly record struct Line(string Source, int Start, int Length)
    {
        public ReadOnlySpan<char> Span => Source.AsSpan(Start, Length);

        public Line Slice(int start, int length) => new(Source, Start + start, length);
    }
}
