using EntiGraph.Engine.Running;
using EntiGraph.Engine.Store;
using EntiGraph.TestKit;
using EntiGraph.TestKit.Stages;

namespace EntiGraph.Engine.Tests.Store;

public sealed class StoreTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly Pipeline _pipeline = TestPipeline.Create();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Verify_finds_nothing_wrong_in_a_fresh_store()
    {
        await Build("a", "seed: 1\n");

        Assert.Empty(StoreVerifier.Verify(_workspace.Store));
    }

    [Fact]
    public async Task Verify_reports_changed_missing_and_extra_files()
    {
        await Build("a", "seed: 1\n");
        var power = _workspace.Store.ViewPath("a", "power");
        var numbers = _workspace.Store.ViewPath("a", "numbers");
        var total = _workspace.Store.ViewPath("a", "total");
        var powers = Path.Combine(power, "powers.txt");
        var text = File.ReadAllText(powers);
        File.WriteAllText(powers, text[..^2] + (text[^2] == '1' ? "2" : "1") + "\n");
        File.Delete(Path.Combine(numbers, "numbers.txt"));
        File.WriteAllText(Path.Combine(total, "stray.txt"), "?");

        var problems = StoreVerifier.Verify(_workspace.Store).Select(p => (p.Stage, p.Path, p.Problem.Split(' ')[0])).ToList();

        Assert.Equal(
            [("numbers", "numbers.txt", "missing"), ("power", "powers.txt", "content"), ("total", "stray.txt", "not")],
            problems);
    }

    [Fact]
    public async Task Gc_removes_entries_no_view_names_and_dry_run_removes_nothing()
    {
        await Build("a", "seed: 1\n");
        var oldPower = _workspace.Store.CurrentKey("a", "power")!;
        await Build("a", "seed: 1\npower:\n  exponent: 3\n");

        var dry = GarbageCollector.Collect(_workspace.Store, dryRun: true);
        Assert.Equal(2, dry.Removed.Count);
        Assert.True(Directory.Exists(_workspace.Store.EntryDirectory("power", oldPower)));

        var real = GarbageCollector.Collect(_workspace.Store, dryRun: false);
        Assert.Equal(dry.Removed.Select(r => (r.Stage, r.Key)), real.Removed.Select(r => (r.Stage, r.Key)));
        Assert.Contains(("power", oldPower), real.Removed.Select(r => (r.Stage, r.Key)));
        Assert.False(Directory.Exists(_workspace.Store.EntryDirectory("power", oldPower)));
        Assert.Equal(3, real.Kept);
        Assert.Empty(StoreVerifier.Verify(_workspace.Store));
    }

    [Fact]
    public void A_held_lock_makes_a_second_taker_fail_with_the_holder_named()
    {
        using var held = StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.Zero);

        var error = Assert.Throws<StoreLockedException>(() => StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.Zero));

        Assert.Contains($"is locked by another run (pid {Environment.ProcessId} on", error.Message);
    }

    [Fact]
    public void A_released_lock_can_be_taken_again()
    {
        StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.Zero).Dispose();

        using var again = StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.Zero);
    }

    [Fact]
    public async Task A_waiting_run_proceeds_when_the_holder_releases()
    {
        var held = StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.Zero);
        var told = new TaskCompletionSource<string>();
        var waiter = Task.Run(() => StoreLock.Acquire(_workspace.Store.StoreDirectory, TimeSpan.FromMinutes(5), told.SetResult));

        var owner = await told.Task;
        held.Dispose();
        using var acquired = await waiter;

        Assert.StartsWith($"pid {Environment.ProcessId}", owner);
    }

    private async Task Build(string name, string yaml)
    {
        _workspace.WriteExperiment(name, yaml);
        await new Runner(_pipeline, _workspace.Store, SilentReporter.Instance).RunAsync(_workspace.Load(name, _pipeline), "total", new RunOptions());
    }
}
