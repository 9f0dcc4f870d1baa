namespace EntiGraph.Engine.Charts;

/// <summary>The legend: a framed box in a corner of the plot with one row per named series.</summary>
internal static class ChartLegend
{
    // Ties go to the first corner: top right is where a legend is looked for first.
    private static readonly LegendPlacement[] Corners =
        [LegendPlacement.TopRight, LegendPlacement.TopLeft, LegendPlacement.BottomRight, LegendPlacement.BottomLeft];

    public static (LegendPlacement Placement, PixelRect? Box) Place(
        LegendPlacement requested, IReadOnlyList<PlottedSeries> series, PixelRect plot, ChartAxis x, ChartAxis y, ChartMetrics m)
    {
        var entries = series.Where(s => s.InLegend).ToList();
        if (requested == LegendPlacement.None || entries.Count == 0)
        {
            return (LegendPlacement.None, null);
        }

        var width = m.LegendPadding * 2 + m.LegendSampleWidth + m.LegendSampleGap +
                    entries.Max(s => BitmapFont.MeasureWidth(s.Series.Name, m.Scale));
        var height = m.LegendPadding * 2 + entries.Count * m.LegendRowHeight - (m.LegendRowHeight - m.TextHeight);
        if (requested != LegendPlacement.Auto)
        {
            return (requested, BoxAt(requested, width, height, plot, m));
        }

        // The corner whose box would hide the fewest drawn points, counting lines as points every two pixels. The
        // margin keeps markers and lines that pass just outside the box from touching it.
        var drawn = DrawnPositions(series, x, y).ToList();
        var best = Corners
            .Select(corner => (Corner: corner, Box: BoxAt(corner, width, height, plot, m)))
            .MinBy(c => drawn.Count(p => c.Box.Inflate(2 * m.LegendInset).Contains(p.X, p.Y)));
        return (best.Corner, best.Box);
    }

    public static void Draw(Canvas canvas, PixelRect box, IReadOnlyList<PlottedSeries> series, ChartMetrics m)
    {
        canvas.FillRect(box, ChartPalette.Background);
        canvas.StrokeRect(box, ChartPalette.LegendBorder);
        var rowTop = box.Top + m.LegendPadding;
        foreach (var entry in series.Where(s => s.InLegend))
        {
            var sampleLeft = box.Left + m.LegendPadding;
            var middle = rowTop + m.CapHeight / 2.0;
            if (entry.HasLine)
            {
                canvas.DrawLine(sampleLeft, middle, sampleLeft + m.LegendSampleWidth, middle, entry.Color, m.LineWidth);
            }

            if (entry.HasMarkers)
            {
                LineChart.DrawMarker(canvas, entry.Marker, sampleLeft + m.LegendSampleWidth / 2.0, middle, entry.Color, m);
            }

            canvas.DrawText(sampleLeft + m.LegendSampleWidth + m.LegendSampleGap, rowTop, entry.Series.Name, ChartPalette.Text, m.Scale);
            rowTop += m.LegendRowHeight;
        }
    }

    private static PixelRect BoxAt(LegendPlacement corner, int width, int height, PixelRect plot, ChartMetrics m)
    {
        var left = corner is LegendPlacement.TopLeft or LegendPlacement.BottomLeft
            ? plot.Left + m.LegendInset
            : plot.Right - m.LegendInset - width;
        var top = corner is LegendPlacement.TopLeft or LegendPlacement.TopRight
            ? plot.Top + m.LegendInset
            : plot.Bottom - m.LegendInset - height;
        return PixelRect.FromSize(left, top, width, height);
    }

    private static IEnumerable<(double X, double Y)> DrawnPositions(IReadOnlyList<PlottedSeries> series, ChartAxis x, ChartAxis y)
    {
        foreach (var s in series)
        {
            foreach (var run in s.Runs)
            {
                var previous = (X: x.ToPixel(run[0].X), Y: y.ToPixel(run[0].Y));
                yield return previous;
                foreach (var point in run.Skip(1))
                {
                    var next = (X: x.ToPixel(point.X), Y: y.ToPixel(point.Y));
                    if (s.HasLine)
                    {
                        var steps = (int)Math.Ceiling(Math.Max(Math.Abs(next.X - previous.X), Math.Abs(next.Y - previous.Y)) / 2);
                        for (var i = 1; i < steps; i++)
                        {
                            var t = i / (double)steps;
                            yield return (previous.X + t * (next.X - previous.X), previous.Y + t * (next.Y - previous.Y));
                        }
                    }

                    yield return next;
                    previous = next;
                }
            }
        }
    }
}
