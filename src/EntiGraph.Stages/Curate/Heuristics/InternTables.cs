using System.Numerics;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>A stretch of a document's text, by position.</summary>
internal readonly record struct TextSpan(int Start, int Length);

/// <summary>
/// Numbers the distinct stretches of one text (lines, paragraphs, words) 0, 1, 2, … without copying
/// them. Open addressing with a generation stamp, so that starting over costs nothing however large an
/// earlier document made the table.
/// </summary>
internal sealed class SpanInterner
{
    private int[] _stamps = new int[1024];
    private int[] _ids = new int[1024];
    private int[] _hashes = new int[1024];
    private TextSpan[] _spans = new TextSpan[1024];
    private int _generation;
    private int _mask;
    private string _text = "";

    public int Count { get; private set; }

    /// <summary>Starts over for a text with at most <paramref name="capacity"/> distinct stretches.</summary>
    public void Reset(string text, int capacity)
    {
        _text = text;
        Count = 0;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        if (size > _stamps.Length)
        {
            _stamps = new int[size];
            _ids = new int[size];
            _hashes = new int[size];
            _spans = new TextSpan[size];
            _generation = 0;
        }

        // Only as much of the table as this text needs: a small text after a large one stays in cache.
        _mask = size - 1;

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    public int Intern(TextSpan span)
    {
        var chars = _text.AsSpan(span.Start, span.Length);
        var hash = string.GetHashCode(chars);
        var mask = _mask;
        var slot = Mix(hash) & mask;
        while (true)
        {
            if (_stamps[slot] != _generation)
            {
                _stamps[slot] = _generation;
                _hashes[slot] = hash;
                _spans[slot] = span;
                return _ids[slot] = Count++;
            }

            if (_hashes[slot] == hash && _spans[slot].Length == span.Length
                && _text.AsSpan(_spans[slot].Start, span.Length).SequenceEqual(chars))
            {
                return _ids[slot];
            }

            slot = (slot + 1) & mask;
        }
    }

    private static int Mix(int hash) => (int)((uint)hash * 0x9E3779B1u >> 1);
}

/// <summary>Numbers distinct pairs of ids (an n-gram's (n-1)-gram and its last word), as <see cref="SpanInterner"/> does spans.</summary>
internal sealed class PairInterner
{
    private int[] _stamps = new int[1024];
    private long[] _keys = new long[1024];
    private int[] _ids = new int[1024];
    private int _generation;
    private int _mask;

    public int Count { get; private set; }

    public void Reset(int capacity)
    {
        Count = 0;
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        if (size > _stamps.Length)
        {
            _stamps = new int[size];
            _keys = new long[size];
            _ids = new int[size];
            _generation = 0;
        }

        // Only as much of the table as this text needs: a small text after a large one stays in cache.
        _mask = size - 1;

        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    public int Intern(int first, int second)
    {
        var key = ((long)first << 32) | (uint)second;
        var mask = _mask;
        var slot = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 33) & mask;
        while (true)
        {
            if (_stamps[slot] != _generation)
            {
                _stamps[slot] = _generation;
                _keys[slot] = key;
                return _ids[slot] = Count++;
            }

            if (_keys[slot] == key)
            {
                return _ids[slot];
            }

            slot = (slot + 1) & mask;
        }
    }
}
