using System.Text;
using AngleSharp.Dom;

namespace EntiGraph.Stages.Extract;

/// <summary>
/// Whether an element's id or class says it is page furniture (navigation, menus, cookie banners,
/// share buttons, advertising, comments). Names are split into words ("site-footer", "mainMenu",
/// "cookie_banner") so that a word matches, not any substring: "sharedNotes" and "commentary" stay.
/// </summary>
public static class BoilerplateNames
{
    // A word equal to one of these, or its plural, marks boilerplate.
    private static readonly string[] Words =
        ["nav", "menu", "footer", "sidebar", "cookie", "banner", "breadcrumb", "share", "social", "advert", "ads", "ad", "comment", "subscribe"];

    // These also mark boilerplate as the start of a longer word: "navbar", "navigation", "advertisement", "adsbygoogle".
    private static readonly string[] Prefixes = ["nav", "advert", "ads", "sidebar", "breadcrumb", "cookie", "subscri"];

    public static bool Match(IElement element)
    {
        if (element.Id is { Length: > 0 } id && MatchName(id))
        {
            return true;
        }

        foreach (var name in element.ClassList)
        {
            if (MatchName(name))
            {
                return true;
            }
        }

        return false;
    }

    public static bool MatchName(string name)
    {
        foreach (var word in SplitWords(name))
        {
            foreach (var term in Words)
            {
                if (word == term || word == term + "s")
                {
                    return true;
                }
            }

            foreach (var prefix in Prefixes)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Words of an identifier, lower case: separators and lower-to-upper case changes split it.</summary>
    internal static IEnumerable<string> SplitWords(string name)
    {
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]) && word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            word.Append(char.ToLowerInvariant(c));
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
