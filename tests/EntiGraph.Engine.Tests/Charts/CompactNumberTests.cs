using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class CompactNumberTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(1, "1")]
    [InlineData(12, "12")]
    [InlineData(999, "999")]
    [InlineData(2.25, "2.25")]
    [InlineData(0.001, "0.001")]
    [InlineData(1000, "1k")]
    [InlineData(1200, "1.2k")]
    [InlineData(1250, "1.25k")]
    [InlineData(12345, "12.35k")]
    [InlineData(999_960, "1M")]
    [InlineData(1.3e6, "1.3M")]
    [InlineData(3e6, "3M")]
    [InlineData(455e6, "455M")]
    [InlineData(4.5e9, "4.5B")]
    [InlineData(2e12, "2T")]
    [InlineData(1e15, "1e15")]
    [InlineData(1e-4, "1e-4")]
    [InlineData(2.5e-5, "2.5e-5")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(-1200, "-1.2k")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "inf")]
    public void Formats_compactly(double value, string expected) => Assert.Equal(expected, CompactNumber.Format(value));

    [Fact]
    public void Sums_with_binary_rounding_error_print_as_their_decimal() =>
        Assert.Equal("0.3", CompactNumber.Format(0.1 + 0.2));
}
