using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using TorchSharp;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>
/// An open, fully validated safetensors file. Validation happens once at open, so <see cref="Tensor"/>
/// only copies bytes; the file stays open (read sharing only) until disposed.
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorsEntry> _entries;

    private SafeTensorsReader(string path, SafeFileHandle file, long dataStart, List<SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path;
        _file = file;
        _dataStart = dataStart;
        _entries = entries.ToDictionary(entry => entry.Name, StringComparer.Ordinal);
        Names = entries.Select(entry => entry.Name).Order(StringComparer.Ordinal).ToArray();
        Metadata = metadata;
    }

    public string Path { get; }

    /// <summary>Tensor names in ordinal order (the order Write lays them out).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The "__metadata__" strings; empty where the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public bool Contains(string name) => _entries.ContainsKey(name);

    public long[] Shape(string name) => (long[])Entry(name).Shape.Clone();

    public torch.ScalarType DType(string name) => Entry(name).DType;

    /// <summary>A new CPU tensor holding exactly the stored bytes; the caller owns and disposes it.</summary>
    public torch.Tensor Tensor(string name)
    {
        ObjectDisposedException.ThrowIf(_file.IsClosed, this);
        var entry = Entry(name);
        var tensor = torch.empty(entry.Shape, entry.DType, torch.CPU);
        try
        {
            TensorBytes.Read(_file, _dataStart + entry.Begin, tensor);
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    public void Dispose() => _file.Dispose();

    internal static SafeTensorsReader Open(string path)
    {
        TorchRuntime.EnsureLoaded();
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            long length = RandomAccess.GetLength(file);
            if (length < 8)
                throw SafeTensorsHeader.Error(path, $"it is {length} bytes long, too short for the 8-byte header length");
            Span<byte> prefix = stackalloc byte[8];
            TensorBytes.ReadExactly(file, prefix, 0);
            ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            // Compared unsigned so a huge length cannot wrap negative and slip past the check.
            if (headerLength > (ulong)(length - 8))
                throw SafeTensorsHeader.Error(path, $"header length {headerLength} runs past the end of the file ({length} bytes)");
            if (headerLength > int.MaxValue)
                throw SafeTensorsHeader.Error(path, $"header length {headerLength} is too large to parse");

            // Not required to be a multiple of 8: files from writers that predate the padding rule are still valid.
            var header = new byte[(int)headerLength];
            TensorBytes.ReadExactly(file, header, 8);
            long dataStart = 8 + (long)headerLength;
            var (entries, metadata) = SafeTensorsHeader.Parse(header, length - dataStart, path);
            return new SafeTensorsReader(path, file, dataStart, entries, metadata);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private SafeTensorsEntry Entry(string name) =>
        _entries.TryGetValue(name, out var entry)
            ? entry
            : throw new KeyNotFoundException($"Safetensors file '{Path}' has no tensor '{name}'.");
}
