using System.IO.Compression;
using Parquet;
using Parquet.Serialization;

namespace EntiGraph.Stages.Extract;

/// <summary>Writes and reads the stage's two tables.</summary>
public static class ExtractOutput
{
    public const string DocumentsFile = "documents.parquet";
    public const string QuestionsFile = "questions.parquet";

    // Zstd at its default level writes about 1 MB/s; Fastest is hundreds of times quicker and still
    // compresses text well. Parquet.Net writes no timestamp, so equal rows give equal bytes.
    internal static readonly ParquetOptions WriteOptions = new()
    {
        CompressionMethod = CompressionMethod.Zstd,
        CompressionLevel = CompressionLevel.Fastest,
    };

    public static async Task WriteAsync<T>(string path, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : new()
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        await ParquetSerializer.SerializeAsync(rows, stream, WriteOptions, cancellationToken: cancellationToken);
    }

    public static async Task<IList<T>> ReadAsync<T>(string path, CancellationToken cancellationToken = default)
        where T : class, new() =>
        (await ParquetSerializer.DeserializeAsync<T>(path, cancellationToken: cancellationToken)).Data;
}
