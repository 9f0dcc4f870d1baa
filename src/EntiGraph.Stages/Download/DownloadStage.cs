using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Download;

public sealed class DownloadStage : Stage
{
    public override string Name => "download";

    public override int Version => 0;

    // Deterministic without randomness: a new seed must not rebuild it.
    public override bool UsesSeed => false;

    public override string Description => "Fetches the experiment's sources (pinned URLs, local files, shipped files, Hugging Face datasets) and verifies them.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "source downloads");
}
