using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.TestKit;
using EntiGraph.TestKit.Stages;

namespace EntiGraph.Engine.Tests.Running;

public sealed class RunnerTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly Pipeline _pipeline = TestPipeline.Create();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Second_run_reports_every_stage_up_to_date_and_runs_nothing()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        var first = await Run("a");
        var built = Manifests("a");

        var second = await Run("a");

        Assert.Equal(["a/numbers", "a/power", "a/total"], first.BuiltStages);
        Assert.Empty(second.BuiltStages);
        Assert.Equal(["a/numbers", "a/power", "a/total"], second.UpToDateStages);
        Assert.Equal(Identities(built), Identities(Manifests("a")));
    }

    [Fact]
    public async Task Changing_one_stage_rebuilds_it_and_its_descendants_only()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");
        var before = Manifests("a");

        _workspace.WriteExperiment("a", "seed: 5\npower:\n  exponent: 3\n");
        var reporter = await Run("a");
        var after = Manifests("a");

        Assert.Equal(["a/power", "a/total"], reporter.BuiltStages);
        Assert.Equal(Identities(before)["numbers"], Identities(after)["numbers"]);
        Assert.NotEqual(before["power"].Key, after["power"].Key);
        Assert.NotEqual(before["total"].Key, after["total"].Key);
        Assert.Equal(["config.exponent changed: 2 -> 3"], reporter.Reasons["a/power"]);
        Assert.Single(reporter.Reasons["a/total"], r => r.StartsWith("input stage:power changed: xxh128:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unchanged_output_stops_the_rebuild_from_spreading()
    {
        // `fail: false` written out resolves to the default: the same configuration, the same key.
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");
        _workspace.WriteExperiment("a", "seed: 5\npower:\n  fail: false\n");

        var reporter = await Run("a");

        Assert.Empty(reporter.BuiltStages);
    }

    [Fact]
    public async Task A_stage_that_throws_publishes_nothing_and_the_next_run_completes_it()
    {
        _workspace.WriteExperiment("a", "seed: 5\npower:\n  fail: true\n");
        var failed = await Assert.ThrowsAsync<StageFailedException>(() => Run("a"));

        Assert.Equal("power", failed.Stage);
        Assert.Contains("asked to fail halfway", failed.Message);
        Assert.False(Directory.Exists(Path.Combine(_workspace.Store.StoreDirectory, "power")));
        Assert.Null(_workspace.Store.CurrentKey("a", "power"));
        Assert.Empty(Directory.GetDirectories(_workspace.Store.TemporaryDirectory));

        _workspace.WriteExperiment("a", "seed: 5\n");
        var reporter = await Run("a");

        Assert.Equal(["a/numbers"], reporter.UpToDateStages);
        Assert.Equal(["a/power", "a/total"], reporter.BuiltStages);
    }

    [Fact]
    public async Task An_unkeyed_setting_changes_no_key()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");
        _workspace.WriteExperiment("a", "seed: 5\ntotal:\n  format:\n    note: printed only\n");

        var reporter = await Run("a");

        Assert.Empty(reporter.BuiltStages);
        Assert.Equal("printed only", (string)_workspace.Load("a", _pipeline).Section("total").Config["format"]!["note"]!);
    }

    [Fact]
    public async Task A_changed_input_file_rebuilds_with_the_file_as_reason()
    {
        var data = _workspace.WriteFile("experiments/a/data.txt", "1\n2\n");
        _workspace.WriteExperiment("a", "numbers:\n  source: data.txt\n");
        await Run("a");

        File.WriteAllText(data, "1\n2\n3\n");
        var reporter = await Run("a");

        Assert.Equal(["a/numbers", "a/power", "a/total"], reporter.BuiltStages);
        Assert.Single(reporter.Reasons["a/numbers"], r => r.StartsWith("input file:data.txt changed: xxh128:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_of_an_up_to_date_pipeline_rehashes_no_file()
    {
        _workspace.WriteFile("experiments/a/data.txt", "1\n2\n");
        _workspace.WriteExperiment("a", "numbers:\n  source: data.txt\n");
        await Run("a");

        var runner = new Runner(_pipeline, _workspace.Store, SilentReporter.Instance);
        var statuses = runner.Status(_workspace.Load("a", _pipeline));

        Assert.All(statuses, s => Assert.Equal(StageState.UpToDate, s.State));
        Assert.Equal(0, runner.StatCache.FilesHashed);
    }

    [Fact]
    public async Task Status_explains_each_stale_stage()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");
        _workspace.WriteExperiment("a", "seed: 6\ntotal:\n  format:\n    label: sum\n");

        var statuses = new Runner(_pipeline, _workspace.Store, SilentReporter.Instance).Status(_workspace.Load("a", _pipeline));

        Assert.Equal(["seed changed: 5 -> 6"], statuses[0].Reasons);
        Assert.Equal(["input stage:numbers is not up to date", "seed changed: 5 -> 6"], statuses[1].Reasons);
        Assert.Equal(["input stage:power is not up to date", "config.format.label changed: \"total\" -> \"sum\""], statuses[2].Reasons);
        Assert.All(statuses, s => Assert.Equal(StageState.Stale, s.State));
    }

    [Fact]
    public async Task Keys_do_not_depend_on_where_the_checkout_is()
    {
        _workspace.WriteFile("experiments/a/data.txt", "4\n");
        _workspace.WriteExperiment("a", "numbers:\n  source: data.txt\n");
        await Run("a");
        using var moved = new TempWorkspace();
        CopyDirectory(_workspace.ExperimentDirectory("a"), moved.ExperimentDirectory("a"));

        var there = new Runner(_pipeline, moved.Store, SilentReporter.Instance).Status(moved.Load("a", _pipeline));
        var here = new Runner(_pipeline, _workspace.Store, SilentReporter.Instance).Status(_workspace.Load("a", _pipeline));

        Assert.Equal(here[0].Key, there[0].Key);
        Assert.DoesNotContain(_workspace.Root, Manifests("a")["numbers"].KeyInputs.ToJsonString());
    }

    [Fact]
    public async Task Same_inputs_give_bit_identical_artifacts_in_another_store()
    {
        _workspace.WriteExperiment("a", "seed: 9\n");
        await Run("a");
        using var other = new TempWorkspace();
        other.WriteExperiment("a", "seed: 9\n");
        await new Runner(_pipeline, other.Store, SilentReporter.Instance).RunAsync(other.Load("a", _pipeline), "total", new RunOptions());

        var mine = Manifests("a");
        foreach (var stage in new[] { "numbers", "power", "total" })
        {
            var theirs = other.Store.CurrentManifest("a", stage)!;
            Assert.Equal(mine[stage].Key, theirs.Key);
            Assert.Equal(mine[stage].ContentHash, theirs.ContentHash);
        }
    }

    [Fact]
    public async Task An_artifact_of_another_experiment_chains_into_the_key()
    {
        _workspace.WriteExperiment("base", "seed: 1\n");
        _workspace.WriteExperiment("user", "seed: 2\ntotal:\n  add:\n    experiment: ../base\n    stage: total\n");
        var first = await Run("user");
        Assert.Contains("base/total", first.BuiltStages);

        _workspace.WriteExperiment("base", "seed: 1\nnumbers:\n  count: 20\n");
        var reporter = await Run("user");

        Assert.Equal(["base/numbers", "base/power", "base/total", "user/total"], reporter.BuiltStages);
        Assert.Single(reporter.Reasons["user/total"], r => r.StartsWith("input artifact:base/total changed", StringComparison.Ordinal));
        var total = File.ReadAllText(Path.Combine(_workspace.Store.ViewPath("user", "total"), "total.txt"));
        var own = File.ReadAllLines(Path.Combine(_workspace.Store.ViewPath("user", "power"), "powers.txt")).Sum(double.Parse);
        var added = double.Parse(File.ReadAllText(Path.Combine(_workspace.Store.ViewPath("base", "total"), "total.txt")).Split(' ')[1]);
        Assert.Equal($"total {own + added:F0}", total);
    }

    [Fact]
    public async Task Force_rebuilds_the_target_only()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");

        var reporter = new RecordingReporter();
        await new Runner(_pipeline, _workspace.Store, reporter).RunAsync(_workspace.Load("a", _pipeline), "power", new RunOptions { Force = true });

        Assert.Equal(["a/numbers"], reporter.UpToDateStages);
        Assert.Equal(["a/power"], reporter.BuiltStages);
        Assert.Equal(["forced (--force)"], reporter.Reasons["a/power"]);
    }

    [Fact]
    public async Task Single_stage_run_refuses_a_stale_upstream()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new Runner(_pipeline, _workspace.Store, SilentReporter.Instance).RunAsync(_workspace.Load("a", _pipeline), "power", new RunOptions { Single = true }));

        Assert.Contains("stage 'power' needs 'numbers', which is not up to date (never built for this experiment)", error.Message);
    }

    [Fact]
    public async Task A_damaged_manifest_is_rebuilt_in_place()
    {
        _workspace.WriteExperiment("a", "seed: 5\n");
        await Run("a");
        var key = _workspace.Store.CurrentKey("a", "power")!;
        File.WriteAllText(Path.Combine(_workspace.Store.EntryDirectory("power", key), Manifest.FileName), "{ truncated");

        var reporter = await Run("a");

        Assert.Equal(["a/power"], reporter.BuiltStages);
        Assert.Equal(["the store entry's manifest is unreadable"], reporter.Reasons["a/power"]);
        Assert.Equal(key, _workspace.Store.TryRead("power", key)!.Key);
        Assert.Empty(StoreVerifier.Verify(_workspace.Store));
    }

    private async Task<RecordingReporter> Run(string experiment)
    {
        var reporter = new RecordingReporter();
        await new Runner(_pipeline, _workspace.Store, reporter).RunAsync(_workspace.Load(experiment, _pipeline), "total", new RunOptions());
        return reporter;
    }

    private Dictionary<string, Manifest> Manifests(string experiment) =>
        new[] { "numbers", "power", "total" }.ToDictionary(s => s, s => _workspace.Store.CurrentManifest(experiment, s)!);

    // A manifest's key and build time: equal only if the stage was not rebuilt.
    private static Dictionary<string, (string, DateTimeOffset)> Identities(Dictionary<string, Manifest> manifests) =>
        manifests.ToDictionary(m => m.Key, m => (m.Value.Key, m.Value.Timings.Started));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
