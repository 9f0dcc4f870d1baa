using System.IO.Hashing;
using System.Text;

namespace EntiGraph.Engine.Hashing;

/// <summary>
/// Content hashes, written <c>xxh128:&lt;32 hex digits&gt;</c> so that the algorithm is part of the value
/// and a later change of algorithm cannot be mistaken for a match.
/// </summary>
public static class ContentHash
{
    public const string Prefix = "xxh128:";

    private const int BufferSize = 1 << 20;

    public static string OfBytes(ReadOnlySpan<byte> bytes) => Format(XxHash128.Hash(bytes));

    public static string OfString(string text) => OfBytes(Encoding.UTF8.GetBytes(text));

    public static string OfFile(string path)
    {
        var hash = new XxHash128();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        hash.Append(stream);
        return Format(hash.GetCurrentHash());
    }

    /// <summary>A folder's hash: its files' relative paths (sorted, '/'-separated) and content hashes.</summary>
    public static string OfDirectory(string path, Func<string, string> hashFile)
    {
        var listing = new StringBuilder();
        foreach (var (relative, full) in ListFiles(path))
        {
            listing.Append(relative).Append('\t').Append(hashFile(full)).Append('\n');
        }

        return OfString(listing.ToString());
    }

    public static IEnumerable<(string Relative, string Full)> ListFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(full => (Relative: Path.GetRelativePath(directory, full).Replace('\\', '/'), Full: full))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);

    private static string Format(byte[] digest) => Prefix + Convert.ToHexStringLower(digest);
}
