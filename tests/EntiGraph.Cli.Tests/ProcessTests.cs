using EntiGraph.Engine.Store;
using EntiGraph.TestKit;
using EntiGraph.TestKit.Stages;

namespace EntiGraph.Cli.Tests;

public sealed class ProcessTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_run_killed_mid_write_publishes_nothing_and_the_rerun_matches_an_uninterrupted_run()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 3\nnumbers:\n  count: 500\n");
        var marker = Path.Combine(_workspace.Root, "paused");
        var environment = new Dictionary<string, string> { [PowerStage.PauseVariable] = marker };

        using (var doomed = CliProcess.Start(_workspace.Root, environment, "run", "total", "--experiment", experiment))
        {
            await WaitForFile(marker, doomed);
            doomed.Kill();
        }

        Assert.NotNull(_workspace.Store.CurrentKey("a", "numbers"));
        Assert.Null(_workspace.Store.CurrentKey("a", "power"));
        Assert.False(Directory.Exists(Path.Combine(_workspace.Store.StoreDirectory, "power")));
        var leftover = Assert.Single(Directory.GetDirectories(_workspace.Store.TemporaryDirectory));
        Assert.True(new FileInfo(Path.Combine(leftover, "powers.txt")).Length > 0, "the killed stage had written part of its output");

        var (exitCode, output) = await CliProcess.RunAsync(_workspace.Root, "run", "total", "--experiment", experiment);

        Assert.Equal(0, exitCode);
        Assert.Contains("removed 1 half-written artifact(s) left by an interrupted run", output);
        Assert.Contains("up to date a/numbers", output);
        Assert.Contains("built      a/power", output);
        Assert.Empty(Directory.GetDirectories(_workspace.Store.TemporaryDirectory));

        using var clean = new TempWorkspace();
        var cleanExperiment = clean.WriteExperiment("a", "seed: 3\nnumbers:\n  count: 500\n");
        Assert.Equal(0, (await CliProcess.RunAsync(clean.Root, "run", "total", "--experiment", cleanExperiment)).ExitCode);
        foreach (var stage in new[] { "numbers", "power", "total" })
        {
            var resumed = _workspace.Store.CurrentManifest("a", stage)!;
            var uninterrupted = clean.Store.CurrentManifest("a", stage)!;
            Assert.Equal(uninterrupted.Key, resumed.Key);
            Assert.Equal(uninterrupted.Outputs, resumed.Outputs);
        }

        Assert.Equal(0, (await CliProcess.RunAsync(_workspace.Root, "verify", "--artifacts", _workspace.Store.Root)).ExitCode);
    }

    [Fact]
    public async Task Two_concurrent_runs_on_one_store_leave_it_consistent()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 4\nnumbers:\n  count: 2000\n");

        using var first = CliProcess.Start(_workspace.Root, null, "run", "total", "--experiment", experiment);
        using var second = CliProcess.Start(_workspace.Root, null, "run", "total", "--experiment", experiment);
        var codes = await Task.WhenAll(first.WaitAsync(), second.WaitAsync());

        Assert.Equal([0, 0], codes);
        var outputs = first.Output + second.Output;
        foreach (var stage in new[] { "numbers", "power", "total" })
        {
            // Each stage is built by exactly one of the runs; the other finds it up to date.
            Assert.Single(Lines(outputs), l => l.StartsWith($"built      a/{stage} ", StringComparison.Ordinal));
            Assert.Single(Lines(outputs), l => l.StartsWith($"up to date a/{stage} ", StringComparison.Ordinal));
            Assert.Single(Directory.GetDirectories(Path.Combine(_workspace.Store.StoreDirectory, stage)));
        }

        Assert.Empty(StoreVerifier.Verify(_workspace.Store));
    }

    [Fact]
    public async Task Status_explains_every_stale_stage()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 4\n");
        Assert.Equal(0, (await CliProcess.RunAsync(_workspace.Root, "run", "total", "--experiment", experiment)).ExitCode);
        _workspace.WriteExperiment("a", "seed: 4\npower:\n  exponent: 3\n");

        var (exitCode, output) = await CliProcess.RunAsync(_workspace.Root, "status", "--experiment", experiment);

        Assert.Equal(0, exitCode);
        Snapshot.Verify(this, output);
    }

    [Fact]
    public async Task An_invalid_experiment_exits_2_with_file_and_line()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 4\npower:\n  exponent: three\n");

        var (exitCode, output) = await CliProcess.RunAsync(_workspace.Root, "run", "total", "--experiment", experiment);

        Assert.Equal(2, exitCode);
        Assert.Contains("experiments/a/experiment.yaml:3:13: power.exponent: expected an integer, found 'three'", output);
        Assert.False(Directory.Exists(_workspace.Store.StoreDirectory));
    }

    [Fact]
    public async Task Dry_run_lists_what_would_rebuild_and_changes_nothing()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 4\n");

        var (exitCode, output) = await CliProcess.RunAsync(_workspace.Root, "run", "total", "--dry-run", "--experiment", experiment);

        Assert.Equal(0, exitCode);
        Assert.Contains("would rebuild a/numbers", output);
        Assert.Contains("would rebuild a/total", output);
        Assert.False(Directory.Exists(_workspace.Store.StoreDirectory));
        Assert.False(Directory.Exists(_workspace.Store.ExperimentsDirectory));
    }

    [Fact]
    public async Task Verify_reports_a_corrupted_file_and_exits_1()
    {
        var experiment = _workspace.WriteExperiment("a", "seed: 4\n");
        Assert.Equal(0, (await CliProcess.RunAsync(_workspace.Root, "run", "total", "--experiment", experiment)).ExitCode);
        var key = _workspace.Store.CurrentKey("a", "total")!;
        File.AppendAllText(Path.Combine(_workspace.Store.EntryDirectory("total", key), "total.txt"), "0");

        var (exitCode, output) = await CliProcess.RunAsync(_workspace.Root, "verify", "--artifacts", _workspace.Store.Root);

        Assert.Equal(1, exitCode);
        Assert.Contains($"corrupt total/{key}: total.txt: size", output);
        Assert.Contains("verified 3 entries: 1 problem(s)", output);
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r'));

    private static async Task WaitForFile(string path, CliProcess process)
    {
        while (!File.Exists(path))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the run ended before reaching the pause point:\n{process.Output}");
            }

            await Task.Delay(50);
        }
    }
}
