using Parquet;
using Parquet.Serialization;

namespace EntiGraph.Stages.Curate;

/// <summary>Row-group streaming over parquet files, so curation holds one row group at a time, not the corpus.</summary>
internal static class ParquetRows
{
    public const int RowGroupSize = 4096;

    public static async IAsyncEnumerable<T> ReadAsync<T>(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, new()
    {
        int groups;
        await using (var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken))
        {
            groups = reader.RowGroupCount;
        }

        for (var group = 0; group < groups; group++)
        {
            await using var stream = File.OpenRead(path);
            var rows = await ParquetSerializer.DeserializeAsync<T>(stream, rowGroupIndex: group, cancellationToken: cancellationToken);
            foreach (var row in rows.Data)
            {
                yield return row;
            }
        }
    }

    public static async Task<long> CountAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        return reader.Metadata?.NumRows ?? 0;
    }

    /// <summary>Appends rows as row groups of <see cref="RowGroupSize"/>; call <see cref="FlushAsync"/> at the end.</summary>
    public sealed class Writer<T>(string path)
        where T : class, new()
    {
        private readonly List<T> _pending = [];
        private bool _started;

        public long Rows { get; private set; }

        public async Task AddAsync(T row, CancellationToken cancellationToken)
        {
            _pending.Add(row);
            Rows++;
            if (_pending.Count >= RowGroupSize)
            {
                await FlushAsync(cancellationToken);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (_pending.Count == 0 && _started)
            {
                return;
            }

            await using var stream = new FileStream(path, _started ? FileMode.Open : FileMode.CreateNew, FileAccess.ReadWrite);
            await ParquetSerializer.SerializeAsync(_pending, stream, new ParquetOptions
            {
                CompressionMethod = Extract.ExtractOutput.WriteOptions.CompressionMethod,
                CompressionLevel = Extract.ExtractOutput.WriteOptions.CompressionLevel,
                Append = _started,
            }, cancellationToken: cancellationToken);
            _pending.Clear();
            _started = true;
        }
    }
}
