namespace EntiGraph.Engine.Charts;

/// <summary>
/// PNG's per-row filters, chosen per row by the smallest sum of absolute filtered bytes: a fixed rule of the
/// row's own bytes, so the choice (and the file) is the same on every run.
/// </summary>
internal static class PngFilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>Writes the filter type into <paramref name="output"/>[0] and the filtered row after it.</summary>
    public static void Apply(ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        var best = None;
        var bestScore = long.MaxValue;
        for (var type = None; type <= Paeth; type++)
        {
            var score = 0L;
            for (var i = 0; i < row.Length; i++)
            {
                score += Math.Abs((int)(sbyte)Filter(type, row, previous, bpp, i));
            }

            if (score < bestScore)
            {
                best = type;
                bestScore = score;
            }
        }

        output[0] = best;
        for (var i = 0; i < row.Length; i++)
        {
            output[i + 1] = Filter(best, row, previous, bpp, i);
        }
    }

    private static byte Filter(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, int i)
    {
        int left = i >= bpp ? row[i - bpp] : 0;
        int up = previous[i];
        int upLeft = i >= bpp ? previous[i - bpp] : 0;
        return type switch
        {
            Sub => (byte)(row[i] - left),
            Up => (byte)(row[i] - up),
            Average => (byte)(row[i] - ((left + up) >> 1)),
            Paeth => (byte)(row[i] - PaethPredictor(left, up, upLeft)),
            _ => row[i],
        };
    }

    internal static int PaethPredictor(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft)
        {
            return left;
        }

        return toUp <= toUpLeft ? up : upLeft;
    }
}
