using EntiGraph.Engine.Charts;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// The EntiGraph paper's scaling figure: QA accuracy against synthetic tokens on a log axis. Experiments of one
/// synthesis method form a curve through their points, so EntiGraph runs of several sizes trace the scaling
/// curve; the base model and Raw CPT are levels drawn across the whole range, as the paper draws them, and so is
/// chance when every experiment shares it.
/// </summary>
public static class ComparisonChart
{
    public const string Title = "Closed-book QA accuracy against synthetic tokens";

    private static readonly Rgba BaseColor = new(90, 90, 90);
    private static readonly Rgba ChanceColor = new(170, 170, 170);

    public static LineChart Build(IReadOnlyList<ComparisonRow> rows)
    {
        var scored = rows.Where(r => r.MultipleChoice?.Acc is not null).ToList();
        if (scored.Count == 0)
        {
            throw new ArgumentException("no experiment has a QA accuracy to draw (eval.json has no multiple_choice section)", nameof(rows));
        }

        var (xMin, xMax) = XRange(scored);
        var series = new List<ChartSeries>();
        var colors = 0;
        foreach (var group in scored.GroupBy(r => r.IsLevel ? "level:" + r.Experiment : "curve:" + r.Model))
        {
            var first = group.First();
            if (first.IsLevel)
            {
                var level = Accuracy(first);
                series.Add(new ChartSeries(LevelName(first, scored), [(xMin, level), (xMax, level)], ChartMarks.Line)
                {
                    Color = first.IsBase ? BaseColor : ChartPalette.ForSeries(colors++),
                });
            }
            else
            {
                // Sorted by size, so the line runs left to right whatever order the experiments were given in.
                var points = group
                    .OrderBy(r => r.SyntheticTokens)
                    .ThenBy(r => r.Experiment, StringComparer.Ordinal)
                    .Select(r => ((double)r.SyntheticTokens, Accuracy(r)))
                    .ToList();
                series.Add(new ChartSeries(first.Model, points, ChartMarks.LineAndMarkers) { Color = ChartPalette.ForSeries(colors++) });
            }
        }

        var chances = scored.Select(r => r.MultipleChoice!.Chance).Distinct().ToList();
        if (chances is [{ } chance])
        {
            series.Add(new ChartSeries($"chance ({ComparisonFormat.Percent(chance)}%)", [(xMin, chance * 100), (xMax, chance * 100)], ChartMarks.Line) { Color = ChanceColor });
        }

        var chart = new LineChart
        {
            Title = Title,
            XLabel = "synthetic tokens (log scale)",
            YLabel = "QA accuracy (%)",
            LogX = true,
            XRange = (xMin, xMax),
            YRange = YRange(series),
        };
        foreach (var s in series)
        {
            chart.Add(s);
        }

        return chart;
    }

    public static byte[] RenderPng(IReadOnlyList<ComparisonRow> rows, int width = LineChart.DefaultWidth, int height = LineChart.DefaultHeight) =>
        Sized(rows, width, height).RenderPng(width, height);

    public static void Save(IReadOnlyList<ComparisonRow> rows, string path, int width = LineChart.DefaultWidth, int height = LineChart.DefaultHeight) =>
        Sized(rows, width, height).SavePng(path, width, height);

    // Text, lines and markers grow with images two or more times the default size, so they stay as readable.
    private static LineChart Sized(IReadOnlyList<ComparisonRow> rows, int width, int height)
    {
        var chart = Build(rows);
        chart.TextScale = Math.Clamp(Math.Min(width / LineChart.DefaultWidth, height / LineChart.DefaultHeight), 1, 4);
        return chart;
    }

    private static double Accuracy(ComparisonRow row) => row.MultipleChoice!.Acc!.Value * 100;

    // A factor of two beyond the outermost experiments keeps their markers off the frame on the log axis.
    private static (double Min, double Max) XRange(IReadOnlyList<ComparisonRow> scored)
    {
        var curve = scored.Where(r => !r.IsLevel).Select(r => r.SyntheticTokens).ToList();
        var sizes = curve.Count > 0 ? curve : scored.Where(r => r.SyntheticTokens > 0).Select(r => r.SyntheticTokens).ToList();
        if (sizes.Count == 0)
        {
            throw new ArgumentException(
                "no experiment was trained on synthetic tokens, so there is no synthetic-token axis to draw the accuracies against; " +
                "compare at least one trained experiment whose mixture has synthetic text");
        }

        return (sizes.Min() / 2.0, sizes.Max() * 2.0);
    }

    // Two base models (say, of two sizes) are told apart by their experiments.
    private static string LevelName(ComparisonRow row, IReadOnlyList<ComparisonRow> scored) =>
        scored.Count(r => r.IsLevel && r.Model == row.Model) > 1 ? $"{row.Model} ({row.Experiment})" : row.Model;

    // Whole multiples of five around the data, with headroom above for the legend; accuracies stay within 0–100.
    private static (double Min, double Max) YRange(IReadOnlyList<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Points).Select(p => p.Y).ToList();
        var (low, high) = (values.Min(), values.Max());
        var headroom = Math.Max(5, (high - low) * 0.6);
        var min = Math.Max(0, Math.Floor((low - 2.5) / 5) * 5);
        var max = Math.Min(100, Math.Ceiling((high + headroom) / 5) * 5);
        return (min, Math.Max(max, min + 5));
    }
}
