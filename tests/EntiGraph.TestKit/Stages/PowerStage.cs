using System.Globalization;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;

namespace EntiGraph.TestKit.Stages;

/// <summary>
/// The second test stage: raises each number to a power. With <see cref="PauseVariable"/> set to a
/// file path it writes half its output, creates that file and then hangs, so that a test can kill
/// the process mid-write.
/// </summary>
public sealed class PowerStage : Stage
{
    public const string PauseVariable = "ENTIGRAPH_TEST_PAUSE_MARKER";

    public override string Name => "power";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["numbers"];

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Integer("exponent", "the power", @default: 2, min: 0, max: 6)
        .Boolean("fail", "throw after writing part of the output", @default: false);

    public override string Description => "raises each number to a power";

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var numbers = await File.ReadAllLinesAsync(context.Inputs["numbers"].File("numbers.txt"), cancellationToken);
        var exponent = (int)(long)context.Config["exponent"]!;
        var powers = numbers.Select(n => Math.Pow(double.Parse(n, CultureInfo.InvariantCulture), exponent).ToString("R", CultureInfo.InvariantCulture)).ToList();

        await using var writer = new StreamWriter(context.OutputPath("powers.txt"));
        for (var i = 0; i < powers.Count; i++)
        {
            await writer.WriteLineAsync(powers[i]);
            if (i == powers.Count / 2)
            {
                await writer.FlushAsync(cancellationToken);
                if ((bool)context.Config["fail"]!)
                {
                    throw new InvalidOperationException("asked to fail halfway");
                }

                if (Environment.GetEnvironmentVariable(PauseVariable) is { Length: > 0 } marker)
                {
                    await File.WriteAllTextAsync(marker, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            }
        }
    }
}
