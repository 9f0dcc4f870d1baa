namespace EntiGraph.Engine.Charts;

/// <summary>
/// Where everything goes for one chart at one size: the plot area, the axes' mappings from data to pixels, and the
/// legend box. Margins come from the measured widths of the labels that will be drawn in them.
/// </summary>
public sealed class ChartLayout
{
    private const int MinTicks = 3, MaxTicks = 10;

    private ChartLayout(int width, int height, PixelRect plotArea, ChartAxis x, ChartAxis y, LegendPlacement placement, PixelRect? legend)
    {
        Width = width;
        Height = height;
        PlotArea = plotArea;
        X = x;
        Y = y;
        LegendPlacement = placement;
        Legend = legend;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The framed data area; the frame is its outermost ring of pixels.</summary>
    public PixelRect PlotArea { get; }

    public ChartAxis X { get; }

    public ChartAxis Y { get; }

    /// <summary>The corner the legend went to (never <see cref="LegendPlacement.Auto"/>), or None.</summary>
    public LegendPlacement LegendPlacement { get; }

    /// <summary>The legend box, or null when there is no legend.</summary>
    public PixelRect? Legend { get; }

    /// <summary>The pixel coordinates of a data point; the point lies in pixel (⌊x⌋, ⌊y⌋).</summary>
    public (double X, double Y) ToPixel(double x, double y) => (X.ToPixel(x), Y.ToPixel(y));

    internal static ChartLayout Compute(LineChart chart, IReadOnlyList<PlottedSeries> series, int width, int height)
    {
        var m = new ChartMetrics(chart.TextScale);
        var points = series.SelectMany(s => s.Points).ToList();
        var (xMin, xMax) = chart.XRange ?? (points.Min(p => p.X), points.Max(p => p.X));
        var (yMin, yMax) = chart.YRange ?? (points.Min(p => p.Y), points.Max(p => p.Y));

        var top = m.Padding + (chart.Title.Length > 0 ? m.TitleHeight + m.TitleGap : m.CapHeight / 2);
        var bottom = height - (m.Padding + m.TickLength + m.TickLabelGap + m.TextHeight + (chart.XLabel.Length > 0 ? m.AxisLabelGap + m.TextHeight : 0));

        var yTicks = ChooseTicks(yMin, yMax, chart.LogY, chart.YRange is null, (bottom - top) / m.MinYTickSpacing + 1, _ => true);
        var yLabelWidth = yTicks.Values.Max(v => BitmapFont.MeasureWidth(CompactNumber.Format(v), m.Scale));
        var left = m.Padding + (chart.YLabel.Length > 0 ? m.TextHeight + m.AxisLabelGap : 0) + yLabelWidth + m.TickLabelGap + m.TickLength;

        // The last x label is centred on the right edge of the plot, so half of it needs room in the right margin.
        var provisionalRight = width - m.Padding - 3 * m.CapHeight;
        var xTicks = ChooseTicks(xMin, xMax, chart.LogX, chart.XRange is null, MaxTicks, ticks => FitsAcross(ticks, chart.LogX, provisionalRight - left, m));
        var halfLabels = xTicks.Values.Select(v => (BitmapFont.MeasureWidth(CompactNumber.Format(v), m.Scale) + 1) / 2).ToList();
        left = Math.Max(left, m.Padding + halfLabels[0]);
        var right = width - Math.Max(m.Padding, halfLabels[^1] + m.Scale * 2);

        var plot = new PixelRect(left, top, right, bottom);
        if (plot.Width < 20 || plot.Height < 20)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"A {width}×{height} chart leaves no room to plot inside its labels.");
        }

        var x = new ChartAxis(xTicks, chart.LogX, plot.Left + 0.5, plot.Right - 0.5);
        var y = new ChartAxis(yTicks, chart.LogY, plot.Bottom - 0.5, plot.Top + 0.5);
        var (placement, legend) = ChartLegend.Place(chart.Legend, series, plot, x, y, m);
        return new ChartLayout(width, height, plot, x, y, placement, legend);
    }

    /// <summary>The most ticks, up to <paramref name="maxCount"/>, that <paramref name="fits"/> accepts.</summary>
    private static AxisTicks ChooseTicks(double min, double max, bool log, bool expand, int maxCount, Func<AxisTicks, bool> fits)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max || (!expand && min == max) || (log && min <= 0))
        {
            throw new ArgumentException($"An axis range must be finite, increasing{(log ? " and positive on a log axis" : "")}; got [{min}, {max}].");
        }

        for (var count = Math.Clamp(maxCount, MinTicks, MaxTicks); ; count--)
        {
            var ticks = log ? NiceTicks.Log(min, max, count, expand) : NiceTicks.Linear(min, max, count, expand);
            if (count == MinTicks || (ticks.Values.Count > 0 && fits(ticks)))
            {
                return ticks;
            }
        }
    }

    private static bool FitsAcross(AxisTicks ticks, bool log, int plotWidth, ChartMetrics m)
    {
        var axis = new ChartAxis(ticks, log, 0, plotWidth);
        var widest = ticks.Values.Max(v => BitmapFont.MeasureWidth(CompactNumber.Format(v), m.Scale));
        var needed = Math.Max(widest + 4 * m.TextHeight / 3, m.MinXTickSpacing);
        for (var i = 1; i < ticks.Values.Count; i++)
        {
            if (axis.ToPixel(ticks.Values[i]) - axis.ToPixel(ticks.Values[i - 1]) < needed)
            {
                return false;
            }
        }

        return true;
    }
}
