using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Curate;

public sealed class CurateStage : Stage
{
    public override string Name => "curate";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["extract", "synthesize"];

    public override string Description => "Builds the training mixture: heuristic filters, deduplication, quality scoring, data selection, decontamination, mixing.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "data curation");
}
