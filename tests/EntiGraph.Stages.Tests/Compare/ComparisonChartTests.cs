using System.Buffers.Binary;
using EntiGraph.Engine.Charts;
using EntiGraph.Stages.Compare;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Compare;

public sealed class ComparisonChartTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void Identical_rows_give_identical_png_bytes()
    {
        var first = Path.Combine(_workspace.Root, "first.png");
        var second = Path.Combine(_workspace.Root, "second.png");

        ComparisonChart.Save(ComparisonRows.Paper(), first);
        ComparisonChart.Save(ComparisonRows.Paper(), second);

        var bytes = File.ReadAllBytes(first);
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.NotEqual(bytes, ComparisonChart.Build(ComparisonRows.Paper()[..3]).RenderPng());
    }

    [Fact]
    public void The_png_has_the_requested_size()
    {
        var png = ComparisonChart.RenderPng(ComparisonRows.Paper(), 1600, 960);

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal((1600, 960), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public void Base_and_raw_are_levels_across_the_whole_range_and_the_methods_are_points()
    {
        var chart = ComparisonChart.Build(ComparisonRows.Paper());

        Assert.True(chart.LogX);
        Assert.Equal((10_250 / 2.0, 52_736 * 2.0), chart.XRange);
        Assert.Equal(["Base model", "Raw CPT", "Rephrase CPT", "EntiGraph CPT", "chance (25.0%)"], chart.Series.Select(s => s.Name));
        Assert.Equal([(5_125.0, 25.24), (105_472.0, 25.24)], Rounded(chart.Series[0]));
        Assert.Equal([(5_125.0, 26.21), (105_472.0, 26.21)], Rounded(chart.Series[1]));
        Assert.Equal([(10_250.0, 27.18)], Rounded(chart.Series[2]));
        Assert.Equal([(52_736.0, 31.07)], Rounded(chart.Series[3]));
        Assert.Equal([(5_125.0, 25.0), (105_472.0, 25.0)], Rounded(chart.Series[4]));
        Assert.Equal([ChartMarks.Line, ChartMarks.Line, ChartMarks.LineAndMarkers, ChartMarks.LineAndMarkers, ChartMarks.Line], chart.Series.Select(s => s.Marks));
        Assert.Equal(5, chart.Series.Select(s => s.Color).Distinct().Count());
        var (yMin, yMax) = chart.YRange!.Value;
        Assert.True(yMin <= 25 && yMax >= 31.07 + 5, $"y range {yMin}..{yMax}");
    }

    [Fact]
    public void Experiments_of_one_method_form_one_curve_in_order_of_size()
    {
        var rows = ComparisonRows.Paper();
        rows.Add(ComparisonRows.Row("entigraph-large", "entigraph", steps: 400, synthetic: 400_000, acc: 0.36));
        rows.Add(ComparisonRows.Row("entigraph-small", "entigraph", steps: 30, synthetic: 8_000, acc: 0.28));

        var chart = ComparisonChart.Build(rows);

        var curve = Assert.Single(chart.Series, s => s.Name == "EntiGraph CPT");
        Assert.Equal([(8_000.0, 28.0), (52_736.0, 31.07), (400_000.0, 36.0)], Rounded(curve));
        Assert.Equal((8_000 / 2.0, 400_000 * 2.0), chart.XRange);
    }

    [Fact]
    public void No_chance_line_when_the_experiments_disagree_on_chance()
    {
        var rows = ComparisonRows.Paper();
        rows[2] = ComparisonRows.Row("five-options", "rephrase", steps: 40, synthetic: 10_250, acc: 0.27, chance: 0.2);

        var chart = ComparisonChart.Build(rows);

        Assert.DoesNotContain(chart.Series, s => s.Name.StartsWith("chance", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_base_models_are_named_by_their_experiments()
    {
        var rows = ComparisonRows.Paper();
        rows.Add(ComparisonRows.Row("other-base", "raw", steps: 0, synthetic: 0, acc: 0.24));

        var chart = ComparisonChart.Build(rows);

        Assert.Contains(chart.Series, s => s.Name == "Base model (entigraph-tiny-base)");
        Assert.Contains(chart.Series, s => s.Name == "Base model (other-base)");
    }

    [Fact]
    public void Without_any_synthetic_tokens_there_is_no_axis_to_draw_on()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonChart.Build(ComparisonRows.Paper()[..1]));

        Assert.StartsWith("no experiment was trained on synthetic tokens", error.Message);
    }

    [Fact]
    public void Without_any_QA_accuracy_there_is_nothing_to_draw()
    {
        var rows = ComparisonRows.Paper().Select(r => r with { MultipleChoice = null }).ToList();

        var error = Assert.Throws<ArgumentException>(() => ComparisonChart.Build(rows));

        Assert.StartsWith("no experiment has a QA accuracy to draw", error.Message);
    }

    private static List<(double X, double Y)> Rounded(ChartSeries series) => series.Points.Select(p => (p.X, Math.Round(p.Y, 6))).ToList();
}
