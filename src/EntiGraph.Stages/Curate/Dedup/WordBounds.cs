using System.Buffers;
using System.Globalization;
using System.Text;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// Splits text at Unicode word boundaries (UAX #29) and drops the whitespace segments, which is how
/// BFF tokenises: a word ("don't", "U.S.A", "3.14", "naïve") is one token and every other
/// punctuation mark or symbol is a token of its own. The rules that matter for Latin, Greek, Cyrillic
/// and similar scripts are kept (WB4 extend/format, WB5–WB13b); Han, Hiragana and the South-East
/// Asian scripts fall apart into one token per character, as UAX #29 without a dictionary does.
/// </summary>
internal ref struct WordBounds(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _next;

    public int Start { get; private set; }

    public int Length { get; private set; }

    /// <summary>Whether the token is a word (letters, digits, ideographs) rather than punctuation or a symbol.</summary>
    public bool IsWord { get; private set; }

    public readonly ReadOnlySpan<char> Current => _text.Slice(Start, Length);

    public bool MoveNext()
    {
        var text = _text;
        var position = _next;
        Kind kind;
        int width;
        while (true)
        {
            if (position >= text.Length)
            {
                _next = position;
                return false;
            }

            kind = Classify(text, position, out width);
            if (kind != Kind.Space)
            {
                break;
            }

            position += width;
        }

        Start = position;
        position += width;
        if (kind is Kind.Letter or Kind.Digit or Kind.Connector)
        {
            position = ScanWord(text, position, kind);
            IsWord = true;
        }
        else
        {
            position = ScanSingle(text, position, text[Start] == ZeroWidthJoiner);
            IsWord = kind == Kind.Ideograph;
        }

        Length = position - Start;
        _next = position;
        return true;
    }

    private const char ZeroWidthJoiner = '\u200D';

    // The last base character decides whether a middle character (':', '.', ',', '\'') may join.
    private static int ScanWord(ReadOnlySpan<char> text, int position, Kind last)
    {
        while (position < text.Length)
        {
            var kind = Classify(text, position, out var width);
            switch (kind)
            {
                case Kind.Extend:
                    position += width;
                    continue;
                case Kind.Letter or Kind.Digit or Kind.Connector:
                    last = kind;
                    position += width;
                    continue;
                case Kind.MidLetter or Kind.MidNumLet or Kind.MidNum:
                    var after = SkipExtend(text, position + width);
                    if (after >= text.Length)
                    {
                        return position;
                    }

                    var next = Classify(text, after, out _);
                    var joins = (last, next) switch
                    {
                        (Kind.Letter, Kind.Letter) => kind is Kind.MidLetter or Kind.MidNumLet,
                        (Kind.Digit, Kind.Digit) => kind is Kind.MidNum or Kind.MidNumLet,
                        _ => false,
                    };
                    if (!joins)
                    {
                        return position;
                    }

                    position = after;
                    continue;
                default:
                    return position;
            }
        }

        return position;
    }

    // A lone character keeps its combining marks; a joiner glues emoji sequences together (WB3c).
    private static int ScanSingle(ReadOnlySpan<char> text, int position, bool afterJoiner)
    {
        while (position < text.Length)
        {
            var kind = Classify(text, position, out var width);
            if (kind == Kind.Extend || (afterJoiner && kind == Kind.Other))
            {
                afterJoiner = text[position] == ZeroWidthJoiner;
                position += width;
                continue;
            }

            break;
        }

        return position;
    }

    private static int SkipExtend(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length && Classify(text, position, out var width) == Kind.Extend)
        {
            position += width;
        }

        return position;
    }

    private static Kind Classify(ReadOnlySpan<char> text, int position, out int width)
    {
        var c = text[position];
        if (c < 128)
        {
            width = 1;
            return (Kind)Ascii[c];
        }

        if (!char.IsSurrogate(c))
        {
            width = 1;
            return ClassifyRune(new Rune(c));
        }

        if (Rune.DecodeFromUtf16(text[position..], out var rune, out width) != OperationStatus.Done)
        {
            width = 1;
            return Kind.Other;
        }

        return ClassifyRune(rune);
    }

    private static Kind ClassifyRune(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return Kind.Space;
        }

        var value = rune.Value;
        switch (value)
        {
            case 0x00B7 or 0x0387 or 0x055F or 0x05F4 or 0x2027 or 0xFE13 or 0xFE55 or 0xFF1A:
                return Kind.MidLetter;
            case 0x2018 or 0x2019 or 0x2024 or 0xFE52 or 0xFF07 or 0xFF0E:
                return Kind.MidNumLet;
            case 0x037E or 0x0589 or 0x060C or 0x060D or 0x066C or 0x07F8 or 0x2044 or 0xFE10 or 0xFE14 or 0xFE50 or 0xFE54 or 0xFF0C or 0xFF1B:
                return Kind.MidNum;
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber:
                return IsStandalone(value) ? Kind.Ideograph : Kind.Letter;
            case UnicodeCategory.DecimalDigitNumber:
                return IsStandalone(value) ? Kind.Ideograph : Kind.Digit;
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format:
                return Kind.Extend;
            case UnicodeCategory.ConnectorPunctuation:
                return Kind.Connector;
            default:
                return Kind.Other;
        }
    }

    // Ideographs, Hiragana and scripts written without spaces (Thai, Lao, Myanmar, Khmer) are not
    // ALetter in UAX #29, so each of their characters is a segment of its own.
    private static bool IsStandalone(int value) => value switch
    {
        >= 0x0E00 and <= 0x0EFF => true,
        >= 0x1000 and <= 0x109F => true,
        >= 0x1780 and <= 0x17FF => true,
        >= 0x3005 and <= 0x3007 => true,
        >= 0x3021 and <= 0x3029 => true,
        >= 0x3038 and <= 0x303B => true,
        >= 0x3040 and <= 0x309F => true,
        >= 0x3400 and <= 0x4DBF => true,
        >= 0x4E00 and <= 0x9FFF => true,
        >= 0xF900 and <= 0xFAFF => true,
        >= 0x20000 and <= 0x3FFFF => true,
        _ => false,
    };

    private enum Kind : byte
    {
        Space,
        Letter,
        Digit,
        Connector,
        MidLetter,
        MidNumLet,
        MidNum,
        Extend,
        Ideograph,
        Other,
    }

    // 0 space, 1 letter, 2 digit, 3 '_', 4 ':', 5 '.' and '\'', 6 ',' and ';', 9 anything else.
    private static ReadOnlySpan<byte> Ascii =>
    [
        9, 9, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, 0, 0, 9, 9,
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
        0, 9, 9, 9, 9, 9, 9, 5, 9, 9, 9, 9, 6, 9, 5, 9,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4, 6, 9, 9, 9, 9,
        9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 3,
        9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9,
    ];
}
