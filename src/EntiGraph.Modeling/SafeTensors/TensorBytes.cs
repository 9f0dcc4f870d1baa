using System.Buffers;
using Microsoft.Win32.SafeHandles;
using TorchSharp;

namespace EntiGraph.Modeling.SafeTensors;

/// <summary>
/// Moves raw tensor bytes between files and tensors in chunks: Tensor.bytes is a Span, which cannot
/// address more than 2 GiB, and a large embedding or lm_head in BF16 can exceed that.
/// </summary>
internal static class TensorBytes
{
    private const int ChunkBytes = 16 << 20;

    /// <summary>Writes the bytes of a contiguous CPU tensor to the stream.</summary>
    public static void Write(torch.Tensor contiguous, Stream output)
    {
        long count = contiguous.numel();
        if (count == 0)
            return;
        using var flat = contiguous.view(count);
        long perChunk = ChunkBytes / contiguous.ElementSize;
        for (long start = 0; start < count; start += perChunk)
        {
            using var part = flat.narrow(0, start, Math.Min(perChunk, count - start));
            output.Write(part.bytes);
        }
    }

    /// <summary>Fills a freshly allocated contiguous tensor from the file, starting at the absolute offset.</summary>
    public static void Read(SafeFileHandle file, long offset, torch.Tensor target)
    {
        long count = target.numel();
        if (count == 0)
            return;
        using var flat = target.view(count);
        int elementSize = (int)target.ElementSize;
        long perChunk = ChunkBytes / elementSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)(Math.Min(perChunk, count) * elementSize));
        try
        {
            for (long start = 0; start < count; start += perChunk)
            {
                long elements = Math.Min(perChunk, count - start);
                var span = buffer.AsSpan(0, (int)(elements * elementSize));
                ReadExactly(file, span, offset + start * elementSize);
                using var part = flat.narrow(0, start, elements);
                part.bytes = span;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // RandomAccess.Read may return short counts; the header check already proved the bytes exist.
    public static void ReadExactly(SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
                throw new EndOfStreamException("The file ended before the tensor data; was it truncated while open?");
            destination = destination[read..];
            offset += read;
        }
    }
}
