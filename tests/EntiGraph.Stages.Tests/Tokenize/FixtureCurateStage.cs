using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Extract;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>
/// Stands in for the curate stage: each line of <c>documents</c> (JSONL, {"text"}) becomes a row of
/// mixture.parquet, in file order, and each line of <c>replay</c>, if given, a row of replay.parquet
/// (written with no rows otherwise, as curate does), so the tokenize stage can run through the engine
/// without the stages before it.
/// </summary>
internal sealed class FixtureCurateStage : Stage
{
    public override string Name => "curate";

    public override int Version => 2;

    public override bool UsesSeed => false;

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Path("documents", "JSONL of {\"text\"}, one mixture document a line", required: true)
        .Path("replay", "JSONL of {\"text\"}, one replay document a line");

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var mixture = Rows(context, "documents", "domain", "doc");
        List<MixtureRow> replay = context.Config["replay"] is null ? [] : Rows(context, "replay", "replay", "replay/doc");
        await ExtractOutput.WriteAsync(context.OutputPath(CurateStage.MixtureFile), mixture, cancellationToken);
        await ExtractOutput.WriteAsync(context.OutputPath(CurateStage.ReplayFile), replay, cancellationToken);
    }

    private static List<MixtureRow> Rows(StageContext context, string key, string origin, string prefix) =>
        File.ReadLines(context.ResolvePath((string)context.Config[key]!))
            .Where(l => l.Trim().Length > 0)
            .Select((line, n) => new MixtureRow { Id = $"{prefix}{n}", Origin = origin, Text = (string)JsonNode.Parse(line)!["text"]!, KeptBy = "fixture" })
            .ToList();
}
