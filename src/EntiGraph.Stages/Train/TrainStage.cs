using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Train;

public sealed class TrainStage : Stage
{
    public override string Name => "train";

    public override int Version => 0;

    public override IReadOnlyList<string> Needs => ["tokenize"];

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Artifact("base_model", "the model to continue from: another experiment's train artifact; absent, the model trains from scratch");

    public override string Description => "Continued pretraining or fine-tuning of the Llama-architecture model in TorchSharp.";

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
        throw new StageNotImplementedException(Name, "model training");
}
