using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>
/// Stands in for the train stage's artifact layout: a model/ folder holding (only) the tokenizer files
/// the tokenize stage published, as a trained model keeps them beside its weights.
/// </summary>
internal sealed class FixtureTrainStage : Stage
{
    public override string Name => "train";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["tokenize"];

    public override bool UsesSeed => false;

    public override ConfigSchema Schema { get; } = new();

    public override Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var tokenizer = context.Inputs["tokenize"].File(TokenizeStage.TokenizerDirectory);
        foreach (var file in Directory.GetFiles(tokenizer))
        {
            File.Copy(file, context.OutputPath(Path.Combine(EntiGraph.Stages.Train.TrainStage.ModelDirectory, Path.GetFileName(file))));
        }

        return Task.CompletedTask;
    }
}
