namespace EntiGraph.Engine.Charts;

/// <summary>Where the legend sits inside the plot; <see cref="Auto"/> picks the corner covering the fewest data.</summary>
public enum LegendPlacement
{
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    None,
}
