using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate;

namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>
/// Stands in for the curate stage: each line of <c>documents</c> (JSONL, {"text"}) becomes a row of
/// mixture.parquet, in file order, so the tokenize stage can run through the engine without the stages before it.
/// </summary>
internal sealed class FixtureCurateStage : Stage
{
    public override string Name => "curate";

    public override int Version => 1;

    public override bool UsesSeed => false;

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Path("documents", "JSONL of {\"text\"}, one mixture document a line", required: true);

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var writer = new ParquetRows.Writer<MixtureRow>(context.OutputPath(CurateStage.MixtureFile));
        var n = 0;
        foreach (var line in File.ReadLines(context.ResolvePath((string)context.Config["documents"]!)).Where(l => l.Trim().Length > 0))
        {
            var text = (string)JsonNode.Parse(line)!["text"]!;
            await writer.AddAsync(new MixtureRow { Id = $"doc{n++}", Origin = "domain", Text = text, KeptBy = "fixture" }, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }
}
