namespace EntiGraph.Engine.Charts;

/// <summary>An axis's range and the values that get a labelled tick and gridline, plus unlabelled minor gridlines.</summary>
public sealed class AxisTicks
{
    public AxisTicks(double min, double max, IReadOnlyList<double> values, IReadOnlyList<double>? minor = null)
    {
        Min = min;
        Max = max;
        Values = values;
        Minor = minor ?? [];
    }

    public double Min { get; }

    public double Max { get; }

    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<double> Minor { get; }

    public override string ToString() => $"[{Min}, {Max}]: {string.Join(", ", Values)}";
}
