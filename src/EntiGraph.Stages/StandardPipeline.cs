using EntiGraph.Engine.Running;

namespace EntiGraph.Stages;

/// <summary>The EntiGraph pipeline: every stage, in build order.</summary>
public static class StandardPipeline
{
    public static Pipeline Create() => new(
    [
        new Download.DownloadStage(),
        new Extract.ExtractStage(),
        new Synthesize.SynthesizeStage(),
        new Curate.CurateStage(),
        new Tokenize.TokenizeStage(),
        new Train.TrainStage(),
        new Evaluate.EvaluateStage(),
        new Card.CardStage(),
    ]);
}
