namespace EntiGraph.Engine.Charts;

/// <summary>A series resolved for one chart: its colour and marker, and its drawable points split into unbroken runs.</summary>
internal sealed class PlottedSeries
{
    private static readonly MarkerShape[] Shapes = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Diamond];

    public PlottedSeries(ChartSeries series, int index, bool logX, bool logY)
    {
        Series = series;
        Color = series.Color ?? ChartPalette.ForSeries(index);
        Marker = series.Marker ?? Shapes[index % Shapes.Length];
        var run = new List<(double X, double Y)>();
        foreach (var point in series.Points)
        {
            if (ChartAxis.CanPlot(point.X, logX) && ChartAxis.CanPlot(point.Y, logY))
            {
                run.Add(point);
            }
            else if (run.Count > 0)
            {
                Runs.Add(run);
                run = [];
            }
        }

        if (run.Count > 0)
        {
            Runs.Add(run);
        }
    }

    public ChartSeries Series { get; }

    public Rgba Color { get; }

    public MarkerShape Marker { get; }

    public List<List<(double X, double Y)>> Runs { get; } = [];

    public IEnumerable<(double X, double Y)> Points => Runs.SelectMany(run => run);

    public bool HasLine => (Series.Marks & ChartMarks.Line) != 0;

    public bool HasMarkers => (Series.Marks & ChartMarks.Markers) != 0;

    public bool InLegend => Series.Name.Length > 0;
}
