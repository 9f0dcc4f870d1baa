using System.Globalization;

namespace EntiGraph.Engine.Charts;

/// <summary>
/// Short labels for axis ticks: 0.5, 12, 1.2k, 3M, 4.5B, 1e-4. Suffixes rather than exponents for large values
/// because token counts and step counts are what the axes hold.
/// </summary>
public static class CompactNumber
{
    private static readonly (double Scale, string Suffix)[] Suffixes = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")];

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        if (value == 0)
        {
            return "0";
        }

        var sign = value < 0 ? "-" : "";
        var magnitude = Math.Abs(value);
        // Rounding before choosing the suffix makes 999,960 read 1M rather than 1000k.
        var rounded = RoundSignificant(magnitude, 4);
        if (rounded >= 1e15 || magnitude < 1e-3)
        {
            return sign + Scientific(magnitude);
        }

        foreach (var (scale, suffix) in Suffixes)
        {
            if (rounded >= scale)
            {
                return sign + (rounded / scale).ToString("0.###", CultureInfo.InvariantCulture) + suffix;
            }
        }

        return sign + magnitude.ToString("G6", CultureInfo.InvariantCulture);
    }

    private static string Scientific(double magnitude)
    {
        var exponent = NiceTicks.FloorLog10(magnitude);
        var mantissa = Math.Round(magnitude / NiceTicks.Scale(1, exponent), 2, MidpointRounding.AwayFromZero);
        if (mantissa >= 10)
        {
            (mantissa, exponent) = (mantissa / 10, exponent + 1);
        }

        return mantissa.ToString("0.##", CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static double RoundSignificant(double value, int digits)
    {
        var exponent = NiceTicks.FloorLog10(value) - digits + 1;
        return exponent >= 0
            ? Math.Round(value / NiceTicks.Scale(1, exponent), MidpointRounding.AwayFromZero) * NiceTicks.Scale(1, exponent)
            : Math.Round(value * NiceTicks.Scale(1, -exponent), MidpointRounding.AwayFromZero) / NiceTicks.Scale(1, -exponent);
    }
}
