using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// Drops documents whose text was seen before, up to Unicode composition, case and spacing: the text
/// is NFC-normalised, lower-cased (invariant culture) and its whitespace runs collapsed to one space
/// (and trimmed), then hashed with XxHash128. The first occurrence is kept. Only the 16-byte hashes
/// are remembered. Not thread-safe.
/// </summary>
public sealed class ExactDedup
{
    private readonly HashSet<UInt128> _seen = [];

    /// <summary>True when an equal text (after normalisation) came before; otherwise remembers this one.</summary>
    public bool IsDuplicate(string text) => !_seen.Add(Key(text));

    internal static UInt128 Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, composed.Length));
        try
        {
            var lowered = buffer.AsSpan(0, composed.AsSpan().ToLowerInvariant(buffer));
            var length = CollapseWhitespace(lowered);
            return XxHash128.HashToUInt128(MemoryMarshal.AsBytes(lowered[..length]));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    // In place: the output never runs ahead of the input.
    private static int CollapseWhitespace(Span<char> text)
    {
        var written = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = written > 0;
                continue;
            }

            if (pendingSpace)
            {
                text[written++] = ' ';
                pendingSpace = false;
            }

            text[written++] = c;
        }

        return written;
    }
}
