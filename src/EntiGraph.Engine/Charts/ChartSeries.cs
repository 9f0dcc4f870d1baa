namespace EntiGraph.Engine.Charts;

/// <summary>
/// One named set of (x, y) points. Points that cannot be drawn (NaN, infinite, or not positive on a log axis) are
/// skipped, and a line is broken where they were rather than drawn across the gap.
/// </summary>
public sealed class ChartSeries
{
    public ChartSeries(string name, IReadOnlyList<(double X, double Y)> points, ChartMarks marks = ChartMarks.Line)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(points);
        if ((marks & ChartMarks.LineAndMarkers) == 0)
        {
            throw new ArgumentException($"A series must be drawn as a line, markers or both; got {marks}.", nameof(marks));
        }

        Name = name;
        Points = points;
        Marks = marks;
    }

    /// <summary>The legend text; a series with an empty name gets no legend entry.</summary>
    public string Name { get; }

    public IReadOnlyList<(double X, double Y)> Points { get; }

    public ChartMarks Marks { get; }

    /// <summary>Overrides the palette colour for this series.</summary>
    public Rgba? Color { get; init; }

    /// <summary>Overrides the marker shape, which otherwise cycles circle, square, diamond by series.</summary>
    public MarkerShape? Marker { get; init; }
}
