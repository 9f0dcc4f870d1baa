namespace EntiGraph.Engine.Charts;

/// <summary>
/// Tick values a reader can interpolate between: multiples of 1, 2 or 5 × 10^k on linear axes, powers of ten on
/// log axes. Each tick is computed as an integer times a power of ten (not by adding a step again and again), so
/// 0.1 × 3 prints as 0.3 rather than 0.30000000000000004.
/// </summary>
public static class NiceTicks
{
    private static readonly int[] Multipliers = [1, 2, 5];
    private static readonly int[] DecadeSteps = [1, 2, 3, 5, 10, 20, 50, 100];

    // Tolerates a division such as 0.3 / 0.1 landing a hair off an integer.
    private const double Slack = 1e-9;

    /// <summary>
    /// Ticks for a linear axis with at most <paramref name="maxCount"/> values. With <paramref name="expand"/> the
    /// range grows outwards to the nearest ticks; without it the range stays as given and only ticks inside it count.
    /// A zero-width range is widened first, so a single value still gets an axis.
    /// </summary>
    public static AxisTicks Linear(double min, double max, int maxCount = 8, bool expand = true)
    {
        CheckRange(min, max, maxCount);
        if (min == max)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) / 10;
            (min, max) = (min - pad, max + pad);
        }

        var range = max - min;
        for (var exponent = FloorLog10(range / maxCount) - 1; ; exponent++)
        {
            foreach (var multiplier in Multipliers)
            {
                var step = Scale(multiplier, exponent);
                var (first, last) = expand
                    ? (Math.Floor(min / step + Slack), Math.Ceiling(max / step - Slack))
                    : (Math.Ceiling(min / step - Slack), Math.Floor(max / step + Slack));
                if (last - first + 1 > maxCount)
                {
                    continue;
                }

                var values = new List<double>();
                for (var k = first; k <= last; k++)
                {
                    values.Add(Scale(k * multiplier, exponent));
                }

                return expand && values.Count > 0 ? new AxisTicks(values[0], values[^1], values) : new AxisTicks(min, max, values);
            }
        }
    }

    /// <summary>
    /// Ticks for a base-10 log axis: powers of ten (every second, fifth… decade when there are many), or 1, 2 and
    /// 5 × 10^k when the range spans a decade or less. Unlabelled minor values fill in 2–9 × 10^k.
    /// </summary>
    public static AxisTicks Log(double min, double max, int maxCount = 8, bool expand = true)
    {
        CheckRange(min, max, maxCount);
        if (min <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"A log axis needs positive values; got {min}.");
        }

        var low = expand ? FloorLog10(min) : CeilingLog10(min);
        var high = expand ? CeilingLog10(max) : FloorLog10(max);
        if (expand && low == high)
        {
            (low, high) = (low - 1, high + 1);
        }

        var decadeStep = DecadeSteps.FirstOrDefault(d => Math.Max(0, high - low) / d + 1 <= maxCount, DecadeSteps[^1]);
        if (expand)
        {
            low = (int)Math.Floor(low / (double)decadeStep) * decadeStep;
            high = (int)Math.Ceiling(high / (double)decadeStep) * decadeStep;
        }

        var (axisMin, axisMax) = expand ? (Scale(1, low), Scale(1, high)) : (min, max);
        var inside = (double v) => v >= axisMin * (1 - Slack) && v <= axisMax * (1 + Slack);

        var decades = new List<double>();
        for (var e = (int)Math.Ceiling(low / (double)decadeStep) * decadeStep; e <= high; e += decadeStep)
        {
            decades.Add(Scale(1, e));
        }

        var fineRange = Enumerable.Range(FloorLog10(axisMin), CeilingLog10(axisMax) - FloorLog10(axisMin) + 1);
        var major = decades;
        if (decadeStep == 1 && decades.Count < 3)
        {
            var fine = fineRange.SelectMany(e => Multipliers.Select(m => Scale(m, e))).Where(inside).ToList();
            if (fine.Count <= maxCount)
            {
                major = fine;
            }
        }

        var minor = decadeStep == 1
            ? fineRange.SelectMany(e => Enumerable.Range(2, 8).Select(m => Scale(m, e)))
            : fineRange.Where(e => e % decadeStep != 0).Select(e => Scale(1, e));
        return new AxisTicks(axisMin, axisMax, major, minor.Where(inside).Where(v => !major.Contains(v)).ToList());
    }

    /// <summary>⌊log10 v⌋ for v &gt; 0, exact at powers of ten (where Math.Log10 alone may land just below).</summary>
    public static int FloorLog10(double value)
    {
        var e = (int)Math.Floor(Math.Log10(value));
        while (Scale(1, e) > value)
        {
            e--;
        }

        while (Scale(1, e + 1) <= value)
        {
            e++;
        }

        return e;
    }

    private static int CeilingLog10(double value)
    {
        var e = FloorLog10(value);
        return Scale(1, e) < value ? e + 1 : e;
    }

    /// <summary>
    /// <paramref name="integer"/> × 10^<paramref name="exponent"/>, rounded once: negative exponents divide by an
    /// exact power of ten instead of multiplying by an inexact 0.1.
    /// </summary>
    internal static double Scale(double integer, int exponent)
    {
        var power = 1.0;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            power *= 10;
        }

        return exponent >= 0 ? integer * power : integer / power;
    }

    private static void CheckRange(double min, double max, int maxCount)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw new ArgumentOutOfRangeException(nameof(min), $"An axis needs a finite range with min ≤ max; got [{min}, {max}].");
        }

        // Two would not always do: a range straddling zero needs a tick below, at and above it however coarse the step.
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 3);
    }
}
