using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class BitmapFontTests
{
    private static readonly char[] Printable = Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).ToArray();

    [Fact]
    public void Every_printable_character_has_ink_and_space_has_none()
    {
        Assert.All(Printable, c => Assert.True(Ink(c.ToString()).Count > 0, $"'{c}' has no ink"));
        Assert.Empty(Ink(" "));
        Assert.Equal(3, BitmapFont.MeasureWidth(" "));
    }

    [Fact]
    public void No_two_characters_look_the_same()
    {
        var shapes = Printable.GroupBy(c => string.Join(";", Ink(c.ToString()).Order())).Where(g => g.Count() > 1);

        Assert.Empty(shapes.Select(g => string.Concat(g)));
    }

    [Fact]
    public void Only_descenders_reach_below_the_baseline()
    {
        var below = Printable.Where(c => Ink(c.ToString()).Any(p => p.Y >= BitmapFont.Ascent)).ToArray();

        Assert.Equal(",;_gjpqy|", string.Concat(below));
        Assert.All(Printable, c => Assert.All(Ink(c.ToString()), p => Assert.InRange(p.Y, 0, BitmapFont.Height - 1)));
    }

    [Fact]
    public void Widths_are_proportional_and_scale()
    {
        Assert.Equal(0, BitmapFont.MeasureWidth(""));
        Assert.True(BitmapFont.MeasureWidth("i") < BitmapFont.MeasureWidth("m"));
        Assert.Equal(5, BitmapFont.MeasureWidth("m"));
        Assert.Equal(5 + 1 + 5, BitmapFont.MeasureWidth("mm"));
        Assert.Equal(2 * BitmapFont.MeasureWidth("Loss 1.2k"), BitmapFont.MeasureWidth("Loss 1.2k", scale: 2));
    }

    [Fact]
    public void Characters_outside_ascii_are_drawn_as_a_question_mark()
    {
        Assert.Equal(Ink("?"), Ink("é"));
        Assert.Equal(BitmapFont.MeasureWidth("?"), BitmapFont.MeasureWidth("→"));
    }

    private static List<(int X, int Y)> Ink(string text)
    {
        var ink = new List<(int X, int Y)>();
        BitmapFont.Trace(text, (x, y) => ink.Add((x, y)));
        return ink;
    }
}
