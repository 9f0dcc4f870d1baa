using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// Near-duplicate documents by MinHash with LSH banding. A document's shingles are its runs of
/// <see cref="MinHashSettings.ShingleSize"/> lower-cased words (punctuation left out); its signature
/// holds, for each of bands × rows seeded hash functions, the smallest value over the shingles.
/// Each band of rows is hashed to one 64-bit key; a document that shares a key with an earlier kept
/// document in the same band is a duplicate, and only kept documents add their keys. Only the band
/// keys (with the id of the document that added them) are kept, never texts or signatures.
/// One instance is one pass over a corpus; it is not thread-safe.
/// </summary>
public sealed class MinHashDedup(MinHashSettings settings)
{
    private readonly MinHashSettings _settings = Validated(settings);
    private readonly HashFunctions _hashes = new(settings.Bands * settings.Rows, settings.Seed);
    private readonly Dictionary<ulong, string>[] _bands = NewBands(settings.Bands);
    private readonly uint[] _signature = new uint[settings.Bands * settings.Rows];
    private readonly ulong[] _keys = new ulong[settings.Bands];
    private ulong[] _words = new ulong[256];
    private uint[] _shingles = new uint[256];
    private char[] _lower = new char[64];

    /// <summary>The id of the kept document the last duplicate matched; null after a kept one.</summary>
    internal string? LastMatch { get; private set; }

    /// <summary>
    /// True when <paramref name="text"/> shares a band with a document kept earlier; false (and the
    /// document is remembered as kept) otherwise. A text without words is never a duplicate here.
    /// </summary>
    public bool IsDuplicate(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        LastMatch = null;
        if (!_settings.Enabled || !Sign(text, _signature))
        {
            return false;
        }

        var rows = _settings.Rows;
        var signature = MemoryMarshal.AsBytes(_signature.AsSpan());
        for (var band = 0; band < _keys.Length; band++)
        {
            var key = XxHash3.HashToUInt64(signature.Slice(band * rows * sizeof(uint), rows * sizeof(uint)));
            if (_bands[band].TryGetValue(key, out var match))
            {
                LastMatch = match;
                return true;
            }

            _keys[band] = key;
        }

        for (var band = 0; band < _keys.Length; band++)
        {
            _bands[band].TryAdd(_keys[band], id);
        }

        return false;
    }

    /// <summary>Writes the MinHash signature of <paramref name="text"/>; false when it has no words.</summary>
    internal bool Sign(ReadOnlySpan<char> text, Span<uint> signature)
    {
        var words = HashWords(text);
        if (words == 0)
        {
            return false;
        }

        var size = _settings.ShingleSize;
        var count = Math.Max(1, words - size + 1);
        if (_shingles.Length < count)
        {
            _shingles = new uint[Math.Max(count, _shingles.Length * 2)];
        }

        var wordHashes = _words.AsSpan(0, words);
        for (var i = 0; i < count; i++)
        {
            var shingle = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(wordHashes.Slice(i, Math.Min(size, words))));
            _shingles[i] = (uint)(shingle ^ (shingle >> 32));
        }

        _hashes.MinOver(_shingles.AsSpan(0, count), signature);
        return true;
    }

    /// <summary>The share of equal rows, which estimates the Jaccard similarity of the shingle sets.</summary>
    internal static double Similarity(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return (double)equal / a.Length;
    }

    internal int Permutations => _hashes.Count;

    private int HashWords(ReadOnlySpan<char> text)
    {
        var words = 0;
        var bounds = new WordBounds(text);
        while (bounds.MoveNext())
        {
            if (!bounds.IsWord)
            {
                continue;
            }

            var token = bounds.Current;
            if (_lower.Length < token.Length)
            {
                _lower = new char[Math.Max(token.Length, _lower.Length * 2)];
            }

            var length = token.ToLowerInvariant(_lower);
            if (words == _words.Length)
            {
                Array.Resize(ref _words, words * 2);
            }

            _words[words++] = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(_lower.AsSpan(0, length)));
        }

        return words;
    }

    private static Dictionary<ulong, string>[] NewBands(int bands)
    {
        var dictionaries = new Dictionary<ulong, string>[bands];
        for (var i = 0; i < bands; i++)
        {
            dictionaries[i] = [];
        }

        return dictionaries;
    }

    private static MinHashSettings Validated(MinHashSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.ShingleSize, 1, nameof(settings.ShingleSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Bands, 1, nameof(settings.Bands));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Rows, 1, nameof(settings.Rows));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)settings.Bands * settings.Rows, 1 << 16, "bands x rows");
        return settings;
    }
}
