namespace EntiGraph.Engine.Charts;

/// <summary>
/// Maps data values on one axis to pixel coordinates. <see cref="PixelStart"/> is where <see cref="AxisTicks.Min"/>
/// lands and <see cref="PixelEnd"/> where Max lands, both at pixel centres, so a value maps into pixel
/// ⌊<see cref="ToPixel"/>(value)⌋.
/// </summary>
public sealed class ChartAxis
{
    private readonly double _low, _high;

    public ChartAxis(AxisTicks ticks, bool isLog, double pixelStart, double pixelEnd)
    {
        Ticks = ticks;
        IsLog = isLog;
        PixelStart = pixelStart;
        PixelEnd = pixelEnd;
        (_low, _high) = isLog ? (Math.Log10(ticks.Min), Math.Log10(ticks.Max)) : (ticks.Min, ticks.Max);
    }

    public AxisTicks Ticks { get; }

    public bool IsLog { get; }

    public double Min => Ticks.Min;

    public double Max => Ticks.Max;

    public double PixelStart { get; }

    public double PixelEnd { get; }

    public double ToPixel(double value)
    {
        var v = IsLog ? Math.Log10(value) : value;
        return PixelStart + (v - _low) / (_high - _low) * (PixelEnd - PixelStart);
    }

    /// <summary>Whether a value can be placed on this axis at all (finite, and positive on a log axis).</summary>
    public static bool CanPlot(double value, bool isLog) => double.IsFinite(value) && (!isLog || value > 0);
}
