using System.Security.Cryptography;

namespace EntiGraph.Stages.Download;

/// <summary>sha256, the hash that URL pins and the Hub's LFS object ids use.</summary>
internal static class Sha256File
{
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static FetchedFile Describe(string path) => new(path, Of(path), new FileInfo(path).Length);
}
