using EntiGraph.Stages.Train;

namespace EntiGraph.Stages.Tests.Train;

public class ScheduleTests
{
    [Fact]
    public void Learning_rate_warms_up_linearly_then_follows_a_cosine_to_the_floor()
    {
        var schedule = new LearningRateSchedule(Peak: 1e-3, TotalSteps: 100, WarmupRatio: 0.1, MinRatio: 0.1);

        Assert.Equal(10, schedule.WarmupSteps);
        Assert.Equal(1e-4, schedule.At(0), 12);
        Assert.Equal(5e-4, schedule.At(4), 12);
        Assert.Equal(1e-3, schedule.At(9), 12);
        Assert.Equal(1e-3, schedule.At(10), 12);
        Assert.Equal(1e-4, schedule.At(99), 12);
        for (long step = 10; step < 99; step++)
            Assert.True(schedule.At(step + 1) <= schedule.At(step), $"the rate rose at step {step}");
    }

    [Fact]
    public void Without_warmup_the_first_step_runs_at_the_peak()
    {
        var schedule = new LearningRateSchedule(2e-4, 10, 0, 0);
        Assert.Equal(0, schedule.WarmupSteps);
        Assert.Equal(2e-4, schedule.At(0), 15);
        Assert.Equal(0, schedule.At(9), 15);
    }

    [Fact]
    public void Halfway_through_the_decay_the_rate_is_halfway_between_peak_and_floor()
    {
        var schedule = new LearningRateSchedule(1e-3, TotalSteps: 101, WarmupRatio: 0, MinRatio: 0.1);
        Assert.Equal(1e-4 + 0.5 * 9e-4, schedule.At(50), 12);
    }

    [Fact]
    public void Every_epoch_visits_every_block_once_in_a_new_order()
    {
        var schedule = new BlockSchedule(seed: 3, trainBlocks: 50, replayBlocks: 0, replayRate: 0, blocksPerStep: 5);
        var epoch0 = Enumerable.Range(0, 10).SelectMany(s => schedule.Step(s)).Select(b => b.Block).ToList();
        var epoch1 = Enumerable.Range(10, 10).SelectMany(s => schedule.Step(s)).Select(b => b.Block).ToList();

        Assert.Equal(Enumerable.Range(0, 50), epoch0.Order());
        Assert.Equal(Enumerable.Range(0, 50), epoch1.Order());
        Assert.NotEqual(epoch0, epoch1);
        Assert.NotEqual(Enumerable.Range(0, 50), epoch0);
        Assert.Equal(10, schedule.StepsPerEpoch);
    }

    [Fact]
    public void A_schedule_built_anew_at_a_later_step_gives_the_same_blocks()
    {
        var fresh = new BlockSchedule(11, 40, 30, 0.25, 4);
        var all = Enumerable.Range(0, 30).Select(s => fresh.Step(s)).ToList();

        var resumed = new BlockSchedule(11, 40, 30, 0.25, 4);
        for (int step = 17; step < 30; step++)
            Assert.Equal(all[step], resumed.Step(step));
    }

    [Fact]
    public void Replay_replaces_about_the_configured_share_of_blocks_with_replay_blocks()
    {
        var schedule = new BlockSchedule(5, trainBlocks: 100, replayBlocks: 20, replayRate: 0.1, blocksPerStep: 10);
        var samples = Enumerable.Range(0, 2000).SelectMany(s => schedule.Step(s)).ToList();
        var replayed = samples.Where(s => s.Replay).ToList();

        // 20,000 draws at p = 0.1: the share sits within 0.01 of p (more than four standard deviations).
        Assert.InRange(replayed.Count / (double)samples.Count, 0.09, 0.11);
        Assert.All(replayed, s => Assert.InRange(s.Block, 0, 19));
        Assert.Equal(20, replayed.Select(s => s.Block).Distinct().Count());
    }

    [Fact]
    public void Replay_without_replay_data_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => new BlockSchedule(1, 10, 0, 0.1, 2));
        Assert.Contains("replay.bin", error.Message);
    }
}
