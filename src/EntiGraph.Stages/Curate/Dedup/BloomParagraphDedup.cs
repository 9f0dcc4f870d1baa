using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// DCLM's deduplication step: BFF with <c>--remove-type old-both</c>. Documents go through one at a
/// time and in order, so what is removed depends on what came before, as in the paper.
/// <list type="bullet">
/// <item>Paragraphs are the pieces between '\n'; tokens are Unicode word-boundary segments
/// other than whitespace (<see cref="WordBounds"/>), compared exactly (case and punctuation count).</item>
/// <item>A paragraph with at least n tokens is checked against the filter as it was before the
/// paragraph: when more than the threshold of its n-grams are in it, the paragraph is dropped and
/// its n-grams are NOT inserted (that is old-both; naive-both inserts them anyway, which is how it
/// came to remove 90–98% of the data). Otherwise all its n-grams are inserted.</item>
/// <item>When more than the threshold of the document's n-grams, counted over all its paragraphs
/// as they were checked, had been seen, the whole document goes.</item>
/// </list>
/// Kept paragraphs are joined with '\n' (BFF's output, less the stray leading '\n' it leaves when
/// the first paragraph goes). One instance is one shard (one filter); it is not thread-safe.
/// </summary>
public sealed class BloomParagraphDedup(BloomDedupSettings settings)
{
    private readonly BloomDedupSettings _settings = Validated(settings);
    private readonly BloomFilter? _filter = settings.Enabled ? new BloomFilter(settings.ExpectedNGrams, settings.FalsePositiveRate) : null;
    private readonly List<(int Start, int End)> _removed = [];
    private ulong[] _tokens = new ulong[256];
    private UInt128[] _ngrams = new UInt128[256];

    internal BloomFilter? Filter => _filter;

    public BloomDedupResult Process(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_filter is null)
        {
            return new(text, 0);
        }

        _removed.Clear();
        long ngrams = 0;
        long seen = 0;
        var span = text.AsSpan();
        var start = 0;
        while (true)
        {
            var newline = span[start..].IndexOf('\n');
            var end = newline < 0 ? span.Length : start + newline;
            var (paragraphNGrams, paragraphSeen) = CheckParagraph(span[start..end]);
            ngrams += paragraphNGrams;
            seen += paragraphSeen;
            if (paragraphNGrams > 0 && (double)paragraphSeen / paragraphNGrams > _settings.Threshold)
            {
                _removed.Add((start, end));
            }
            else
            {
                InsertChecked(paragraphNGrams);
            }

            if (newline < 0)
            {
                break;
            }

            start = end + 1;
        }

        if (ngrams > 0 && (double)seen / ngrams > _settings.Threshold)
        {
            return new(null, _removed.Count);
        }

        if (_removed.Count == 0)
        {
            return new(text, 0);
        }

        var kept = KeptParagraphs(text);
        return new(string.IsNullOrWhiteSpace(kept) ? null : kept, _removed.Count);
    }

    // Hashes the paragraph's n-grams into _ngrams and counts those already in the filter; inserting
    // waits until the paragraph is judged, so its own repeats do not count against it.
    private (int NGrams, int Seen) CheckParagraph(ReadOnlySpan<char> paragraph)
    {
        var n = _settings.NGram;
        if (paragraph.Length < n)
        {
            return (0, 0);
        }

        if (_tokens.Length < paragraph.Length)
        {
            _tokens = new ulong[Math.Max(paragraph.Length, _tokens.Length * 2)];
        }

        var tokens = 0;
        var bounds = new WordBounds(paragraph);
        while (bounds.MoveNext())
        {
            _tokens[tokens++] = TokenHash(bounds.Current);
        }

        if (tokens < n)
        {
            return (0, 0);
        }

        var count = tokens - n + 1;
        if (_ngrams.Length < count)
        {
            _ngrams = new UInt128[Math.Max(count, _ngrams.Length * 2)];
        }

        var seen = 0;
        var tokenHashes = _tokens.AsSpan(0, tokens);
        for (var i = 0; i < count; i++)
        {
            var hash = NGramHash(tokenHashes.Slice(i, n));
            _ngrams[i] = hash;
            if (_filter!.Contains(hash))
            {
                seen++;
            }
        }

        return (count, seen);
    }

    // Tokens hash to 64 bits first, so an n-gram is one XxHash128 over 8n bytes, not over its text.
    internal static ulong TokenHash(ReadOnlySpan<char> token) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(token));

    internal static UInt128 NGramHash(ReadOnlySpan<ulong> tokenHashes) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(tokenHashes));

    private void InsertChecked(int count)
    {
        foreach (var hash in _ngrams.AsSpan(0, count))
        {
            _filter!.Add(hash);
        }
    }

    private string KeptParagraphs(string text)
    {
        var builder = new StringBuilder(text.Length);
        var cursor = 0;
        var first = true;
        foreach (var (start, end) in _removed)
        {
            // The paragraphs between the previous removal and this one, with their own newlines.
            if (start > cursor)
            {
                AppendKept(builder, text.AsSpan(cursor, start - 1 - cursor), ref first);
            }

            cursor = end + 1;
        }

        if (cursor <= text.Length)
        {
            AppendKept(builder, text.AsSpan(cursor), ref first);
        }

        return builder.ToString();
    }

    private static void AppendKept(StringBuilder builder, ReadOnlySpan<char> paragraphs, ref bool first)
    {
        if (!first)
        {
            builder.Append('\n');
        }

        builder.Append(paragraphs);
        first = false;
    }

    private static BloomDedupSettings Validated(BloomDedupSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.NGram, 1, nameof(settings.NGram));
        if (!(settings.Threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Threshold, "the threshold must lie in [0, 1]");
        }

        return settings;
    }
}
