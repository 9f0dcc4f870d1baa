using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Curate.Selection;

/// <summary>The order in which the budget takes documents: by rank (hard) or by weighted sampling (soft).</summary>
internal static class SelectionOrder
{
    /// <summary>Highest combined score first; ties by id (ordinal), then by pool position.</summary>
    public static int[] Hard(IReadOnlyList<SelectionCandidate> pool, double[] combined)
    {
        var order = Indices(pool.Count);
        Array.Sort(order, (a, b) =>
        {
            var byScore = combined[b].CompareTo(combined[a]);
            return byScore != 0 ? byScore : ById(pool, a, b);
        });
        return order;
    }

    /// <summary>
    /// A sample without replacement with probability proportional to the combined score, as a full
    /// ordering: each document draws u in (0, 1) and sorts by ln(u) / score, largest first (Efraimidis and
    /// Spirakis), which is the same distribution as drawing one document at a time in proportion to the
    /// scores left. Documents scoring 0 come after all others, in the order of their u (uniform among
    /// themselves). u is a hash of the seed and the document id, so the sample depends on the pool's
    /// content and the seed, not on the order the pool arrives in.
    /// </summary>
    public static int[] Soft(IReadOnlyList<SelectionCandidate> pool, double[] combined, int seed)
    {
        var keys = new double[pool.Count];
        var draws = new double[pool.Count];
        var seedHash = HashedWords.Mix((ulong)(uint)seed ^ 0x5E1EC7A11D5EEDUL);
        for (var i = 0; i < pool.Count; i++)
        {
            var bits = HashedWords.Mix(HashedWords.OfString(pool[i].Id) ^ seedHash);
            draws[i] = ((bits >> 11) + 0.5) / (1UL << 53);
            keys[i] = combined[i] > 0 ? Math.Log(draws[i]) / combined[i] : double.NegativeInfinity;
        }

        var order = Indices(pool.Count);
        Array.Sort(order, (a, b) =>
        {
            var byKey = keys[b].CompareTo(keys[a]);
            if (byKey != 0)
            {
                return byKey;
            }

            var byDraw = draws[b].CompareTo(draws[a]);
            return byDraw != 0 ? byDraw : ById(pool, a, b);
        });
        return order;
    }

    private static int ById(IReadOnlyList<SelectionCandidate> pool, int a, int b)
    {
        var byId = string.CompareOrdinal(pool[a].Id, pool[b].Id);
        return byId != 0 ? byId : a.CompareTo(b);
    }

    private static int[] Indices(int count)
    {
        var indices = new int[count];
        for (var i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        return indices;
    }
}
