using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class CanvasTests
{
    private static readonly Rgba Red = new(255, 0, 0);

    [Fact]
    public void A_new_canvas_is_the_background_colour()
    {
        var canvas = new Canvas(5, 4, new Rgba(1, 2, 3, 4));

        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(new Rgba(1, 2, 3, 4), canvas.GetPixel(i % 5, i / 5)));
    }

    [Fact]
    public void A_hard_two_pixel_line_on_a_pixel_boundary_covers_two_rows()
    {
        var canvas = new Canvas(60, 40, Rgba.White) { AntiAlias = false };

        canvas.DrawLine(10, 20, 50, 20, Red, thickness: 2);

        Assert.Equal(Red, canvas.GetPixel(30, 19));
        Assert.Equal(Red, canvas.GetPixel(30, 20));
        Assert.Equal(Rgba.White, canvas.GetPixel(30, 18));
        Assert.Equal(Rgba.White, canvas.GetPixel(30, 21));
        Assert.Equal(Rgba.White, canvas.GetPixel(55, 20));
    }

    [Fact]
    public void An_anti_aliased_line_through_pixel_centres_half_covers_its_neighbours()
    {
        var canvas = new Canvas(60, 40, Rgba.White);

        canvas.DrawLine(10.5, 20.5, 50.5, 20.5, Red, thickness: 2);

        Assert.Equal(Red, canvas.GetPixel(30, 20));
        Assert.Equal(new Rgba(255, 127, 127), canvas.GetPixel(30, 19));
        Assert.Equal(new Rgba(255, 127, 127), canvas.GetPixel(30, 21));
        Assert.Equal(Rgba.White, canvas.GetPixel(30, 18));
    }

    [Fact]
    public void A_translucent_polyline_is_not_darker_where_segments_meet()
    {
        var canvas = new Canvas(60, 60, Rgba.White);

        canvas.DrawPolyline([(5, 50), (20, 10), (35, 50), (50, 10)], new Rgba(0, 0, 0, 128), thickness: 3);

        var darkest = Enumerable.Range(0, 3600).Min(i => canvas.GetPixel(i % 60, i / 60).R);
        Assert.Equal(127, darkest);
    }

    [Fact]
    public void Blending_onto_transparency_keeps_the_colour_and_sums_the_alpha()
    {
        var canvas = new Canvas(3, 3, Rgba.Transparent);

        canvas.SetPixel(1, 1, new Rgba(200, 100, 50, 128));
        canvas.SetPixel(1, 1, new Rgba(200, 100, 50, 128));

        Assert.Equal(new Rgba(200, 100, 50, 192), canvas.GetPixel(1, 1));
        Assert.Equal(Rgba.Transparent, canvas.GetPixel(0, 0));
    }

    [Fact]
    public void Drawing_is_cut_to_the_clip_rectangle()
    {
        var canvas = new Canvas(20, 20, Rgba.White) { Clip = new PixelRect(5, 5, 10, 10) };

        canvas.FillRect(new PixelRect(0, 0, 20, 20), Red);
        canvas.DrawLine(-1e300, 7, 1e300, 7, Red);

        Assert.Equal(Red, canvas.GetPixel(5, 5));
        Assert.Equal(Red, canvas.GetPixel(9, 9));
        Assert.Equal(Rgba.White, canvas.GetPixel(4, 7));
        Assert.Equal(Rgba.White, canvas.GetPixel(10, 7));
    }

    [Fact]
    public void A_square_edge_pixel_gets_the_area_it_overlaps()
    {
        var canvas = new Canvas(20, 20, Rgba.White);

        // Covers [9.25, 11.75]: pixel 10 whole, pixels 9 and 11 three quarters.
        canvas.FillSquare(10.5, 10.5, 1.25, Rgba.Black);

        Assert.Equal(Rgba.Black, canvas.GetPixel(10, 10));
        Assert.Equal(64, canvas.GetPixel(9, 10).R);
        Assert.Equal(112, canvas.GetPixel(9, 9).R);   // 9/16 covered
        Assert.Equal(Rgba.White, canvas.GetPixel(8, 10));
    }

    [Fact]
    public void Circles_and_diamonds_fill_their_centre_and_stop_at_their_radius()
    {
        var canvas = new Canvas(40, 20, Rgba.White);

        canvas.FillCircle(10.5, 10.5, 4, Red);
        canvas.FillDiamond(30.5, 10.5, 4, Red);

        Assert.Equal(Red, canvas.GetPixel(10, 10));
        Assert.Equal(Red, canvas.GetPixel(13, 10));
        Assert.Equal(Rgba.White, canvas.GetPixel(16, 10));
        Assert.Equal(Rgba.White, canvas.GetPixel(14, 14)); // 4.95 from the centre
        Assert.Equal(Red, canvas.GetPixel(30, 10));
        Assert.Equal(Red, canvas.GetPixel(33, 10));
        Assert.Equal(Rgba.White, canvas.GetPixel(33, 13));
    }

    [Fact]
    public void Text_is_drawn_as_the_glyph_at_the_given_scale()
    {
        var canvas = new Canvas(20, 20, Rgba.White);

        canvas.DrawText(2, 1, "L", Rgba.Black, scale: 2);

        // 'L': a stem of seven rows and a five-pixel foot, each font pixel a 2×2 block.
        Assert.Equal(Rgba.Black, canvas.GetPixel(2, 1));
        Assert.Equal(Rgba.Black, canvas.GetPixel(3, 14));
        Assert.Equal(Rgba.Black, canvas.GetPixel(11, 14));
        Assert.Equal(Rgba.White, canvas.GetPixel(4, 1));
        Assert.Equal(Rgba.White, canvas.GetPixel(12, 14));
        Assert.Equal(Rgba.White, canvas.GetPixel(2, 15));
    }

    [Fact]
    public void Upward_text_reads_from_bottom_to_top()
    {
        var canvas = new Canvas(20, 20, Rgba.White);

        canvas.DrawTextUp(3, 15, "L", Rgba.Black);

        // The stem lies along the bottom row, the foot along column left + 6, rising from the bottom.
        Assert.All(Enumerable.Range(3, 7), x => Assert.Equal(Rgba.Black, canvas.GetPixel(x, 14)));
        Assert.All(Enumerable.Range(10, 5), y => Assert.Equal(Rgba.Black, canvas.GetPixel(9, y)));
        Assert.Equal(Rgba.White, canvas.GetPixel(8, 13));
        Assert.Equal(Rgba.White, canvas.GetPixel(9, 9));
    }

    [Fact]
    public void Png_output_holds_the_canvas_pixels()
    {
        var canvas = new Canvas(9, 7, new Rgba(10, 20, 30, 200));
        canvas.FillRect(new PixelRect(2, 2, 5, 4), Red);

        var rgba = PngDecoder.Decode(canvas.ToPng(includeAlpha: true));
        var rgb = PngDecoder.Decode(canvas.ToPng());

        Assert.Equal(canvas.Pixels.ToArray(), rgba.Pixels);
        Assert.Equal(3, rgb.Channels);
        Assert.Equal(Red, rgb.Pixel(3, 3));
        Assert.Equal(new Rgba(10, 20, 30), rgb.Pixel(0, 0));
    }
}
