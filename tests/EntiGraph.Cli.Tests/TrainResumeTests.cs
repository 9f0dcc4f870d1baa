using EntiGraph.Stages.Train;
using EntiGraph.TestKit;

namespace EntiGraph.Cli.Tests;

public sealed class TrainResumeTests : IDisposable
{
    private const long Steps = 400;

    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_training_run_killed_with_SIGKILL_resumes_from_its_checkpoint_and_ends_bit_identical()
    {
        var experiment = WriteExperiment(_workspace);
        var checkpoints = Path.Combine(_workspace.Store.CacheDirectory, "train");
        using (var doomed = CliProcess.StartEntigraph(_workspace.Root, "run", "train", "--experiment", experiment))
        {
            // Killed as soon as the first checkpoint is complete: the run is then well short of its last step.
            while (!Directory.Exists(checkpoints) || Directory.GetDirectories(checkpoints, "step-*", SearchOption.AllDirectories).Length == 0)
            {
                Assert.False(doomed.HasExited, doomed.Output);
                await Task.Delay(10);
            }

            doomed.Kill();
        }

        Assert.Null(_workspace.Store.CurrentKey("x", "train"));
        var saved = Directory.GetDirectories(checkpoints, "step-*", SearchOption.AllDirectories);
        Assert.NotEmpty(saved);

        using (var resumed = CliProcess.StartEntigraph(_workspace.Root, "run", "train", "--experiment", experiment))
        {
            Assert.Equal(0, await resumed.WaitAsync());
            Assert.Contains("resuming from the checkpoint at step", resumed.Output);
        }

        using var clean = new TempWorkspace();
        using (var uninterrupted = CliProcess.StartEntigraph(clean.Root, "run", "train", "--experiment", WriteExperiment(clean)))
        {
            Assert.Equal(0, await uninterrupted.WaitAsync());
        }

        var resumedManifest = _workspace.Store.CurrentManifest("x", "train")!;
        var cleanManifest = clean.Store.CurrentManifest("x", "train")!;
        Assert.InRange((long)resumedManifest.Metrics["resumed_from_step"]!, 1, Steps - 1);
        Assert.Equal(0, (long)cleanManifest.Metrics["resumed_from_step"]!);
        Assert.Equal(cleanManifest.Key, resumedManifest.Key);
        Assert.Equal(cleanManifest.ContentHash, resumedManifest.ContentHash);
        Assert.Equal(
            cleanManifest.Outputs.Single(o => o.Path == "model/model.safetensors"),
            resumedManifest.Outputs.Single(o => o.Path == "model/model.safetensors"));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(clean.Store.EntryDirectory("train", cleanManifest.Key), TrainLog.FileName)),
            File.ReadAllBytes(Path.Combine(_workspace.Store.EntryDirectory("train", resumedManifest.Key), TrainLog.FileName)));
    }

    private static string WriteExperiment(TempWorkspace workspace)
    {
        var documents = Enumerable.Range(0, 30).Select(i =>
            $"{{\"id\": \"d{i}\", \"text\": \"Record {i}. The ferry Ostrel crossed Lake Orrin {i % 7} times before the thaw, and Ida Crane kept the ledger of the Tallow Works at Fennick for {i + 3} years.\"}}");
        workspace.WriteFile("experiments/x/docs.jsonl", string.Join("\n", documents) + "\n");
        return workspace.WriteExperiment("x", $"""
            seed: 3
            download:
              sources:
                - name: docs
                  path: docs.jsonl
            extract:
              inputs:
                - source: docs
                  format: jsonl
            synthesize:
              method: raw
            curate:
              pool: [domain]
              decontamination:
                enabled: false
            """ + "\n" + TinyTraining.Sections(Steps, "  checkpoint_every: 10"));
    }
}
