using EntiGraph.Engine.Charts;
using EntiGraph.TestKit;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class LineChartTests : IDisposable
{
    private static readonly Rgba Blue = ChartPalette.ForSeries(0);
    private static readonly Rgba Orange = ChartPalette.ForSeries(1);

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Two_renders_of_the_same_data_give_the_same_bytes()
    {
        var first = ScalingChart().RenderPng();
        var second = ScalingChart().RenderPng();

        Assert.Equal(first, second);
        Assert.Equal(first, ScalingChart().RenderPng(LineChart.DefaultWidth, LineChart.DefaultHeight));
    }

    [Fact]
    public void The_image_has_the_requested_size_and_a_white_background()
    {
        var png = PngDecoder.Decode(ScalingChart().RenderPng(640, 400));

        Assert.Equal((640, 400, 3), (png.Width, png.Height, png.Channels));
        Assert.Equal(["IHDR", "IDAT", "IEND"], png.Chunks.Distinct());
        Assert.Equal(Rgba.White, png.Pixel(0, 0));
        Assert.Equal(Rgba.White, png.Pixel(639, 399));
    }

    [Fact]
    public void The_line_runs_between_its_data_points()
    {
        var chart = new LineChart { Legend = LegendPlacement.None }
            .Add(new ChartSeries("loss", [(0, 0), (1, 1), (2, 4), (3, 9)]));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        foreach (var (from, to) in new[] { ((0.0, 0.0), (1.0, 1.0)), ((1.0, 1.0), (2.0, 4.0)), ((2.0, 4.0), (3.0, 9.0)) })
        {
            foreach (var t in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
            {
                var (x, y) = layout.ToPixel(from.Item1 + t * (to.Item1 - from.Item1), from.Item2 + t * (to.Item2 - from.Item2));
                var (column, row) = ((int)Math.Floor(x), (int)Math.Floor(y));
                Assert.True(
                    png.Count(new PixelRect(column, row - 1, column + 1, row + 2), p => p == Blue) > 0,
                    $"no series pixel near ({x:F1}, {y:F1}) at t = {t} between {from} and {to}");
            }
        }

        // Far from the curve, and everywhere outside the plot, there is no series colour.
        var (farX, farY) = layout.ToPixel(2.5, 1);
        Assert.Equal(0, png.Count(PixelRect.FromSize((int)farX - 5, (int)farY - 5, 10, 10), p => p == Blue));
        var nearPlot = layout.PlotArea.Inflate(5);
        Assert.Equal(0, png.Count(new PixelRect(0, 0, png.Width, png.Height), p => p == Blue) -
                        png.Count(nearPlot, p => p == Blue));
    }

    [Fact]
    public void The_plot_mapping_puts_the_axis_ends_on_the_frame()
    {
        var layout = new LineChart().Add(new ChartSeries("", [(0, 0), (10, 1)])).Measure();

        Assert.Equal((0.0, 10.0), (layout.X.Min, layout.X.Max));
        Assert.Equal((layout.PlotArea.Left + 0.5, layout.PlotArea.Bottom - 0.5), layout.ToPixel(0, 0));
        Assert.Equal((layout.PlotArea.Right - 0.5, layout.PlotArea.Top + 0.5), layout.ToPixel(10, 1));
        Assert.Null(layout.Legend);
    }

    [Fact]
    public void The_legend_shows_each_named_series_in_a_free_corner()
    {
        var chart = new LineChart()
            .Add(new ChartSeries("EntiGraph", [(1, 1), (2, 2), (3, 3)], ChartMarks.LineAndMarkers))
            .Add(new ChartSeries("Rephrase", [(1, 0.5), (2, 1), (3, 1.5)], ChartMarks.LineAndMarkers));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        // Rising data leave the top left free.
        Assert.Equal(LegendPlacement.TopLeft, layout.LegendPlacement);
        var legend = layout.Legend!.Value;
        Assert.True(png.Count(legend, p => p == ChartPalette.Text) > 40, "legend text");
        Assert.True(png.Count(legend, p => p == Blue) > 20, "first sample");
        Assert.True(png.Count(legend, p => p == Orange) > 20, "second sample");
        var topHalf = legend with { Bottom = legend.Top + legend.Height / 2 };
        Assert.True(png.Count(topHalf, p => p == Blue) > png.Count(topHalf, p => p == Orange), "first series listed first");
    }

    [Fact]
    public void A_log_axis_spaces_decades_equally()
    {
        var chart = new LineChart { LogX = true }.Add(new ChartSeries("", [(10, 1), (100, 2), (1000, 3)]));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        var (x10, x100, x1000) = (layout.X.ToPixel(10), layout.X.ToPixel(100), layout.X.ToPixel(1000));
        Assert.Equal(x100 - x10, x1000 - x100, precision: 9);
        Assert.Equal([10, 100, 1000], layout.X.Ticks.Values);
        Assert.Equal(layout.PlotArea.Left + 0.5, x10);
        var midRow = layout.PlotArea.Top + 5; // above the line at x = 100 and x = 500
        Assert.Equal(ChartPalette.Grid, png.Pixel((int)Math.Floor(x100), midRow));
        Assert.Equal(ChartPalette.MinorGrid, png.Pixel((int)Math.Floor(layout.X.ToPixel(500)), midRow));
    }

    [Fact]
    public void Unplottable_points_are_skipped_and_break_the_line()
    {
        var chart = new LineChart { Legend = LegendPlacement.None }
            .Add(new ChartSeries("", [(0, 0), (1, double.NaN), (2, 2), (3, 3), (double.PositiveInfinity, 4)]));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        Assert.Equal((0.0, 3.0), (layout.X.Min, layout.X.Max));
        Assert.Equal((0.0, 3.0), (layout.Y.Min, layout.Y.Max));
        Assert.True(png.Count(Around(layout.ToPixel(2.5, 2.5), 2), p => p == Blue) > 0, "the line after the gap");
        Assert.Equal(0, png.Count(Around(layout.ToPixel(1, 1), 3), p => p == Blue));
    }

    [Fact]
    public void A_log_axis_skips_values_that_are_not_positive()
    {
        var layout = new LineChart { LogY = true }.Add(new ChartSeries("", [(0, 0), (1, -1), (2, 10), (3, 1000)])).Measure();

        Assert.Equal((10.0, 1000.0), (layout.Y.Min, layout.Y.Max));
        Assert.Equal(2.0, layout.X.Ticks.Values.Min(), precision: 9);
    }

    [Fact]
    public void A_chart_with_nothing_to_draw_is_refused_with_a_reason()
    {
        Assert.Contains("no series", Assert.Throws<ArgumentException>(() => new LineChart().RenderPng()).Message);

        var onlyNaN = new LineChart().Add(new ChartSeries("a", [(double.NaN, 1), (2, double.NaN)])).Add(new ChartSeries("b", []));
        Assert.Contains("no drawable points", Assert.Throws<ArgumentException>(() => onlyNaN.RenderPng()).Message);

        var logOfZero = new LineChart { LogX = true }.Add(new ChartSeries("a", [(0, 1)]));
        Assert.Contains("not positive on a log axis", Assert.Throws<ArgumentException>(() => logOfZero.Measure()).Message);
    }

    [Fact]
    public void A_single_point_gets_a_padded_range_and_its_marker()
    {
        var chart = new LineChart().Add(new ChartSeries("one", [(5, 0.5)], ChartMarks.Markers));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        Assert.True(layout.X.Min < 5 && layout.X.Max > 5);
        Assert.True(layout.Y.Min < 0.5 && layout.Y.Max > 0.5);
        var (x, y) = layout.ToPixel(5, 0.5);
        Assert.Equal(Blue, png.Pixel((int)x, (int)y));
    }

    [Fact]
    public void A_flat_series_renders_in_the_middle_of_its_axis()
    {
        var chart = new LineChart().Add(new ChartSeries("", [(0, 1), (1, 1), (2, 1)]));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        Assert.True(layout.Y.Min < 1 && layout.Y.Max > 1);
        var (x, y) = layout.ToPixel(1, 1);
        Assert.Equal(Blue, png.Pixel((int)x, (int)y));
    }

    [Fact]
    public void A_fixed_range_cuts_off_points_outside_it()
    {
        var chart = new LineChart { YRange = (0, 1), Legend = LegendPlacement.None }
            .Add(new ChartSeries("", [(0, 0.5), (1, 5)], ChartMarks.LineAndMarkers));
        var layout = chart.Measure();
        var png = PngDecoder.Decode(chart.RenderPng());

        Assert.Equal((0.0, 1.0), (layout.Y.Min, layout.Y.Max));
        var above = new PixelRect(0, 0, png.Width, layout.PlotArea.Top);
        Assert.Equal(0, png.Count(above, p => p == Blue));
    }

    [Fact]
    public void A_size_too_small_for_the_labels_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScalingChart().RenderPng(60, 40));

    [Fact]
    public void Saving_writes_the_rendered_bytes_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_workspace.Root, "charts", "loss.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "an older file");

        LossChart().SavePng(path, 400, 300);

        Assert.Equal(LossChart().RenderPng(400, 300), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    /// <summary>
    /// Writes the two kinds of chart the pipeline draws to a fixed folder under the temp directory, where they are
    /// kept so that a person can look at them after a change to the renderer.
    /// </summary>
    [Fact]
    public void Example_charts_are_written_for_inspection()
    {
        var folder = Path.Combine(Path.GetTempPath(), "entigraph-chart-examples");
        var scaling = Path.Combine(folder, "scaling.png");
        var loss = Path.Combine(folder, "loss.png");

        ScalingChart().SavePng(scaling);
        LossChart().SavePng(loss);

        Assert.Equal((800, 480), Size(PngDecoder.Decode(File.ReadAllBytes(scaling))));
        Assert.Equal((800, 480), Size(PngDecoder.Decode(File.ReadAllBytes(loss))));
    }

    private static (int, int) Size(DecodedPng png) => (png.Width, png.Height);

    private static PixelRect Around((double X, double Y) point, int radius) =>
        new((int)Math.Floor(point.X) - radius, (int)Math.Floor(point.Y) - radius, (int)Math.Floor(point.X) + radius + 1, (int)Math.Floor(point.Y) + radius + 1);

    private static LineChart ScalingChart() =>
        new LineChart { Title = "QuALITY accuracy vs. synthetic tokens", XLabel = "Synthetic tokens", YLabel = "QA accuracy", LogX = true }
            .Add(new ChartSeries("EntiGraph CPT", [(1.3e6, 0.398), (5.1e6, 0.431), (2.1e7, 0.468), (8.9e7, 0.512), (4.55e8, 0.561)], ChartMarks.LineAndMarkers))
            .Add(new ChartSeries("Rephrase CPT", [(1.3e6, 0.391), (5.1e6, 0.402), (2.1e7, 0.414), (8.9e7, 0.419)], ChartMarks.LineAndMarkers))
            .Add(new ChartSeries("Raw CPT", [(1.3e6, 0.381)], ChartMarks.Markers));

    private static LineChart LossChart()
    {
        var points = Enumerable.Range(0, 600)
            .Select(step => ((double)step * 10, 2.1 + 8.5 * Math.Exp(-step / 60.0) + 0.15 * Math.Sin(step * 0.7)))
            .ToList();
        return new LineChart { Title = "Training loss", XLabel = "Step", YLabel = "Loss" }
            .Add(new ChartSeries("train", points))
            .Add(new ChartSeries("validation", points.Where((_, i) => i % 50 == 0).Select(p => (p.Item1, p.Item2 + 0.2)).ToList(), ChartMarks.LineAndMarkers));
    }
}
