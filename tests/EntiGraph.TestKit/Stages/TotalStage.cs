using System.Globalization;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.TestKit.Stages;

/// <summary>The last test stage: sums the powers, plus another experiment's total if one is named.</summary>
public sealed class TotalStage : Stage
{
    public override string Name => "total";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["power"];

    public override bool UsesSeed => false;

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Artifact("add", "another experiment's total artifact to add")
        .Section("format", "how the total is written", new ConfigSchema()
            .Integer("digits", "digits after the point", @default: 0, min: 0)
            .String("label", "the line's label", @default: "total")
            .String("note", "a remark that changes nothing written")
            .Unkeyed("note"));

    public override string Description => "sums the powers";

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(context.Inputs["power"].File("powers.txt"), cancellationToken);
        var total = lines.Sum(l => double.Parse(l, CultureInfo.InvariantCulture));
        if (context.Artifacts.TryGetValue("add", out var other))
        {
            var otherLine = await File.ReadAllTextAsync(other.File("total.txt"), cancellationToken);
            total += double.Parse(otherLine.Split(' ')[^1], CultureInfo.InvariantCulture);
        }

        var format = context.Config["format"]!;
        var digits = (int)(long)format["digits"]!;
        var line = $"{(string)format["label"]!} {total.ToString("F" + digits, CultureInfo.InvariantCulture)}";
        await File.WriteAllTextAsync(context.OutputPath("total.txt"), line, cancellationToken);
        context.Metrics["total"] = total;
    }
}
