using System.Diagnostics;
using System.Globalization;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Modeling;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages;
using EntiGraph.Stages.Tokenize;
using EntiGraph.Stages.Train;
using EntiGraph.TestKit;
using TorchSharp;
using static TorchSharp.torch;

namespace EntiGraph.Benchmarks;

/// <summary>
/// Training throughput of the bundled model (tiny-base's train section) on the CPU: the stage's trainer
/// (schedule, replay draws, logging, checkpoints, final validation) against a minimal hand-written
/// TorchSharp loop doing the same optimisation (AdamW, clipping) on the same data. Each runs in its own
/// process, so that peak memory is its own.
/// </summary>
internal static class TrainThroughputBenchmark
{
    private const int Warmup = 3;

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] is "minimal" or "stage")
        {
            var (tokensPerSecond, seconds) = args[0] == "minimal" ? Minimal(Steps(args)) : Stage(Steps(args));
            // One machine-readable line for the parent.
            Console.WriteLine(FormattableString.Invariant($"result {args[0]} {tokensPerSecond:F1} {seconds:F2} {Process.GetCurrentProcess().PeakWorkingSet64}"));
            return 0;
        }

        int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var (settings, _) = Bundled();
        Console.WriteLine($"train throughput, tiny-base's model ({settings.Model.NumHiddenLayers} layers, width {settings.Model.HiddenSize}, batch {settings.BatchSize} x 255 tokens), {steps} steps after {Warmup} warm-up, {torch.get_num_threads()} threads, best of {rounds}:");
        var results = new Dictionary<string, (double Rate, long Peak)>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternating, so that drift in the machine's speed falls on both alike.
            foreach (var kind in new[] { "minimal", "stage" })
            {
                var (rate, peak) = Child(kind, steps);
                if (!results.TryGetValue(kind, out var best) || rate > best.Rate)
                    results[kind] = (rate, peak);
            }
        }
        foreach (var (kind, (rate, peak)) in results)
            Console.WriteLine($"  {kind,-8} {rate,9:F0} tokens/s   peak RSS {peak / (1024.0 * 1024):F0} MiB");
        double overhead = 1 - results["stage"].Rate / results["minimal"].Rate;
        Console.WriteLine($"  stage overhead {overhead * 100:F1}% (limit 5%)");
        return overhead < 0.05 ? 0 : 1;
    }

    private static int Steps(string[] args) => args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;

    private static (double Rate, long Peak) Child(string kind, int steps)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(TrainThroughputBenchmark).Assembly.Location);
        foreach (var arg in new[] { "train", kind, steps.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').Single(l => l.StartsWith("result ", StringComparison.Ordinal)).Split(' ');
        return (double.Parse(line[2], CultureInfo.InvariantCulture), long.Parse(line[4], CultureInfo.InvariantCulture));
    }

    private static (TrainSettings Settings, int BlockSize) Bundled()
    {
        var experiment = ExperimentLoader.Load(Path.Combine(Repository.Root(), "experiments", "tiny-base"), StandardPipeline.Create());
        var tokenize = experiment.Section("tokenize").Config;
        return (TrainSettings.From(experiment.Section("train").Config) with { EvalEvery = 0 }, (int)(long)tokenize["block_size"]!);
    }

    private static (BlockData Data, LlamaConfig Config, TrainSettings Settings) Setup(int steps)
    {
        TorchRuntime.EnsureLoaded();
        var (settings, blockSize) = Bundled();
        const int vocabulary = 2048;
        var random = new Random(1);
        TokenShard Shard(int blocks) => new(blockSize, TokenShard.Dtype.UInt16, Enumerable.Range(0, blocks * blockSize).Select(_ => random.Next(vocabulary)).ToArray());
        var blocksNeeded = (steps + Warmup) * settings.BatchSize * settings.GradientAccumulation;
        var data = new BlockData(Shard(blocksNeeded), Shard(settings.BatchSize), null);
        return (data, settings.Model.ToConfig(vocabulary, blockSize, 0, 1), settings with { MaxSteps = steps + Warmup, Epochs = 1 });
    }

    private static (double TokensPerSecond, double Seconds) Minimal(int steps)
    {
        var (data, config, settings) = Setup(steps);
        using var model = ModelInitializer.FromScratch(config, 0.02, seed: 1);
        var optimizer = optim.AdamW(model.parameters(), settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay);
        var parameters = model.parameters().ToList();
        var clock = new Stopwatch();
        long tokens = 0;
        for (int step = 0; step < steps + Warmup; step++)
        {
            if (step == Warmup)
                clock.Start();
            using var scope = NewDisposeScope();
            var batch = data.Batch(Enumerable.Range(step * settings.BatchSize, settings.BatchSize).Select(b => new ScheduledBlock(false, b)).ToList());
            var (inputs, labels) = batch.ToTensors(CPU);
            var logits = model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), labels.view(-1));
            loss.backward();
            nn.utils.clip_grad_norm_(parameters, settings.GradientClip);
            optimizer.step();
            optimizer.zero_grad();
            if (step >= Warmup)
                tokens += batch.CountedTokens;
        }
        return (tokens / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds);
    }

    private static (double TokensPerSecond, double Seconds) Stage(int steps)
    {
        var (data, config, settings) = Setup(steps);
        using var model = ModelInitializer.FromScratch(config, 0.02, seed: 1);
        var schedule = new BlockSchedule(1, data.Count, 0, 0, settings.BatchSize * settings.GradientAccumulation);
        using var trainer = new Trainer(model, settings, data, schedule, CPU);
        using var workspace = new TempWorkspace();
        var checkpoint = new TrainingCheckpoint(Path.Combine(workspace.Root, "checkpoints"));
        var log = new TrainLog();
        // The warm-up steps run as a first part, then the measured part resumes from them, as a resumed run would.
        trainer.Run(0, log, null, SilentReporter.Instance, CancellationToken.None, untilStep: Warmup);
        var clock = Stopwatch.StartNew();
        trainer.Run(Warmup, log, checkpoint, SilentReporter.Instance, CancellationToken.None);
        clock.Stop();
        long tokens = log.Rows[^1].Tokens - log.Rows[Warmup - 1].Tokens;
        return (tokens / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds);
    }
}
