namespace EntiGraph.Engine.Charts;

/// <summary>Sizes in pixels shared by layout and drawing, all proportional to the chart's text scale.</summary>
internal readonly record struct ChartMetrics(int Scale)
{
    public int TitleScale => Scale * 2;
    public int TextHeight => BitmapFont.Height * Scale;
    public int CapHeight => BitmapFont.Ascent * Scale;
    public int TitleHeight => BitmapFont.Height * TitleScale;
    public int Padding => 10 * Scale;
    public int TickLength => 4 * Scale;
    public int TickLabelGap => 3 * Scale;
    public int AxisLabelGap => 6 * Scale;
    public int TitleGap => 8 * Scale;
    public double LineWidth => 2 * Scale;
    public double MarkerRadius => 3.5 * Scale;
    public int MinXTickSpacing => 50 * Scale;
    public int MinYTickSpacing => 45 * Scale;
    public int LegendInset => 8 * Scale;
    public int LegendPadding => 6 * Scale;
    public int LegendRowHeight => TextHeight + 4 * Scale;
    public int LegendSampleWidth => 22 * Scale;
    public int LegendSampleGap => 6 * Scale;
}
