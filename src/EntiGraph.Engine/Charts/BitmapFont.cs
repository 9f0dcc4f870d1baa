namespace EntiGraph.Engine.Charts;

/// <summary>
/// A proportional bitmap font for printable ASCII, drawn on a 5×9 grid: rows 0–6 above the baseline, rows 7–8 for
/// descenders. Glyphs are kept as pixel art (one space-separated word per row, '#' for ink) so they can be read and
/// edited here; they are turned into bit rows once, with empty side columns trimmed so that narrow letters take
/// less room.
/// </summary>
public static class BitmapFont
{
    /// <summary>Rows above the baseline, at scale 1.</summary>
    public const int Ascent = 7;

    /// <summary>Rows below the baseline, at scale 1.</summary>
    public const int Descent = 2;

    /// <summary>Ascent plus descent: the height a line of text occupies, at scale 1.</summary>
    public const int Height = Ascent + Descent;

    private const int GridWidth = 5;
    private const int SpaceWidth = 3;
    private const int Spacing = 1;
    private const char First = ' ', Last = '~';

    private static readonly string[] Art =
    [
        /*   */ "",
        /* ! */ "..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..",
        /* " */ ".#.#. .#.#. .#.#.",
        /* # */ ".#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.",
        /* $ */ "..#.. .#### #.#.. .###. ..#.# ####. ..#..",
        /* % */ "##..# ##..# ...#. ..#.. .#... #..## #..##",
        /* & */ ".##.. #..#. #.#.. .#... #.#.# #..#. .##.#",
        /* ' */ "..#.. ..#.. ..#..",
        /* ( */ "...#. ..#.. .#... .#... .#... ..#.. ...#.",
        /* ) */ ".#... ..#.. ...#. ...#. ...#. ..#.. .#...",
        /* * */ "..... ..#.. #.#.# .###. #.#.# ..#.. .....",
        /* + */ "..... ..#.. ..#.. ##### ..#.. ..#.. .....",
        /* , */ "..... ..... ..... ..... ..... .##.. .##.. ..#.. .#...",
        /* - */ "..... ..... ..... .#### ..... ..... .....",
        /* . */ "..... ..... ..... ..... ..... .##.. .##..",
        /* / */ "....# ....# ...#. ..#.. .#... #.... #....",
        /* 0 */ ".###. #...# #..## #.#.# ##..# #...# .###.",
        /* 1 */ "..#.. .##.. #.#.. ..#.. ..#.. ..#.. #####",
        /* 2 */ ".###. #...# ....# ..##. .#... #.... #####",
        /* 3 */ "####. ....# ....# .###. ....# ....# ####.",
        /* 4 */ "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        /* 5 */ "##### #.... ####. ....# ....# #...# .###.",
        /* 6 */ "..##. .#... #.... ####. #...# #...# .###.",
        /* 7 */ "##### ....# ...#. ..#.. ..#.. .#... .#...",
        /* 8 */ ".###. #...# #...# .###. #...# #...# .###.",
        /* 9 */ ".###. #...# #...# .#### ....# ...#. .##..",
        /* : */ "..... .##.. .##.. ..... .##.. .##.. .....",
        /* ; */ "..... .##.. .##.. ..... .##.. .##.. ..#.. .#...",
        /* < */ "...#. ..#.. .#... #.... .#... ..#.. ...#.",
        /* = */ "..... ..... ##### ..... ##### ..... .....",
        /* > */ ".#... ..#.. ...#. ....# ...#. ..#.. .#...",
        /* ? */ ".###. #...# ....# ...#. ..#.. ..... ..#..",
        /* @ */ ".###. #...# #.### #.#.# #.##. #.... .####",
        /* A */ "..#.. .#.#. #...# #...# ##### #...# #...#",
        /* B */ "####. #...# #...# ####. #...# #...# ####.",
        /* C */ ".###. #...# #.... #.... #.... #...# .###.",
        /* D */ "###.. #..#. #...# #...# #...# #..#. ###..",
        /* E */ "##### #.... #.... ####. #.... #.... #####",
        /* F */ "##### #.... #.... ####. #.... #.... #....",
        /* G */ ".###. #...# #.... #.### #...# #...# .####",
        /* H */ "#...# #...# #...# ##### #...# #...# #...#",
        /* I */ "###.. .#... .#... .#... .#... .#... ###..",
        /* J */ "..### ...#. ...#. ...#. ...#. #..#. .##..",
        /* K */ "#...# #..#. #.#.. ##... #.#.. #..#. #...#",
        /* L */ "#.... #.... #.... #.... #.... #.... #####",
        /* M */ "#...# ##.## #.#.# #.#.# #...# #...# #...#",
        /* N */ "#...# #...# ##..# #.#.# #..## #...# #...#",
        /* O */ ".###. #...# #...# #...# #...# #...# .###.",
        /* P */ "####. #...# #...# ####. #.... #.... #....",
        /* Q */ ".###. #...# #...# #...# #.#.# #..#. .##.#",
        /* R */ "####. #...# #...# ####. #.#.. #..#. #...#",
        /* S */ ".#### #.... #.... .###. ....# ....# ####.",
        /* T */ "##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..",
        /* U */ "#...# #...# #...# #...# #...# #...# .###.",
        /* V */ "#...# #...# #...# .#.#. .#.#. ..#.. ..#..",
        /* W */ "#...# #...# #...# #.#.# #.#.# ##.## #...#",
        /* X */ "#...# #...# .#.#. ..#.. .#.#. #...# #...#",
        /* Y */ "#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..",
        /* Z */ "##### ....# ...#. ..#.. .#... #.... #####",
        /* [ */ "###.. #.... #.... #.... #.... #.... ###..",
        /* \ */ "#.... #.... .#... ..#.. ...#. ....# ....#",
        /* ] */ "###.. ..#.. ..#.. ..#.. ..#.. ..#.. ###..",
        /* ^ */ "..#.. .#.#. #...#",
        /* _ */ "..... ..... ..... ..... ..... ..... ..... #####",
        /* ` */ "#.... .#...",
        /* a */ "..... ..... .###. ....# .#### #...# .####",
        /* b */ "#.... #.... ####. #...# #...# #...# ####.",
        /* c */ "..... ..... .###. #.... #.... #.... .###.",
        /* d */ "....# ....# .#### #...# #...# #...# .####",
        /* e */ "..... ..... .###. #...# ##### #.... .###.",
        /* f */ "..##. .#... .#... ###.. .#... .#... .#...",
        /* g */ "..... ..... .#### #...# #...# #...# .#### ....# .###.",
        /* h */ "#.... #.... ####. #...# #...# #...# #...#",
        /* i */ ".#... ..... ##... .#... .#... .#... ###..",
        /* j */ "...#. ..... ..##. ...#. ...#. ...#. ...#. #..#. .##..",
        /* k */ "#.... #.... #..#. #.#.. ##... #.#.. #..#.",
        /* l */ "##... .#... .#... .#... .#... .#... ###..",
        /* m */ "..... ..... ##.#. #.#.# #.#.# #.#.# #.#.#",
        /* n */ "..... ..... ####. #...# #...# #...# #...#",
        /* o */ "..... ..... .###. #...# #...# #...# .###.",
        /* p */ "..... ..... ####. #...# #...# #...# ####. #.... #....",
        /* q */ "..... ..... .#### #...# #...# #...# .#### ....# ....#",
        /* r */ "..... ..... #.##. ##... #.... #.... #....",
        /* s */ "..... ..... .###. #.... .###. ....# ###..",
        /* t */ ".#... .#... ###.. .#... .#... .#... ..##.",
        /* u */ "..... ..... #...# #...# #...# #...# .####",
        /* v */ "..... ..... #...# #...# .#.#. .#.#. ..#..",
        /* w */ "..... ..... #...# #...# #.#.# #.#.# .#.#.",
        /* x */ "..... ..... #...# .#.#. ..#.. .#.#. #...#",
        /* y */ "..... ..... #...# #...# #...# #...# .#### ....# .###.",
        /* z */ "..... ..... ##### ...#. ..#.. .#... #####",
        /* { */ "..##. .#... .#... #.... .#... .#... ..##.",
        /* | */ "#.... #.... #.... #.... #.... #.... #.... #.... #....",
        /* } */ ".##.. ...#. ...#. ....# ...#. ...#. .##..",
        /* ~ */ "..... ..... .#... #.#.# ...#. ..... .....",
    ];

