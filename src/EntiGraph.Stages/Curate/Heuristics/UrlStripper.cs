using System.Text;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// The cleanup's "strip URLs": removes addresses with a scheme (http, https, ftp), bare host names that
/// end in a known top-level domain (with their path), e-mail addresses, and IPv4 addresses, each with
/// the spaces or tabs just before it.
/// </summary>
/// <remarks>
/// DCLM's modifier does the same with two regular expressions over the IANA TLD list, but only when the
/// text *starts* with something TLD-like (it calls <c>match</c>, not <c>search</c>), so in practice it
/// rarely removes a URL; this removes them wherever they are. Differences kept on purpose: a URL with a
/// scheme goes whatever its host (localhost:8080 included); the TLD must be lowercase, so that a
/// missing space ("the end.It was") is not taken for a domain; trailing sentence punctuation stays in
/// the text; only spaces and tabs before the URL go, never a newline, so line structure survives. The
/// default TLD list is the common generic and country domains, not the full IANA list, which would
/// also take file names such as setup.py or README.md: pass the full list in <c>url_tlds</c> for parity.
/// </remarks>
internal sealed class UrlStripper(IEnumerable<string> tlds)
{
    public static readonly IReadOnlyList<string> DefaultTlds =
    [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "ai", "app", "dev", "xyz", "online",
        "site", "top", "me", "tv", "us", "uk", "ca", "au", "nz", "ie", "de", "fr", "nl", "be", "at", "ch", "es", "it",
        "pt", "se", "no", "dk", "fi", "pl", "cz", "ru", "ua", "eu", "cn", "jp", "kr", "tw", "hk", "sg", "in", "br",
        "mx", "ar", "za",
    ];

    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _tlds =
        new HashSet<string>(tlds.Select(t => t.Trim().TrimStart('.')).Where(t => t.Length > 0), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private const int MaxSpacesBefore = 10;

    public string Strip(string text)
    {
        StringBuilder? output = null;
        var copied = 0;
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (!IsHostChar(c) || (i > 0 && IsHostChar(span[i - 1])))
            {
                // An IPv4 address may start inside a run of host characters ("ip:10.0.0.1").
                if (char.IsAsciiDigit(c) && i > 0 && !IsWordChar(span[i - 1]) && IPv4End(span, i) is var ipEnd and > 0)
                {
                    Cut(i, PathEnd(span, ipEnd));
                    continue;
                }

                i++;
                continue;
            }

            var end = SchemeUrlEnd(span, i);
            if (end < 0)
            {
                end = IPv4End(span, i);
                if (end > 0)
                {
                    end = PathEnd(span, end);
                }
            }

            if (end < 0)
            {
                end = HostUrlEnd(span, i);
            }

            if (end > 0)
            {
                Cut(i, end);
                continue;
            }

            i++;
        }

        if (output is null)
        {
            return text;
        }

        output.Append(span[copied..]);
        return output.ToString();

        void Cut(int start, int end)
        {
            end = TrimTrailingPunctuation(text, start, end);
            var from = start;
            while (from > copied && start - from < MaxSpacesBefore && text[from - 1] is ' ' or '\t')
            {
                from--;
            }

            output ??= new StringBuilder(text.Length);
            output.Append(text, copied, from - copied);
            copied = end;
            i = end;
        }
    }

    private static int SchemeUrlEnd(ReadOnlySpan<char> span, int i)
    {
        var rest = span[i..];
        var length = rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7
            : rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8
            : rest.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase) ? 6
            : 0;
        if (length == 0 || i + length >= span.Length || !IsPathChar(span[i + length]))
        {
            return -1;
        }

        return PathEnd(span, i + length);
    }

    /// <summary>A run of host characters holding ".tld" at a word boundary, with at least one character before the dot.</summary>
    private int HostUrlEnd(ReadOnlySpan<char> span, int i)
    {
        var runEnd = i;
        while (runEnd < span.Length && IsHostChar(span[runEnd]))
        {
            runEnd++;
        }

        for (var dot = span[i..runEnd].IndexOf('.'); dot >= 0;)
        {
            var at = i + dot;
            var tldStart = at + 1;
            var tldEnd = tldStart;
            while (tldEnd < runEnd && char.IsAsciiLetterLower(span[tldEnd]))
            {
                tldEnd++;
            }

            if (at > i && tldEnd > tldStart && (tldEnd == span.Length || !IsWordChar(span[tldEnd])) && _tlds.Contains(span[tldStart..tldEnd]))
            {
                return PathEnd(span, runEnd);
            }

            var next = span[tldStart..runEnd].IndexOf('.');
            dot = next < 0 ? -1 : tldStart + next - i;
        }

        return -1;
    }

    /// <summary>Four dot-separated groups of one to three digits, not followed by another digit.</summary>
    private static int IPv4End(ReadOnlySpan<char> span, int i)
    {
        var at = i;
        for (var group = 0; group < 4; group++)
        {
            var digits = 0;
            while (at < span.Length && char.IsAsciiDigit(span[at]) && digits < 3)
            {
                at++;
                digits++;
            }

            if (digits == 0)
            {
                return -1;
            }

            if (group < 3)
            {
                if (at >= span.Length || span[at] != '.')
                {
                    return -1;
                }

                at++;
            }
        }

        return at < span.Length && char.IsAsciiDigit(span[at]) ? -1 : at;
    }

    private static int PathEnd(ReadOnlySpan<char> span, int at)
    {
        while (at < span.Length && IsPathChar(span[at]))
        {
            at++;
        }

        return at;
    }

    private static int TrimTrailingPunctuation(ReadOnlySpan<char> span, int start, int end)
    {
        while (end > start + 1)
        {
            var last = span[end - 1];
            if (last is '.' or ',' or ':' or ';' or '?' or '!')
            {
                end--;
            }
            else if (last == ')' && span[start..end].Count('(') < span[start..end].Count(')'))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return end;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '@' or ':' or '%' or '.' or '_' or '+' or '~' or '#' or '=';

    private static bool IsPathChar(char c) => IsHostChar(c) || c is '(' or ')' or '?' or '&' or '/';
}
