using EntiGraph.Engine.Charts;

namespace EntiGraph.Stages.Train;

/// <summary>loss.png: training loss per step and validation loss where it was measured, against tokens trained.</summary>
public static class LossChart
{
    public static void Save(TrainLog log, string path, string start, double finalValidation)
    {
        var chart = new LineChart
        {
            Title = $"Training loss ({start})",
            XLabel = "tokens",
            YLabel = "cross-entropy (nats/token)",
        };
        if (log.Rows.Count > 0)
            chart.Add(new ChartSeries("train", log.Rows.Select(r => ((double)r.Tokens, r.Loss)).ToList()));
        var validation = log.Rows.Where(r => r.ValidationLoss is not null).Select(r => ((double)r.Tokens, r.ValidationLoss!.Value)).ToList();
        // An untrained run (epochs: 0) has no steps: its chart is the one validation loss, at 0 tokens.
        if (log.Rows.Count == 0)
            validation.Add((0, finalValidation));
        if (validation.Count > 0)
            chart.Add(new ChartSeries("validation", validation, ChartMarks.LineAndMarkers));
        chart.SavePng(path);
    }
}
