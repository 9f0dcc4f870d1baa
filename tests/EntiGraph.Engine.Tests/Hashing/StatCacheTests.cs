using EntiGraph.Engine.Hashing;
using EntiGraph.TestKit;

namespace EntiGraph.Engine.Tests.Hashing;

public sealed class StatCacheTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void An_unchanged_file_is_hashed_once_across_sessions()
    {
        var file = _workspace.WriteFile("big.bin", new string('x', 100_000));
        var cacheFile = Path.Combine(_workspace.Root, "cache.json");
        var first = StatCache.Open(cacheFile);
        var hash = first.HashFile(file);
        first.Save();

        var second = StatCache.Open(cacheFile);

        Assert.Equal(hash, second.HashFile(file));
        Assert.Equal(0, second.FilesHashed);
        Assert.Equal(ContentHash.OfFile(file), hash);
    }

    [Fact]
    public void A_file_replaced_by_rename_is_hashed_again()
    {
        var file = _workspace.WriteFile("data.txt", "aaaa");
        var cache = StatCache.InMemory();
        cache.HashFile(file);
        var time = File.GetLastWriteTimeUtc(file);

        // Same size and same time, but a new inode: an editor that saves by rename.
        var replacement = _workspace.WriteFile("data.new", "bbbb");
        File.SetLastWriteTimeUtc(replacement, time);
        File.Move(replacement, file, overwrite: true);

        Assert.Equal(ContentHash.OfString("bbbb"), cache.HashFile(file));
        Assert.Equal(2, cache.FilesHashed);
    }
}
