using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Synthesize;

public sealed class SynthesizeStage : Stage
{
    public override string Name => "synthesize";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["extract"];

    public override string Description => "Generates the synthetic corpus (EntiGraph, rephrase or raw baselines) through a generator backend with a request cache.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "synthetic data generation");
}
