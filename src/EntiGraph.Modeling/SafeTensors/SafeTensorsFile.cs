using System.Buffers.Binary;
using TorchSharp;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>Reads and writes the safetensors checkpoint format (as used by Hugging Face).</summary>
public static class SafeTensorsFile
{
    /// <summary>Opens and validates the file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static SafeTensorsReader Read(string path) => SafeTensorsReader.Open(path);

    /// <summary>
    /// Writes tensors sorted by name, so equal inputs give equal bytes. The file is written beside the
    /// target and renamed over it, so a crash never leaves a half-written checkpoint at <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, IReadOnlyDictionary<string, torch.Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; writing from a big-endian host is not supported.");
        TorchRuntime.EnsureLoaded();

        var names = tensors.Keys.Order(StringComparer.Ordinal).ToList();
        var entries = new List<SafeTensorsEntry>(names.Count);
        long offset = 0;
        foreach (string name in names)
        {
            if (string.IsNullOrEmpty(name) || name == SafeTensorsHeader.MetadataKey)
                throw new ArgumentException($"'{name}' cannot be a tensor name in a safetensors file.", nameof(tensors));
            var tensor = tensors[name] ?? throw new ArgumentException($"Tensor '{name}' is null.", nameof(tensors));
            long length = tensor.numel() * SafeTensorsDType.ElementSize(tensor.dtype);
            entries.Add(new SafeTensorsEntry(name, tensor.dtype, tensor.shape, offset, offset + length));
            offset += length;
        }
        byte[] header = SafeTensorsHeader.Serialize(entries, metadata);

        string full = System.IO.Path.GetFullPath(path);
        // Same directory, so the final rename stays on one file system and is atomic.
        string temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> prefix = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
                output.Write(prefix);
                output.Write(header);
                foreach (string name in names)
                    WriteData(tensors[name], output);
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private static void WriteData(torch.Tensor tensor, Stream output)
    {
        // detach() always returns a new handle; cpu() and contiguous() may return that very object,
        // so each intermediate is disposed only where it is a distinct one.
        using var detached = tensor.detach();
        var cpu = detached.cpu();
        try
        {
            var contiguous = cpu.contiguous();
            try
            {
                TensorBytes.Write(contiguous, output);
            }
            finally
            {
                if (!ReferenceEquals(contiguous, cpu))
                    contiguous.Dispose();
            }
        }
        finally
        {
            if (!ReferenceEquals(cpu, detached))
                cpu.Dispose();
        }
    }
}
