using System.Runtime.CompilerServices;

namespace EntiGraph.Stages.Curate.Quality;

/// <summary>
/// Lower-cased word tokens and their stable 64-bit hashes, without allocating a string per word. A word
/// is a maximal run of letters and digits; everything else (spaces, newlines, punctuation, symbols)
/// separates words, so "Don't" gives "don" and "t". The hashes are FNV-1a over the lower-cased UTF-16
/// code units, finished with a SplitMix64 mix: stable across processes and machines, unlike
/// <see cref="string.GetHashCode()"/>. A saved classifier depends on them, so changing either the
/// word rule or the hash needs a new <see cref="QualityClassifier"/> format version.
/// </summary>
internal static class HashedWords
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static Enumerator Of(ReadOnlySpan<char> text) => new(text);

    /// <summary>The hash of a word pair, kept apart from unigram hashes by the asymmetric combination.</summary>
    public static ulong Pair(ulong first, ulong second) => Mix((first * 0x9E3779B97F4A7C15UL) ^ second ^ 0xB1C0FFEE5EEDUL);

    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xBF58476D1CE4E5B9UL;
        value ^= value >> 27;
        value *= 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong OfString(ReadOnlySpan<char> value)
    {
        var hash = OffsetBasis;
        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime;
        }

        return Mix(hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => c < 128
        ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9
        : char.IsLetterOrDigit(c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Lower(char c) => c < 128
        ? (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c
        : char.ToLowerInvariant(c);

    public ref struct Enumerator(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _text = text;
        private int _position;

        public ulong Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var text = _text;
            var i = _position;
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                _position = i;
                return false;
            }

            var hash = OffsetBasis;
            while (i < text.Length && IsWordChar(text[i]))
            {
                hash = (hash ^ Lower(text[i])) * Prime;
                i++;
            }

            _position = i;
            Current = Mix(hash);
            return true;
        }
    }
}
