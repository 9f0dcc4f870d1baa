namespace EntiGraph.Engine.Charts;

/// <summary>How a series is drawn: a line through its points, a marker on each point, or both.</summary>
[Flags]
public enum ChartMarks
{
    Line = 1,
    Markers = 2,
    LineAndMarkers = Line | Markers,
}
