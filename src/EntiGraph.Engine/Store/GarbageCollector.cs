namespace EntiGraph.Engine.Store;

/// <summary>What <c>gc</c> removed, or would remove on a dry run.</summary>
public sealed record GcResult(IReadOnlyList<(string Stage, string Key, long Bytes)> Removed, int Kept);

/// <summary>
/// Removes store entries that no experiment view names. Views are the roots, as Nix's result links
/// are; every stage of an experiment has its own view, so the entries a view's key chains through stay too.
/// </summary>
public static class GarbageCollector
{
    public static GcResult Collect(ArtifactStore store, bool dryRun)
    {
        var live = new HashSet<(string, string)>(store.Views().Select(v => (v.Stage, v.Key)));
        var removed = new List<(string Stage, string Key, long Bytes)>();
        var kept = 0;
        foreach (var (stage, key) in store.Entries().ToList())
        {
            if (live.Contains((stage, key)))
            {
                kept++;
                continue;
            }

            var directory = store.EntryDirectory(stage, key);
            var bytes = new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            removed.Add((stage, key, bytes));
            if (!dryRun)
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return new GcResult(removed, kept);
    }
}
