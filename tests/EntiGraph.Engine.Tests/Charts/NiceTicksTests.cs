using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class NiceTicksTests
{
    [Fact]
    public void Zero_to_one_steps_by_a_fifth()
    {
        var ticks = NiceTicks.Linear(0, 1, maxCount: 8);

        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], ticks.Values);
        Assert.Equal((0.0, 1.0), (ticks.Min, ticks.Max));
    }

    [Fact]
    public void An_untidy_range_grows_to_the_enclosing_ticks()
    {
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], NiceTicks.Linear(3.2, 9.7, maxCount: 8).Values);

        var coarse = NiceTicks.Linear(3.2, 9.7, maxCount: 5);
        Assert.Equal([2, 4, 6, 8, 10], coarse.Values);
        Assert.Equal((2.0, 10.0), (coarse.Min, coarse.Max));
    }

    [Fact]
    public void Decimal_ticks_are_the_nearest_doubles_to_the_decimals()
    {
        // Adding 0.1 three times gives 0.30000000000000004; the ticks must be exactly 0.3.
        Assert.Equal([0, 0.1, 0.2, 0.3], NiceTicks.Linear(0, 0.3, maxCount: 4).Values);
        Assert.Equal([0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6], NiceTicks.Linear(0.31, 0.56, maxCount: 8).Values);
    }

    [Fact]
    public void Negative_ranges_and_large_ranges()
    {
        Assert.Equal([-10, -5, 0, 5, 10, 15], NiceTicks.Linear(-7, 13, maxCount: 6).Values);
        Assert.Equal([0, 2000, 4000, 6000, 8000, 10000], NiceTicks.Linear(0, 9500, maxCount: 6).Values);
    }

    [Fact]
    public void The_coarsest_ticks_still_bracket_zero()
    {
        Assert.Equal([-1, 0, 1], NiceTicks.Linear(-1, 1, maxCount: 3).Values);
        Assert.Equal([-500, 0, 500], NiceTicks.Linear(-0.3, 499, maxCount: 3).Values);
    }

    [Fact]
    public void Without_expansion_the_range_is_kept_and_only_inner_ticks_count()
    {
        var ticks = NiceTicks.Linear(0.05, 0.95, maxCount: 6, expand: false);

        Assert.Equal([0.2, 0.4, 0.6, 0.8], ticks.Values);
        Assert.Equal((0.05, 0.95), (ticks.Min, ticks.Max));
    }

    [Fact]
    public void A_zero_width_range_is_padded()
    {
        var around5 = NiceTicks.Linear(5, 5);
        Assert.True(around5.Min < 5 && around5.Max > 5);
        Assert.Contains(5.0, around5.Values);

        var aroundZero = NiceTicks.Linear(0, 0);
        Assert.Equal((-1.0, 1.0), (aroundZero.Min, aroundZero.Max));
    }

    [Fact]
    public void Log_ticks_are_powers_of_ten()
    {
        var ticks = NiceTicks.Log(1e3, 1e6, maxCount: 8);

        Assert.Equal([1e3, 1e4, 1e5, 1e6], ticks.Values);
        Assert.Equal([2e3, 3e3, 4e3, 5e3, 6e3, 7e3, 8e3, 9e3], ticks.Minor.Take(8));
        Assert.Equal(24, ticks.Minor.Count);
    }

    [Fact]
    public void A_log_range_grows_to_whole_decades()
    {
        var ticks = NiceTicks.Log(1.3e6, 4.55e8, maxCount: 8);

        Assert.Equal([1e6, 1e7, 1e8, 1e9], ticks.Values);
        Assert.Equal((1e6, 1e9), (ticks.Min, ticks.Max));
    }

    [Fact]
    public void A_narrow_log_range_gets_one_two_five_ticks()
    {
        Assert.Equal([1, 2, 5, 10], NiceTicks.Log(2, 8).Values);
        Assert.Equal([2, 5], NiceTicks.Log(1.5, 8, expand: false).Values);
    }

    [Fact]
    public void Many_decades_are_labelled_every_few_decades()
    {
        var ticks = NiceTicks.Log(1e-3, 1e12, maxCount: 6);

        Assert.Equal([1e-3, 1, 1e3, 1e6, 1e9, 1e12], ticks.Values);
        Assert.Contains(0.01, ticks.Minor);
        Assert.DoesNotContain(1e3, ticks.Minor);
    }

    [Fact]
    public void A_single_log_value_gets_a_decade_either_side()
    {
        var ticks = NiceTicks.Log(1e6, 1e6);

        Assert.Equal((1e5, 1e7), (ticks.Min, ticks.Max));
        Assert.Contains(1e6, ticks.Values);
    }

    [Fact]
    public void Invalid_ranges_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Log(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Linear(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Linear(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NiceTicks.Linear(0, 1, maxCount: 2));
    }

    [Theory]
    [InlineData(1000, 3)]
    [InlineData(999.999, 2)]
    [InlineData(1e-4, -4)]
    [InlineData(0.00099, -4)]
    [InlineData(1, 0)]
    [InlineData(455e6, 8)]
    public void Floor_log10_is_exact_at_powers_of_ten(double value, int expected) =>
        Assert.Equal(expected, NiceTicks.FloorLog10(value));
}
