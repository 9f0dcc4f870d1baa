using EntiGraph.Engine.Hashing;

namespace EntiGraph.Engine.Store;

/// <summary>One problem found in a store entry.</summary>
public sealed record Corruption(string Stage, string Key, string Path, string Problem)
{
    public override string ToString() => $"{Stage}/{Key}: {Path}: {Problem}";
}

/// <summary>
/// Rehashes every file of every entry (ignoring the stat cache, which trusts timestamps) and reports
/// files that changed, vanished or appeared, and manifests that are unreadable.
/// </summary>
public static class StoreVerifier
{
    public static IReadOnlyList<Corruption> Verify(ArtifactStore store, Action<string, string>? visiting = null)
    {
        var problems = new List<Corruption>();
        foreach (var (stage, key) in store.Entries())
        {
            visiting?.Invoke(stage, key);
            var directory = store.EntryDirectory(stage, key);
            Manifest manifest;
            try
            {
                manifest = Manifest.Read(Path.Combine(directory, Manifest.FileName));
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
            {
                problems.Add(new(stage, key, Manifest.FileName, $"unreadable manifest: {e.Message}"));
                continue;
            }

            if (manifest.Key != key || manifest.Stage != stage)
            {
                problems.Add(new(stage, key, Manifest.FileName, $"names {manifest.Stage}/{manifest.Key}, not the folder it is in"));
            }

            var expected = manifest.Outputs.ToDictionary(o => o.Path, StringComparer.Ordinal);
            foreach (var (relative, full) in ContentHash.ListFiles(directory))
            {
                if (relative == Manifest.FileName)
                {
                    continue;
                }

                if (!expected.Remove(relative, out var output))
                {
                    problems.Add(new(stage, key, relative, "not listed in the manifest"));
                    continue;
                }

                var size = new FileInfo(full).Length;
                if (size != output.Size)
                {
                    problems.Add(new(stage, key, relative, $"size {size}, manifest says {output.Size}"));
                    continue;
                }

                var hash = ContentHash.OfFile(full);
                if (hash != output.Hash)
                {
                    problems.Add(new(stage, key, relative, $"content hash {hash}, manifest says {output.Hash}"));
                }
            }

            foreach (var missing in expected.Keys)
            {
                problems.Add(new(stage, key, missing, "missing"));
            }
        }

        return problems;
    }
}
