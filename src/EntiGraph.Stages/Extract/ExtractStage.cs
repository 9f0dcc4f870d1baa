using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Extract;

public sealed class ExtractStage : Stage
{
    public override string Name => "extract";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["download"];

    // Deterministic without randomness: a new seed must not rebuild it.
    public override bool UsesSeed => false;

    public override string Description => "Turns raw files (QuALITY JSON, HTML, JSONL, Parquet, text) into documents.parquet and questions.parquet.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "document and question extraction");
}
