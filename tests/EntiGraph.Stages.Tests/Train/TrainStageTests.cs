using System.Globalization;
using EntiGraph.Engine.Running;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Train;
using TorchSharp;

namespace EntiGraph.Stages.Tests.Train;

public sealed class TrainStageTests : IDisposable
{
    private const string Steps = "  max_steps: 24\n  batch_size: 4\n  learning_rate: 0.01\n  warmup_ratio: 0.1\n  eval_every: 8";

    private readonly TrainHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Trains_from_scratch_and_publishes_a_Hugging_Face_model_folder()
    {
        var manifest = await _harness.RunAsync(_harness.Write("x", Steps));

        foreach (var file in new[] { "config.json", "generation_config.json", "model.safetensors", "tokenizer.json", "vocab.json", "merges.txt" })
            Assert.True(File.Exists(_harness.File(manifest, Path.Combine("model", file))), $"model/{file} is missing");
        var rows = File.ReadAllLines(_harness.File(manifest, TrainLog.FileName));
        Assert.Equal("step,epoch,tokens,learning_rate,loss,grad_norm,val_loss", rows[0]);
        Assert.Equal(25, rows.Length);
        Assert.Equal(3, rows.Skip(1).Count(r => !r.EndsWith(',')));

        // Cross-entropy starts near ln(vocabulary) for a small random model and must fall well below it.
        var losses = rows.Skip(1).Select(r => double.Parse(r.Split(',')[4], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(losses[0], Math.Log(320) - 0.5, Math.Log(320) + 0.5);
        Assert.True(losses[^1] < losses[0] - 1.0, $"loss went from {losses[0]} to {losses[^1]}");
        Assert.True((double)manifest.Metrics["validation_loss"]! < losses[0] - 1.0);
        Assert.Equal(24 * 4 * 32, (long)manifest.Metrics["tokens"]!);

        var png = File.ReadAllBytes(_harness.File(manifest, TrainStage.LossChartFile));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(manifest.Outputs.Single(o => o.Path == TrainLog.ThroughputFileName).Volatile);

        // The published folder is a complete model: loading it gives the vocabulary and context trained with.
        using var model = LlamaCheckpoint.Load(_harness.File(manifest, "model"));
        Assert.Equal(320, model.Config.VocabSize);
        Assert.Equal(33, model.Config.MaxPositionEmbeddings);
        Assert.True(model.Config.TieWordEmbeddings);
    }

    [Fact]
    public async Task Zero_epochs_publish_the_base_model_unchanged_with_its_validation_loss()
    {
        var trained = await _harness.RunAsync(_harness.Write("x", Steps));

        var untrained = await _harness.RunAsync(_harness.Write("base", "  base_model:\n    experiment: ../x\n    stage: train\n  epochs: 0"));

        Assert.Equal(_harness.Bytes(trained, "model/model.safetensors"), _harness.Bytes(untrained, "model/model.safetensors"));
        Assert.Equal(0L, (long)untrained.Metrics["steps"]!);
        Assert.Equal(0L, (long)untrained.Metrics["tokens"]!);
        Assert.Equal((double)trained.Metrics["validation_loss"]!, (double)untrained.Metrics["validation_loss"]!, 6);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], _harness.Bytes(untrained, TrainStage.LossChartFile)[..4]);

        var error = await Assert.ThrowsAsync<EntiGraph.Engine.Spec.ExperimentSpecException>(() => _harness.RunAsync(_harness.Write("nothing", "  epochs: 0")));
        Assert.Contains("epochs: 0 trains nothing, so it needs base_model or base_model_path", error.Message);
    }

    [Fact]
    public async Task The_same_seed_rebuilds_the_same_bytes_and_another_seed_does_not()
    {
        var experiment = _harness.Write("x", Steps);
        var first = await _harness.RunAsync(experiment);
        var again = await _harness.RunAsync(experiment, new RunOptions { Force = true });

        Assert.Equal(first.Key, again.Key);
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Equal(Hash(first, "model/model.safetensors"), Hash(again, "model/model.safetensors"));

        var other = await _harness.RunAsync(_harness.Write("y", Steps, seed: 8));
        Assert.NotEqual(Hash(first, "model/model.safetensors"), Hash(other, "model/model.safetensors"));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_from_its_checkpoint_and_ends_as_an_uninterrupted_run()
    {
        var settings = Steps + "\n  checkpoint_every: 5";
        var experiment = _harness.Write("x", settings);
        using (var cancellation = new CancellationTokenSource())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _harness.RunAsync(experiment, reporter: new CancellingReporter(cancellation, atStep: 12), cancellationToken: cancellation.Token));
        }
        Assert.Null(_harness.Workspace.Store.CurrentKey("x", "train"));
        var checkpoints = Directory.GetDirectories(Path.Combine(_harness.Workspace.Store.CacheDirectory, "train"), "step-*", SearchOption.AllDirectories);
        Assert.Equal("step-00000010", Path.GetFileName(Assert.Single(checkpoints)));

        var resumed = await _harness.RunAsync(experiment);
        Assert.Equal(10, (long)resumed.Metrics["resumed_from_step"]!);
        Assert.Contains(_harness.Reporter.Messages, m => m.Contains("resuming from the checkpoint at step 10 of 24", StringComparison.Ordinal));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_harness.Workspace.Store.CacheDirectory, "train")));

        using var clean = new TrainHarness();
        var uninterrupted = await clean.RunAsync(clean.Write("x", settings));
        Assert.Equal(uninterrupted.Key, resumed.Key);
        Assert.Equal(uninterrupted.ContentHash, resumed.ContentHash);
        Assert.Equal(clean.Bytes(uninterrupted, TrainLog.FileName), _harness.Bytes(resumed, TrainLog.FileName));
    }

    [Fact]
    public async Task Replay_without_replay_data_fails_and_publishes_nothing()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(_harness.Write("x", Steps + "\n  replay_rate: 0.1")));
        Assert.Contains("replay.bin", error.InnerException!.Message);
        Assert.Null(_harness.Workspace.Store.CurrentKey("x", "train"));
    }

    [Fact]
    public async Task Bf16_mixed_precision_trains_with_float32_master_weights()
    {
        var fp32 = await _harness.RunAsync(_harness.Write("x", Steps + "\n  device: cpu"));
        var bf16 = await _harness.RunAsync(_harness.Write("y", Steps + "\n  device: cpu\n  precision: bf16"));

        Assert.NotEqual(fp32.ContentHash, bf16.ContentHash);
        using var model = LlamaCheckpoint.Load(_harness.File(bf16, "model"));
        Assert.All(model.parameters(), p => Assert.Equal(torch.ScalarType.Float32, p.dtype));
        // bfloat16 rounds the activations, not the recipe: the loss falls as far as in float32.
        double lossFp32 = (double)fp32.Metrics["validation_loss"]!, lossBf16 = (double)bf16.Metrics["validation_loss"]!;
        Assert.InRange(lossBf16, lossFp32 - 0.15, lossFp32 + 0.15);
        Assert.Contains("\"precision\": \"bf16\"", File.ReadAllText(_harness.File(bf16, TrainStage.RecipeFile)));
    }

    private string Hash(Engine.Store.Manifest manifest, string path) => manifest.Outputs.Single(o => o.Path == path).Hash;
}
