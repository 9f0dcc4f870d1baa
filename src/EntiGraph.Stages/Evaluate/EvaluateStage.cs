using EntiGraph.Engine.Running;

namespace EntiGraph.Stages.Evaluate;

public sealed class EvaluateStage : Stage
{
    public override string Name => "evaluate";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["train", "extract"];

    public override string Description => "Closed-book QA and perplexity of the trained model.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "evaluation");
}
