namespace EntiGraph.Engine.Charts;

/// <summary>
/// Series colours, assigned in order. Chosen to stay apart in hue and lightness so neighbouring series can be
/// told apart in greyscale and by most colour-blind readers; markers also change shape from series to series.
/// </summary>
public static class ChartPalette
{
    public static readonly IReadOnlyList<Rgba> Series =
    [
        new(31, 95, 173),   // blue
        new(219, 102, 20),  // orange
        new(34, 139, 80),   // green
        new(190, 40, 60),   // red
        new(120, 80, 180),  // purple
        new(130, 90, 50),   // brown
        new(200, 70, 160),  // pink
        new(80, 80, 80),    // grey
    ];

    public static readonly Rgba Background = Rgba.White;
    public static readonly Rgba Text = new(30, 30, 30);
    public static readonly Rgba Axis = new(70, 70, 70);
    public static readonly Rgba Grid = new(222, 222, 222);
    public static readonly Rgba MinorGrid = new(240, 240, 240);
    public static readonly Rgba LegendBorder = new(190, 190, 190);

    public static Rgba ForSeries(int index) => Series[index % Series.Count];
}