    private static readonly Glyph[] Glyphs = Art.Select(Parse).ToArray();

    /// <summary>One character's ink: <see cref="Rows"/>[y] has bit (Width − 1 − x) set where column x is inked.</summary>
    internal readonly record struct Glyph(int Width, byte[] Rows)
    {
        public bool IsSet(int x, int y) => y < Rows.Length && x >= 0 && x < Width && (Rows[y] >> (Width - 1 - x) & 1) != 0;
    }

    /// <summary>The glyph for a character; anything outside printable ASCII is drawn as '?'.</summary>
    internal static Glyph For(char c) => Glyphs[c is >= First and <= Last ? c - First : '?' - First];

    /// <summary>The advance of a string in pixels at a scale, with no trailing gap after the last glyph.</summary>
    public static int MeasureWidth(string text, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return 0;
        }

        var width = 0;
        foreach (var c in text)
        {
            width += For(c).Width + Spacing;
        }

        return (width - Spacing) * scale;
    }

    /// <summary>Calls <paramref name="ink"/> for each inked font pixel of the text, in unscaled coordinates from its top-left.</summary>
    internal static void Trace(string text, Action<int, int> ink)
    {
        var pen = 0;
        foreach (var c in text)
        {
            var glyph = For(c);
            for (var y = 0; y < glyph.Rows.Length; y++)
            {
                for (var x = 0; x < glyph.Width; x++)
                {
                    if (glyph.IsSet(x, y))
                    {
                        ink(pen + x, y);
                    }
                }
            }

            pen += glyph.Width + Spacing;
        }
    }

    private static Glyph Parse(string art)
    {
        if (art.Length == 0)
        {
            return new Glyph(SpaceWidth, []);
        }

        var rows = art.Split(' ');
        if (rows.Length > Height || rows.Any(row => row.Length != GridWidth))
        {
            throw new InvalidOperationException($"Glyph art \"{art}\" is not {GridWidth} columns by at most {Height} rows.");
        }

        var used = Enumerable.Range(0, GridWidth).Where(x => rows.Any(row => row[x] == '#')).ToArray();
        var left = used.Min();
        var width = used.Max() - left + 1;
        var bits = new byte[rows.Length];
        for (var y = 0; y < rows.Length; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (rows[y][left + x] == '#')
                {
                    bits[y] |= (byte)(1 << (width - 1 - x));
                }
            }
        }

        return new Glyph(width, bits);
    }
}
