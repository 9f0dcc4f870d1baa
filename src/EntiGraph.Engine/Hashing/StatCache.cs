using System.Text.Json;

namespace EntiGraph.Engine.Hashing;

/// <summary>
/// Remembers the content hash of each file by (size, mtime, inode), so that checking an up-to-date
/// pipeline reads no large file again. It is a cache only: losing it costs a rehash, never a wrong key.
/// </summary>
public sealed class StatCache
{
    private readonly string? _file;
    private readonly Dictionary<string, Entry> _entries;
    private readonly Lock _lock = new();
    private bool _dirty;

    private StatCache(string? file, Dictionary<string, Entry> entries)
    {
        _file = file;
        _entries = entries;
    }

    /// <summary>Files actually read and hashed since this cache was opened.</summary>
    public int FilesHashed { get; private set; }

    public static StatCache InMemory() => new(null, new(StringComparer.Ordinal));

    public static StatCache Open(string file)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(file))
            {
                using var stream = File.OpenRead(file);
                entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(stream) ?? entries;
            }
        }
        catch (JsonException)
        {
            // A damaged cache is rebuilt, not trusted.
        }

        return new StatCache(file, new Dictionary<string, Entry>(entries, StringComparer.Ordinal));
    }

    public string HashFile(string path)
    {
        var full = Path.GetFullPath(path);
        var identity = FileIdentity.Of(full);
        lock (_lock)
        {
            if (_entries.TryGetValue(full, out var known) && known.Identity == identity)
            {
                return known.Hash;
            }
        }

        var hash = ContentHash.OfFile(full);
        lock (_lock)
        {
            FilesHashed++;
            _entries[full] = new Entry(identity, hash);
            _dirty = true;
        }

        return hash;
    }

    /// <summary>A file's or a folder's content hash.</summary>
    public string HashPath(string path) =>
        Directory.Exists(path) ? ContentHash.OfDirectory(path, HashFile) : HashFile(path);

    public void Save()
    {
        lock (_lock)
        {
            if (_file is null || !_dirty)
            {
                return;
            }

            // Drop entries whose file is gone, then replace the cache file in one rename.
            foreach (var gone in _entries.Keys.Where(k => !File.Exists(k)).ToList())
            {
                _entries.Remove(gone);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temporary = $"{_file}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(_entries));
            File.Move(temporary, _file, overwrite: true);
            _dirty = false;
        }
    }

    public sealed record Entry(FileIdentity Identity, string Hash);
}
