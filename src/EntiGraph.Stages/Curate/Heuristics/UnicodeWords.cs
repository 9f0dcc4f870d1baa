using System.Globalization;
using System.Text;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// The words of a text as DCLM's repetition filter sees them: Unicode word-boundary segments
/// (<c>uniseg.wordbreak.words</c>) whose first character is a letter or a digit, punctuation and
/// whitespace dropped.
/// </summary>
/// <remarks>
/// An approximation of UAX #29 that keeps the rules which decide words in spaced scripts: letters and
/// digits join (WB5, WB8–WB10: "abc123"); one of <c>' ’ . : ·</c> joins two letters (WB6–WB7: "don't",
/// "e.g"); one of <c>, ; . ' ’</c> joins two digits (WB11–WB12: "3.14", "1,000"); '_' and other connector
/// punctuation join anything wordlike (WB13a–b: "snake_case"); marks and format characters stay with
/// what precedes them (WB4); katakana runs are one word (WB13). Han, hiragana and the South-East Asian
/// scripts written without spaces fall apart into one word per character, as UAX #29 without a
/// dictionary does. Left out: the Hebrew-letter quote rules, regional-indicator pairs and emoji ZWJ
/// sequences (neither is a word here anyway). A segment that starts with '_' is dropped, as DCLM drops
/// segments whose first character is not alphanumeric. Lengths are in code points, as Python counts.
/// </remarks>
internal static class UnicodeWords
{
    private enum Kind : byte
    {
        Other,
        Letter,
        Digit,
        Katakana,
        Connector,
        Extend,
        Alone,
        Space,
    }

    private static readonly Kind[] Ascii = BuildAscii();

    public static void Split(ReadOnlySpan<char> text, WordBuffer words)
    {
        words.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var kind = Classify(text, i, out var width);
            if (kind is Kind.Other or Kind.Space or Kind.Extend)
            {
                i += width;
                continue;
            }

            var start = i;
            var codePoints = 1;
            i += width;
            if (kind == Kind.Alone)
            {
                while (i < text.Length && Classify(text, i, out width) == Kind.Extend)
                {
                    i += width;
                    codePoints++;
                }

                words.Add(start, i - start, codePoints);
                continue;
            }

            var last = kind;
            while (i < text.Length)
            {
                var next = Classify(text, i, out width);
                if (next == Kind.Extend || Joins(last, next))
                {
                    last = next == Kind.Extend ? last : next;
                    i += width;
                    codePoints++;
                    continue;
                }

                if (next == Kind.Other && i + 1 < text.Length && Classify(text, i + 1, out var afterWidth) is var after && after == last
                    && ((last == Kind.Letter && IsMidLetter(text[i])) || (last == Kind.Digit && IsMidNumber(text[i]))))
                {
                    i += 1 + afterWidth;
                    codePoints += 2;
                    continue;
                }

                break;
            }

            if (kind != Kind.Connector)
            {
                words.Add(start, i - start, codePoints);
            }
        }
    }

    private static bool Joins(Kind last, Kind next) => (last, next) switch
    {
        (Kind.Letter or Kind.Digit, Kind.Letter or Kind.Digit) => true,
        (Kind.Katakana, Kind.Katakana) => true,
        (Kind.Letter or Kind.Digit or Kind.Katakana or Kind.Connector, Kind.Connector) => true,
        (Kind.Connector, Kind.Letter or Kind.Digit or Kind.Katakana) => true,
        _ => false,
    };

    private static bool IsMidLetter(char c) => c is '\'' or '\u2019' or '\u2018' or '.' or ':' or '\u00B7' or '\u0387' or '\u05F4'
        or '\u2024' or '\u2027' or '\uFE13' or '\uFE52' or '\uFE55' or '\uFF07' or '\uFF0E' or '\uFF1A';

    private static bool IsMidNumber(char c) => c is '\'' or '\u2019' or '\u2018' or '.' or ',' or ';' or '\u037E' or '\u0589'
        or '\u060C' or '\u060D' or '\u066C' or '\u07F8' or '\u2024' or '\u2044' or '\uFE10' or '\uFE14' or '\uFE50' or '\uFE52'
        or '\uFE54' or '\uFF07' or '\uFF0C' or '\uFF0E' or '\uFF1B';

    private static Kind Classify(ReadOnlySpan<char> text, int i, out int width)
    {
        var c = text[i];
        width = 1;
        if (c < 128)
        {
            return Ascii[c];
        }

        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            width = 2;
            var rune = new Rune(c, text[i + 1]);
            return rune.Value is >= 0x20000 and <= 0x3FFFF ? Kind.Alone : FromCategory(Rune.GetUnicodeCategory(rune));
        }

        if (IsUnspacedScript(c))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? Kind.Extend
                : category is UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.LetterNumber ? Kind.Alone
                : FromCategory(category);
        }

        if (c is (>= '\u30A0' and <= '\u30FF') or (>= '\u31F0' and <= '\u31FF') or (>= '\uFF66' and <= '\uFF9F'))
        {
            return c is '\u30FB' ? Kind.Other : Kind.Katakana;
        }

        return FromCategory(CharUnicodeInfo.GetUnicodeCategory(c));
    }

    private static Kind FromCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => Kind.Letter,
        UnicodeCategory.DecimalDigitNumber => Kind.Digit,
        UnicodeCategory.OtherNumber => Kind.Alone,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format => Kind.Extend,
        UnicodeCategory.ConnectorPunctuation => Kind.Connector,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => Kind.Space,
        _ => Kind.Other,
    };

    private static bool IsUnspacedScript(char c) =>
        c is (>= '\u0E00' and <= '\u0EFF') or (>= '\u1000' and <= '\u109F') or (>= '\u1780' and <= '\u17FF')
            or (>= '\u1A20' and <= '\u1AAF') or (>= '\u2E80' and <= '\u2FDF') or (>= '\u3005' and <= '\u3007')
            or (>= '\u3021' and <= '\u3029') or (>= '\u3038' and <= '\u303B') or (>= '\u3040' and <= '\u309F')
            or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');

    private static Kind[] BuildAscii()
    {
        var table = new Kind[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = char.IsAsciiLetter((char)c) ? Kind.Letter
                : char.IsAsciiDigit((char)c) ? Kind.Digit
                : c == '_' ? Kind.Connector
                : char.IsWhiteSpace((char)c) ? Kind.Space
                : Kind.Other;
        }

        return table;
    }
}

/// <summary>Word positions in a text, reused from document to document.</summary>
internal sealed class WordBuffer
{
    public int[] Starts = new int[1024];
    public int[] Lengths = new int[1024];
    public int[] CodePoints = new int[1024];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(int start, int length, int codePoints)
    {
        if (Count == Starts.Length)
        {
            Array.Resize(ref Starts, Count * 2);
            Array.Resize(ref Lengths, Count * 2);
            Array.Resize(ref CodePoints, Count * 2);
        }

        Starts[Count] = start;
        Lengths[Count] = length;
        CodePoints[Count] = codePoints;
        Count++;
    }
}
