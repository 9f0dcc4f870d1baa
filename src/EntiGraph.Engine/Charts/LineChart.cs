namespace EntiGraph.Engine.Charts;

/// <summary>
/// A line chart rendered to PNG with no fonts or graphics libraries, so that the same data always gives the same
/// bytes. Set the labels and axes, <see cref="Add"/> series, then <see cref="RenderPng"/> or <see cref="SavePng"/>.
/// </summary>
public sealed class LineChart
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 480;

    private readonly List<ChartSeries> _series = [];
    private int _textScale = 1;

    public string Title { get; set; } = "";

    public string XLabel { get; set; } = "";

    public string YLabel { get; set; } = "";

    public bool LogX { get; set; }

    public bool LogY { get; set; }

    /// <summary>A fixed x range instead of one fitted to the data; points outside it are cut off.</summary>
    public (double Min, double Max)? XRange { get; set; }

    /// <summary>A fixed y range instead of one fitted to the data; points outside it are cut off.</summary>
    public (double Min, double Max)? YRange { get; set; }

    public LegendPlacement Legend { get; set; } = LegendPlacement.Auto;

    /// <summary>1 for ordinary charts; 2 doubles text, lines and markers for images meant to be shown large.</summary>
    public int TextScale
    {
        get => _textScale;
        set => _textScale = value is >= 1 and <= 4 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"TextScale must be 1–4; got {value}.");
    }

    public bool AntiAlias { get; set; } = true;

    public IReadOnlyList<ChartSeries> Series => _series;

    public LineChart Add(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        _series.Add(series);
        return this;
    }

    /// <summary>The layout a render at this size would use; throws as <see cref="Render"/> does for a chart with nothing to draw.</summary>
    public ChartLayout Measure(int width = DefaultWidth, int height = DefaultHeight) => ChartLayout.Compute(this, Plot(), width, height);

    public Canvas Render(int width = DefaultWidth, int height = DefaultHeight)
    {
        var series = Plot();
        var layout = ChartLayout.Compute(this, series, width, height);
        var m = new ChartMetrics(TextScale);
        var canvas = new Canvas(width, height, ChartPalette.Background) { AntiAlias = AntiAlias };
        var plot = layout.PlotArea;

        DrawGrid(canvas, layout);
        canvas.StrokeRect(plot, ChartPalette.Axis);
        DrawTicks(canvas, layout, m);

        // Markers and line ends at the edge of a fitted range may reach past the frame; a fixed range cuts hard.
        var reach = (int)Math.Ceiling(m.MarkerRadius) + 1;
        canvas.Clip = new PixelRect(
            plot.Left - (XRange is null ? reach : 0), plot.Top - (YRange is null ? reach : 0),
            plot.Right + (XRange is null ? reach : 0), plot.Bottom + (YRange is null ? reach : 0));
        foreach (var s in series)
        {
            DrawSeries(canvas, s, layout, m);
        }

        canvas.Clip = canvas.Bounds;
        if (layout.Legend is { } legend)
        {
            ChartLegend.Draw(canvas, legend, series, m);
        }

        DrawLabels(canvas, layout, m);
        return canvas;
    }

    public byte[] RenderPng(int width = DefaultWidth, int height = DefaultHeight) => Render(width, height).ToPng();

    /// <summary>Writes the PNG through a temporary file and a rename, so a reader never sees half an image.</summary>
    public void SavePng(string path, int width = DefaultWidth, int height = DefaultHeight) =>
        AtomicFile.WriteAllBytes(path, RenderPng(width, height));

    internal static void DrawMarker(Canvas canvas, MarkerShape shape, double x, double y, Rgba color, ChartMetrics m)
    {
        switch (shape)
        {
            case MarkerShape.Square:
                canvas.FillSquare(x, y, m.MarkerRadius * 0.85, color);
                break;
            case MarkerShape.Diamond:
                canvas.FillDiamond(x, y, m.MarkerRadius * 1.3, color);
                break;
            default:
                canvas.FillCircle(x, y, m.MarkerRadius, color);
                break;
        }
    }

    private List<PlottedSeries> Plot()
    {
        if (_series.Count == 0)
        {
            throw new ArgumentException("The chart has no series to draw; add at least one with points.");
        }

        var plotted = _series.Select((s, i) => new PlottedSeries(s, i, LogX, LogY)).ToList();
        if (plotted.All(s => s.Runs.Count == 0))
        {
            throw new ArgumentException(
                $"The chart's {_series.Count} series have no drawable points (all empty, NaN, infinite{(LogX || LogY ? " or not positive on a log axis" : "")}).");
        }

        return plotted;
    }

    private static void DrawGrid(Canvas canvas, ChartLayout layout)
    {
        var plot = layout.PlotArea;
        foreach (var (values, color) in new[] { (layout.X.Ticks.Minor, ChartPalette.MinorGrid), (layout.X.Ticks.Values, ChartPalette.Grid) })
        {
            foreach (var v in values)
            {
                canvas.FillRect(new PixelRect(Column(layout.X, v), plot.Top, Column(layout.X, v) + 1, plot.Bottom), color);
            }
        }

        foreach (var (values, color) in new[] { (layout.Y.Ticks.Minor, ChartPalette.MinorGrid), (layout.Y.Ticks.Values, ChartPalette.Grid) })
        {
            foreach (var v in values)
            {
                canvas.FillRect(new PixelRect(plot.Left, Column(layout.Y, v), plot.Right, Column(layout.Y, v) + 1), color);
            }
        }
    }

    private static void DrawTicks(Canvas canvas, ChartLayout layout, ChartMetrics m)
    {
        var plot = layout.PlotArea;
        foreach (var v in layout.X.Ticks.Values)
        {
            var column = Column(layout.X, v);
            canvas.FillRect(new PixelRect(column, plot.Bottom, column + 1, plot.Bottom + m.TickLength), ChartPalette.Axis);
            var label = CompactNumber.Format(v);
            var labelWidth = BitmapFont.MeasureWidth(label, m.Scale);
            canvas.DrawText(column - labelWidth / 2, plot.Bottom + m.TickLength + m.TickLabelGap, label, ChartPalette.Text, m.Scale);
        }

        foreach (var v in layout.Y.Ticks.Values)
        {
            var row = Column(layout.Y, v);
            canvas.FillRect(new PixelRect(plot.Left - m.TickLength, row, plot.Left, row + 1), ChartPalette.Axis);
            var label = CompactNumber.Format(v);
            var labelWidth = BitmapFont.MeasureWidth(label, m.Scale);
            canvas.DrawText(plot.Left - m.TickLength - m.TickLabelGap - labelWidth, row - m.CapHeight / 2, label, ChartPalette.Text, m.Scale);
        }
    }

    private static void DrawSeries(Canvas canvas, PlottedSeries series, ChartLayout layout, ChartMetrics m)
    {
        foreach (var run in series.Runs)
        {
            var pixels = run.Select(p => layout.ToPixel(p.X, p.Y)).ToList();
            if (series.HasLine)
            {
                canvas.DrawPolyline(pixels, series.Color, m.LineWidth);
            }

            if (series.HasMarkers)
            {
                foreach (var (x, y) in pixels)
                {
                    DrawMarker(canvas, series.Marker, x, y, series.Color, m);
                }
            }
        }
    }

    private void DrawLabels(Canvas canvas, ChartLayout layout, ChartMetrics m)
    {
        var plot = layout.PlotArea;
        var centreX = (plot.Left + plot.Right) / 2;
        if (Title.Length > 0)
        {
            var width = BitmapFont.MeasureWidth(Title, m.TitleScale);
            canvas.DrawText(Math.Max(m.Padding, centreX - width / 2), m.Padding, Title, ChartPalette.Text, m.TitleScale);
        }

        if (XLabel.Length > 0)
        {
            var width = BitmapFont.MeasureWidth(XLabel, m.Scale);
            canvas.DrawText(Math.Max(m.Padding, centreX - width / 2), layout.Height - m.Padding - m.TextHeight, XLabel, ChartPalette.Text, m.Scale);
        }

        if (YLabel.Length > 0)
        {
            var width = BitmapFont.MeasureWidth(YLabel, m.Scale);
            canvas.DrawTextUp(m.Padding, (plot.Top + plot.Bottom) / 2 + width / 2, YLabel, ChartPalette.Text, m.Scale);
        }
    }

    /// <summary>The pixel column (or row) holding a value: gridlines and ticks go there so they stay one pixel sharp.</summary>
    private static int Column(ChartAxis axis, double value) => (int)Math.Floor(axis.ToPixel(value));
}
