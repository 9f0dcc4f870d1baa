namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// RefinedWeb's URL blocklists, as DCLM runs them: an exact-domain list, "strict" substrings matched
/// after removing '-' and '.', "hard" words (one is enough) and "soft" words (a number of distinct ones).
/// Matching is case-insensitive. A word matches at regex-style word boundaries: the characters around it
/// are not letters, digits or '_'.
/// </summary>
/// <remarks>
/// DCLM removes every "www" from the host before the exact comparison, which turns "www.example.com"
/// into ".example.com" and so never matches a listed "example.com"; here a leading "www." is dropped
/// from both sides instead, which is what the list intends. The strict entries lose their '-' and '.'
/// too, or an entry such as "g-spot" could never match a URL that has lost its own.
/// </remarks>
internal sealed class UrlFilter
{
    private readonly HashSet<string> _domains;
    private readonly string[] _substrings;
    private readonly WordList _hard;
    private readonly WordList _soft;
    private readonly int _minSoft;

    public UrlFilter(HeuristicSettings settings)
    {
        _domains = new(settings.BannedDomains.Select(NormalizeDomain).Where(d => d.Length > 0), StringComparer.Ordinal);
        _substrings = [.. settings.BannedUrlSubstrings.Select(s => RemoveDashesAndDots(s.ToLowerInvariant())).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
        _hard = new(settings.HardUrlWords);
        _soft = new(settings.SoftUrlWords);
        _minSoft = settings.MinSoftUrlWords;
    }

    public bool BannedDomain(string url) => _domains.Count > 0 && _domains.Contains(NormalizeDomain(Host(url)));

    public bool BannedSubstring(string url)
    {
        if (_substrings.Length == 0)
        {
            return false;
        }

        var squeezed = RemoveDashesAndDots(url.ToLowerInvariant());
        foreach (var banned in _substrings)
        {
            if (squeezed.Contains(banned, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public bool HardWord(string url) => !_hard.IsEmpty && _hard.CountDistinct(url.ToLowerInvariant(), stopAt: 1) >= 1;

    public bool SoftWords(string url) => !_soft.IsEmpty && _soft.CountDistinct(url.ToLowerInvariant(), stopAt: _minSoft) >= _minSoft;

    /// <summary>The host of a URL, with or without a scheme: no user, no port, no path.</summary>
    internal static string Host(string url)
    {
        var span = url.AsSpan().Trim();
        var scheme = span.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            span = span[(scheme + 3)..];
        }
        else if (span.StartsWith("//", StringComparison.Ordinal))
        {
            span = span[2..];
        }

        var end = span.IndexOfAny('/', '?', '#');
        if (end >= 0)
        {
            span = span[..end];
        }

        var at = span.LastIndexOf('@');
        if (at >= 0)
        {
            span = span[(at + 1)..];
        }

        // An IPv6 literal keeps its colons; otherwise a colon starts the port.
        var colon = span.StartsWith('[') ? span.IndexOf("]:", StringComparison.Ordinal) + 1 : span.IndexOf(':');
        if (colon > 0)
        {
            span = span[..colon];
        }

        return span.ToString();
    }

    internal static string NormalizeDomain(string domain)
    {
        var d = domain.Trim().ToLowerInvariant().TrimEnd('.');
        return d.StartsWith("www.", StringComparison.Ordinal) ? d[4..] : d;
    }

    private static string RemoveDashesAndDots(string text) =>
        text.AsSpan().IndexOfAny('-', '.') < 0 ? text : string.Create(text.Length - text.Count(c => c is '-' or '.'), text, static (dest, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (c is not ('-' or '.'))
                {
                    dest[i++] = c;
                }
            }
        });

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// Words are looked up by the URL's runs of word characters when they are one run themselves (the
    /// usual case, one hash lookup per run); entries with other characters are searched for.
    /// </summary>
    private sealed class WordList
    {
        private readonly HashSet<string> _single;
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly string[] _phrases;

        public WordList(IEnumerable<string> words)
        {
            var all = words.Select(w => w.Trim().ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            _single = new(all.Where(w => w.All(IsWordChar)), StringComparer.Ordinal);
            _lookup = _single.GetAlternateLookup<ReadOnlySpan<char>>();
            _phrases = [.. all.Where(w => !w.All(IsWordChar))];
        }

        public bool IsEmpty => _single.Count == 0 && _phrases.Length == 0;

        public int CountDistinct(string url, int stopAt)
        {
            HashSet<string>? found = null;
            var span = url.AsSpan();
            var i = 0;
            while (i < span.Length)
            {
                if (!IsWordChar(span[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < span.Length && IsWordChar(span[i]))
                {
                    i++;
                }

                if (_lookup.TryGetValue(span[start..i], out var word) && (found ??= new(StringComparer.Ordinal)).Add(word) && found.Count >= stopAt)
                {
                    return found.Count;
                }
            }

            foreach (var phrase in _phrases)
            {
                if (ContainsAtBoundaries(url, phrase) && (found ??= new(StringComparer.Ordinal)).Add(phrase) && found.Count >= stopAt)
                {
                    return found.Count;
                }
            }

            return found?.Count ?? 0;
        }

        private static bool ContainsAtBoundaries(string text, string phrase)
        {
            for (var at = text.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = text.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                var end = at + phrase.Length;
                if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
