using System.Diagnostics;
using EntiGraph.Engine.Hashing;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.TestKit;

namespace EntiGraph.Benchmarks;

/// <summary>
/// How long it takes to learn that nothing needs rebuilding when a stage reads a large file: the cost
/// DVC users meet as a slow no-op `repro`. Measures raw hashing, a status with a cold stat cache
/// (every input hashed) and with a warm one (nothing read).
/// </summary>
internal static class NoOpCheckBenchmark
{
    public static void Run(int megabytes, int repeats)
    {
        using var workspace = new TempWorkspace();
        var input = Path.Combine(workspace.Root, "experiments", "big", "input.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        WriteLines(input, megabytes);
        workspace.WriteExperiment("big", "measure:\n  source: input.txt\n");
        var pipeline = new Pipeline([new MeasureStage()]);
        var experiment = workspace.Load("big", pipeline);
        new Runner(pipeline, workspace.Store, SilentReporter.Instance)
            .RunAsync(experiment, "measure", new RunOptions()).GetAwaiter().GetResult();

        var hashing = Measure(repeats, () => ContentHash.OfFile(input));
        var cold = Measure(repeats, () =>
        {
            File.Delete(Path.Combine(workspace.Store.CacheDirectory, "stat-cache.json"));
            Status(pipeline, workspace, experiment);
        });
        var warm = Measure(repeats, () => Status(pipeline, workspace, experiment));

        Console.WriteLine($"no-op check of a stage reading one {megabytes} MiB file, best of {repeats}:");
        Console.WriteLine($"  xxh128 of the file           {hashing.TotalMilliseconds,9:0.0} ms  ({megabytes / hashing.TotalSeconds:0} MiB/s)");
        Console.WriteLine($"  status, cold stat cache      {cold.TotalMilliseconds,9:0.0} ms");
        Console.WriteLine($"  status, warm stat cache      {warm.TotalMilliseconds,9:0.0} ms");
    }

    private static void Status(Pipeline pipeline, TempWorkspace workspace, Experiment experiment)
    {
        var statuses = new Runner(pipeline, workspace.Store, SilentReporter.Instance).Status(experiment);
        if (statuses.Any(s => s.State != StageState.UpToDate))
        {
            throw new InvalidOperationException("the benchmark pipeline should be up to date");
        }
    }

    private static TimeSpan Measure(int repeats, Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return best;
    }

    private static void WriteLines(string path, int megabytes)
    {
        var line = "12345678901234567890123456789012345678901234567890123456789012\n";
        using var writer = new StreamWriter(path);
        for (long written = 0; written < megabytes * 1024L * 1024L; written += line.Length)
        {
            writer.Write(line);
        }
    }

    /// <summary>A stage whose input is one large file; it writes only the file's size.</summary>
    private sealed class MeasureStage : Stage
    {
        public override string Name => "measure";

        public override int Version => 1;

        public override ConfigSchema Schema { get; } = new ConfigSchema().Path("source", "the large file", required: true);

        public override Task RunAsync(StageContext context, CancellationToken cancellationToken) =>
            File.WriteAllTextAsync(
                context.OutputPath("size.txt"),
                new FileInfo(context.ResolvePath((string)context.Config["source"]!)).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                cancellationToken);
    }
}
