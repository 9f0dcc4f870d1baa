using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Card;

public sealed class CardStage : Stage
{
    public override string Name => "card";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["download", "extract", "synthesize", "curate", "tokenize", "train", "evaluate"];

    // Deterministic without randomness: a new seed must not rebuild it.
    public override bool UsesSeed => false;

    public override string Description => "Renders the model card and dataset card from every upstream manifest and assembles the model folder.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "model card rendering");
}
