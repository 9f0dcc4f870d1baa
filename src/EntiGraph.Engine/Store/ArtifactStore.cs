using System.Runtime.InteropServices;

namespace EntiGraph.Engine.Store;

/// <summary>
/// The content-addressed store under <c>artifacts/</c>:
/// <c>store/&lt;stage&gt;/&lt;key&gt;/</c> holds one artifact with its manifest;
/// <c>experiments/&lt;name&gt;/&lt;stage&gt;</c> is a link naming the key an experiment uses now;
/// <c>store/.tmp/</c> holds artifacts being written, moved into place by one rename when complete.
/// </summary>
public sealed class ArtifactStore
{
    public ArtifactStore(string root)
    {
        Root = Path.GetFullPath(root);
        StoreDirectory = Path.Combine(Root, "store");
        ExperimentsDirectory = Path.Combine(Root, "experiments");
        CacheDirectory = Path.Combine(Root, "cache");
        TemporaryDirectory = Path.Combine(StoreDirectory, ".tmp");
    }

    public string Root { get; }

    public string StoreDirectory { get; }

    public string ExperimentsDirectory { get; }

    public string CacheDirectory { get; }

    public string TemporaryDirectory { get; }

    public string EntryDirectory(string stage, string key) => Path.Combine(StoreDirectory, stage, key);

    public string ViewPath(string experiment, string stage) => Path.Combine(ExperimentsDirectory, experiment, stage);

    /// <summary>The manifest of a complete entry, or null if the entry is absent or its manifest unreadable.</summary>
    public Manifest? TryRead(string stage, string key)
    {
        var file = Path.Combine(EntryDirectory(stage, key), Manifest.FileName);
        try
        {
            return File.Exists(file) ? Manifest.Read(file) : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
        {
            // A damaged entry is a miss: the run rebuilds it and replaces the folder.
            return null;
        }
    }

    /// <summary>The key an experiment's view names for a stage, or null if it has none.</summary>
    public string? CurrentKey(string experiment, string stage)
    {
        var link = new FileInfo(ViewPath(experiment, stage));
        return link.LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
    }

    public Manifest? CurrentManifest(string experiment, string stage) =>
        CurrentKey(experiment, stage) is { } key ? TryRead(stage, key) : null;

    /// <summary>Points an experiment's view at a key, replacing the old link in one rename.</summary>
    public void SetCurrent(string experiment, string stage, string key)
    {
        var view = ViewPath(experiment, stage);
        Directory.CreateDirectory(Path.GetDirectoryName(view)!);
        var target = Path.Combine("..", "..", "store", stage, key);
        if (new FileInfo(view).LinkTarget == target)
        {
            return;
        }

        var temporary = $"{view}.{Environment.ProcessId}.tmp";
        File.Delete(temporary);
        File.CreateSymbolicLink(temporary, target);
        ReplaceLink(temporary, view);
    }

    // File.Move follows a link to a folder and refuses it; rename(2) moves the link itself, atomically.
    private static void ReplaceLink(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Delete(destination);
            File.Move(source, destination);
            return;
        }

        if (Rename(source, destination) != 0)
        {
            throw new IOException($"cannot rename {source} to {destination}: error {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string destination);

    /// <summary>A fresh folder for a stage to write into; nothing in it is visible until published.</summary>
    public string BeginWrite(string stage, string key)
    {
        var directory = Path.Combine(TemporaryDirectory, $"{stage}-{key}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>
    /// Moves a completed folder into the store. The rename is atomic: readers see the whole artifact or
    /// none. With <paramref name="replace"/> an existing entry is moved aside first and then deleted.
    /// </summary>
    public void Publish(string temporary, string stage, string key, bool replace)
    {
        var destination = EntryDirectory(stage, key);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (Directory.Exists(destination))
        {
            if (!replace)
            {
                Directory.Delete(temporary, recursive: true);
                return;
            }

            var aside = Path.Combine(TemporaryDirectory, $"replaced-{stage}-{key}-{Guid.NewGuid():N}");
            Directory.Move(destination, aside);
            Directory.Move(temporary, destination);
            Directory.Delete(aside, recursive: true);
            return;
        }

        Directory.Move(temporary, destination);
    }

    /// <summary>Removes what interrupted runs left half-written. Call only while holding the store lock.</summary>
    public int CleanTemporary()
    {
        if (!Directory.Exists(TemporaryDirectory))
        {
            return 0;
        }

        var leftovers = Directory.GetDirectories(TemporaryDirectory);
        foreach (var directory in leftovers)
        {
            Directory.Delete(directory, recursive: true);
        }

        return leftovers.Length;
    }

    /// <summary>Every published entry as (stage, key).</summary>
    public IEnumerable<(string Stage, string Key)> Entries()
    {
        if (!Directory.Exists(StoreDirectory))
        {
            yield break;
        }

        foreach (var stageDirectory in Directory.GetDirectories(StoreDirectory).Order(StringComparer.Ordinal))
        {
            var stage = Path.GetFileName(stageDirectory);
            if (stage.StartsWith('.'))
            {
                continue;
            }

            foreach (var entry in Directory.GetDirectories(stageDirectory).Order(StringComparer.Ordinal))
            {
                yield return (stage, Path.GetFileName(entry));
            }
        }
    }

    /// <summary>Every (experiment, stage, key) that a view names.</summary>
    public IEnumerable<(string Experiment, string Stage, string Key)> Views()
    {
        if (!Directory.Exists(ExperimentsDirectory))
        {
            yield break;
        }

        foreach (var experimentDirectory in Directory.GetDirectories(ExperimentsDirectory).Order(StringComparer.Ordinal))
        {
            var experiment = Path.GetFileName(experimentDirectory);
            foreach (var link in Directory.GetFileSystemEntries(experimentDirectory).Order(StringComparer.Ordinal))
            {
                var stage = Path.GetFileName(link);
                if (CurrentKey(experiment, stage) is { } key)
                {
                    yield return (experiment, stage, key);
                }
            }
        }
    }
}
