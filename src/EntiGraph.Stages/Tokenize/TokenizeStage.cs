using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Tokenize;

public sealed class TokenizeStage : Stage
{
    public override string Name => "tokenize";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["curate"];

    public override string Description => "Tokenizes the mixture into packed token shards with a versioned header and a train/validation split.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "tokenization");
}
