namespace EntiGraph.Stages.Synthesize;

/// <summary>
/// A Fisher-Yates shuffle driven by <see cref="Random"/> with a fixed seed: the same list and seed give
/// the same order on every run and machine (.NET's seeded Random is stable across versions).
/// </summary>
public static class SeededShuffle
{
    public static List<T> Shuffle<T>(IEnumerable<T> items, int seed)
    {
        var list = items.ToList();
        var random = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
