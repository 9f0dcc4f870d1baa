using System.Globalization;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.TestKit.Stages;

/// <summary>The first test stage: seeded random numbers, plus the lines of an optional input file.</summary>
public sealed class NumbersStage : Stage
{
    public override string Name => "numbers";

    public override int Version => 1;

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Integer("count", "how many numbers", @default: 10, min: 1)
        .Path("source", "a text file whose lines are appended")
        .Choice("spread", "the range of the numbers", ["narrow", "wide"], @default: "narrow");

    public override string Description => "writes seeded random numbers";

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var random = new Random((int)context.Seed);
        var limit = (string)context.Config["spread"]! == "wide" ? 1_000_000 : 100;
        var lines = Enumerable.Range(0, (int)(long)context.Config["count"]!).Select(_ => random.Next(limit).ToString(CultureInfo.InvariantCulture)).ToList();
        if (context.Config["source"] is { } source)
        {
            lines.AddRange(await File.ReadAllLinesAsync(context.ResolvePath((string)source!), cancellationToken));
        }

        await File.WriteAllLinesAsync(context.OutputPath("numbers.txt"), lines, cancellationToken);
        context.Metrics["count"] = lines.Count;
    }
}
