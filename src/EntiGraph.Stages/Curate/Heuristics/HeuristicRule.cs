namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// The names of the heuristic rules, in the order the pipeline applies them. They are stable: they name
/// rows of the curate report and entries of <c>skip_rules</c>, so renaming one breaks experiments.
/// </summary>
public static class HeuristicRule
{
    public const string UrlBannedDomain = "url_banned_domain";
    public const string UrlBannedSubstring = "url_banned_substring";
    public const string UrlHardWord = "url_hard_word";
    public const string UrlSoftWords = "url_soft_words";

    /// <summary>Nothing but whitespace left, after the cleanup or after the line modifiers.</summary>
    public const string Empty = "empty";

    public const string Language = "language";
    public const string PageLength = "page_length";
    public const string MeanWordLength = "mean_word_length";
    public const string SymbolRatio = "symbol_ratio";
    public const string BulletLines = "bullet_lines";
    public const string EllipsisLines = "ellipsis_lines";
    public const string NonAlphabeticWords = "non_alphabetic_words";
    public const string StopWords = "stop_words";
    public const string DuplicateLines = "gopher_duplicate_lines";
    public const string DuplicateParagraphs = "gopher_duplicate_paragraphs";
    public const string DuplicateLineChars = "gopher_duplicate_line_chars";
    public const string DuplicateParagraphChars = "gopher_duplicate_paragraph_chars";
    public const string LineModifierCap = "line_modifier_cap";

    /// <summary>Share of characters in the most frequent n-gram, n = 2, 3, 4.</summary>
    public static string TopNgram(int n) => n is >= 2 and <= 4 ? TopNgramNames[n - 2] : throw new ArgumentOutOfRangeException(nameof(n));

    /// <summary>Share of characters covered by repeated n-grams, n = 5 … 10.</summary>
    public static string DuplicateNgram(int n) => n is >= 5 and <= 10 ? DuplicateNgramNames[n - 5] : throw new ArgumentOutOfRangeException(nameof(n));

    private static readonly string[] TopNgramNames = ["gopher_top_2gram", "gopher_top_3gram", "gopher_top_4gram"];

    private static readonly string[] DuplicateNgramNames =
        ["gopher_duplicate_5gram", "gopher_duplicate_6gram", "gopher_duplicate_7gram", "gopher_duplicate_8gram", "gopher_duplicate_9gram", "gopher_duplicate_10gram"];

    internal static readonly string[] All =
    [
        UrlBannedDomain, UrlBannedSubstring, UrlHardWord, UrlSoftWords,
        Empty, Language,
        PageLength, MeanWordLength, SymbolRatio, BulletLines, EllipsisLines, NonAlphabeticWords, StopWords,
        DuplicateLines, DuplicateParagraphs, DuplicateLineChars, DuplicateParagraphChars,
        .. TopNgramNames, .. DuplicateNgramNames,
        LineModifierCap,
    ];
}
