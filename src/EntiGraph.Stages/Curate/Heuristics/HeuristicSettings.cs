using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// The RefinedWeb/Gopher heuristics as DCLM-Baseline runs them (<c>dclm_baseline_refinedweb.yaml</c>).
/// Every default is the paper's value; every rule can be switched off by naming it in <c>skip_rules</c>,
/// and every line modifier by its own key.
/// </summary>
public sealed record HeuristicSettings
{
    public const string StopwordDetector = "stopwords";
    public const string FastTextDetector = "fasttext";

    public bool Enabled { get; init; } = true;

    /// <summary>Rules not applied (names from <see cref="HeuristicPipeline.RuleNames"/>).</summary>
    public IReadOnlyList<string> SkipRules { get; init; } = [];

    // URL filters. The lists are read from files by the stage; empty lists filter nothing.
    public IReadOnlyList<string> BannedDomains { get; init; } = [];

    public IReadOnlyList<string> BannedUrlSubstrings { get; init; } = [];

    public IReadOnlyList<string> HardUrlWords { get; init; } = [];

    public IReadOnlyList<string> SoftUrlWords { get; init; } = [];

    public int MinSoftUrlWords { get; init; } = 2;

    // Cleanup.
    public bool StripUrls { get; init; } = true;

    public IReadOnlyList<string> UrlTlds { get; init; } = UrlStripper.DefaultTlds;

    /// <summary>Longer runs of newlines become this many; 0 leaves them.</summary>
    public int MaxConsecutiveNewlines { get; init; } = 2;

    // Language identification.
    public string LanguageDetector { get; init; } = StopwordDetector;

    public string Language { get; init; } = "en";

    public double LanguageThreshold { get; init; } = 0.65;

    // Quality filters.
    public int MinWords { get; init; } = 50;

    public int MaxWords { get; init; } = 100_000;

    public double MinMeanWordLength { get; init; } = 3;

    public double MaxMeanWordLength { get; init; } = 10;

    public double MaxSymbolWordRatio { get; init; } = 0.1;

    public double MaxBulletLineRatio { get; init; } = 0.9;

    public double MaxEllipsisLineRatio { get; init; } = 0.3;

    public double MaxNonAlphabeticWordRatio { get; init; } = 0.2;

    public int MinStopWords { get; init; } = 2;

    public IReadOnlyList<string> StopWords { get; init; } = ["the", "be", "to", "of", "and", "that", "have", "with"];

    public bool DistinctStopWords { get; init; }

    // Gopher repetition.
    public double MaxDuplicateLineRatio { get; init; } = 0.30;

    public double MaxDuplicateParagraphRatio { get; init; } = 0.30;

    public double MaxDuplicateLineCharRatio { get; init; } = 0.20;

    public double MaxDuplicateParagraphCharRatio { get; init; } = 0.20;

    /// <summary>For n = 2, 3, 4: the largest share of word characters the most frequent n-gram may take.</summary>
    public IReadOnlyList<double> MaxTopNgramCharRatio { get; init; } = [0.20, 0.18, 0.16];

    /// <summary>For n = 5 … 10: the largest share of word characters that repeated n-grams may cover.</summary>
    public IReadOnlyList<double> MaxDuplicateNgramCharRatio { get; init; } = [0.15, 0.14, 0.13, 0.12, 0.11, 0.10];

    // Line modifiers and the removal cap.
    public bool DropUppercaseLines { get; init; } = true;

    public double MaxUppercaseLineRatio { get; init; } = 0.5;

    public bool DropDigitLines { get; init; } = true;

    public bool DropCounterLines { get; init; } = true;

    /// <summary>Lines with fewer whitespace-separated words are dropped; 0 keeps them all.</summary>
    public int MinLineWords { get; init; } = 2;

    /// <summary>The strip modifiers only touch lines of at most this many words.</summary>
    public int ShortLineMaxWords { get; init; } = 10;

    public IReadOnlyList<string> StripSubstrings { get; init; } = ["items in cart"];

    public IReadOnlyList<string> StripSuffixes { get; init; } = ["Read more..."];

    public IReadOnlyList<string> StripPrefixes { get; init; } = ["Sign-in"];

    public double MaxRemovedWordRatio { get; init; } = 0.05;

    public static ConfigSchema Schema()
    {
        var d = new HeuristicSettings();
        var schema = new ConfigSchema()
            .Boolean("enabled", "apply the heuristic filters", @default: d.Enabled)
            .List("skip_rules", "rules not to apply", new ConfigField("rule", FieldKind.Choice, "a rule name") { Choices = HeuristicRule.All }, @default: [])
            .List("banned_domains", "exact domains to drop (a leading www. is ignored); the stage reads them from a file", Text("domain"), @default: [])
            .List("banned_url_substrings", "drop a URL containing any, after removing '-' and '.' from both", Text("substring"), @default: [])
            .List("hard_url_words", "drop a URL containing any as a whole word", Text("word"), @default: [])
            .List("soft_url_words", "drop a URL containing min_soft_url_words of them as whole words", Text("word"), @default: [])
            .Integer("min_soft_url_words", "distinct soft words that drop a URL", @default: d.MinSoftUrlWords, min: 1)
            .Boolean("strip_urls", "remove URLs, e-mail addresses and IPv4 addresses from the text", @default: d.StripUrls)
            .List("url_tlds", "top-level domains that make a bare name.tld a URL (lowercase)", Text("tld"), @default: Array(d.UrlTlds))
            .Integer("max_consecutive_newlines", "collapse longer runs of newlines to this many (0: leave them)", @default: d.MaxConsecutiveNewlines, min: 0)
            .Choice("language_detector", "stopwords: the built-in English detector; fasttext: lid.176 (not in this build)",
                [StopwordDetector, FastTextDetector], @default: d.LanguageDetector)
            .String("language", "the language to keep", @default: d.Language)
            .Number("language_threshold", "keep when the detector's probability for the language is above this", @default: d.LanguageThreshold, min: 0, max: 1)
            .Integer("min_words", "fewest words (punctuation ignored)", @default: d.MinWords, min: 0)
            .Integer("max_words", "most words (punctuation ignored)", @default: d.MaxWords, min: 0)
            .Number("min_mean_word_length", "shortest mean word length, in characters", @default: d.MinMeanWordLength, min: 0)
            .Number("max_mean_word_length", "longest mean word length, in characters", @default: d.MaxMeanWordLength, min: 0)
            .Number("max_symbol_word_ratio", "most '#', '...' and '…' per word", @default: d.MaxSymbolWordRatio, min: 0)
            .Number("max_bullet_line_ratio", "largest share of lines starting with a bullet", @default: d.MaxBulletLineRatio, min: 0, max: 1)
            .Number("max_ellipsis_line_ratio", "largest share of lines ending with an ellipsis", @default: d.MaxEllipsisLineRatio, min: 0, max: 1)
            .Number("max_non_alphabetic_word_ratio", "largest share of words without a letter", @default: d.MaxNonAlphabeticWordRatio, min: 0, max: 1)
            .Integer("min_stop_words", "fewest stop words", @default: d.MinStopWords, min: 0)
            .List("stop_words", "the stop words (compared lowercased)", Text("word"), @default: Array(d.StopWords))
            .Boolean("distinct_stop_words", "count each stop word once", @default: d.DistinctStopWords)
            .Number("max_duplicate_line_ratio", "largest share of lines that are repeated, by count", @default: d.MaxDuplicateLineRatio, min: 0, max: 1)
            .Number("max_duplicate_paragraph_ratio", "largest share of paragraphs that are repeated, by count", @default: d.MaxDuplicateParagraphRatio, min: 0, max: 1)
            .Number("max_duplicate_line_char_ratio", "largest share of line characters in repeated lines", @default: d.MaxDuplicateLineCharRatio, min: 0, max: 1)
            .Number("max_duplicate_paragraph_char_ratio", "largest share of paragraph characters in repeated paragraphs", @default: d.MaxDuplicateParagraphCharRatio, min: 0, max: 1);
        for (var n = 2; n <= 4; n++)
        {
            schema.Number($"max_top_{n}gram_char_ratio", $"largest share of word characters in the most frequent {n}-gram",
                @default: d.MaxTopNgramCharRatio[n - 2], min: 0, max: 1);
        }

        for (var n = 5; n <= 10; n++)
        {
            schema.Number($"max_duplicate_{n}gram_char_ratio", $"largest share of word characters covered by repeated {n}-grams",
                @default: d.MaxDuplicateNgramCharRatio[n - 5], min: 0, max: 1);
        }

        return schema
            .Boolean("drop_uppercase_lines", "drop lines with more than max_uppercase_line_ratio uppercase characters", @default: d.DropUppercaseLines)
            .Number("max_uppercase_line_ratio", "largest share of uppercase characters in a kept line", @default: d.MaxUppercaseLineRatio, min: 0, max: 1)
            .Boolean("drop_digit_lines", "drop lines made only of digits", @default: d.DropDigitLines)
            .Boolean("drop_counter_lines", "drop counter lines such as '3K likes'", @default: d.DropCounterLines)
            .Integer("min_line_words", "drop lines with fewer words (0: keep all)", @default: d.MinLineWords, min: 0)
            .Integer("short_line_max_words", "the strip_* modifiers only touch lines of at most this many words", @default: d.ShortLineMaxWords, min: 0)
            .List("strip_substrings", "removed anywhere in a short line (case-insensitive)", Text("text"), @default: Array(d.StripSubstrings))
            .List("strip_suffixes", "removed from the end of a short line (case-insensitive)", Text("text"), @default: Array(d.StripSuffixes))
            .List("strip_prefixes", "removed from the start of a short line (case-insensitive)", Text("text"), @default: Array(d.StripPrefixes))
            .Number("max_removed_word_ratio", "reject a document when the line modifiers removed more of its words", @default: d.MaxRemovedWordRatio, min: 0, max: 1)
            .Rule(s => (string?)s["language_detector"] == FastTextDetector ? LanguageDetectors.FastTextUnavailable : null)
            .Rule(s => (string?)s["language_detector"] == StopwordDetector && (string?)s["language"] is { } language && language != "en"
                ? $"the stopwords language detector only knows English; language '{language}' needs language_detector: {FastTextDetector}"
                : null)
            .Rule(s => s["min_words"] is JsonValue min && s["max_words"] is JsonValue max && (long)min > (long)max
                ? "min_words is larger than max_words"
                : null);
    }

    public static HeuristicSettings From(JsonObject section)
    {
        var d = new HeuristicSettings();
        return new HeuristicSettings
        {
            Enabled = Flag(section, "enabled", d.Enabled),
            SkipRules = Strings(section, "skip_rules", d.SkipRules),
            BannedDomains = Strings(section, "banned_domains", d.BannedDomains),
            BannedUrlSubstrings = Strings(section, "banned_url_substrings", d.BannedUrlSubstrings),
            HardUrlWords = Strings(section, "hard_url_words", d.HardUrlWords),
            SoftUrlWords = Strings(section, "soft_url_words", d.SoftUrlWords),
            MinSoftUrlWords = Int(section, "min_soft_url_words", d.MinSoftUrlWords),
            StripUrls = Flag(section, "strip_urls", d.StripUrls),
            UrlTlds = Strings(section, "url_tlds", d.UrlTlds),
            MaxConsecutiveNewlines = Int(section, "max_consecutive_newlines", d.MaxConsecutiveNewlines),
            LanguageDetector = Str(section, "language_detector", d.LanguageDetector),
            Language = Str(section, "language", d.Language),
            LanguageThreshold = Num(section, "language_threshold", d.LanguageThreshold),
            MinWords = Int(section, "min_words", d.MinWords),
            MaxWords = Int(section, "max_words", d.MaxWords),
            MinMeanWordLength = Num(section, "min_mean_word_length", d.MinMeanWordLength),
            MaxMeanWordLength = Num(section, "max_mean_word_length", d.MaxMeanWordLength),
            MaxSymbolWordRatio = Num(section, "max_symbol_word_ratio", d.MaxSymbolWordRatio),
            MaxBulletLineRatio = Num(section, "max_bullet_line_ratio", d.MaxBulletLineRatio),
            MaxEllipsisLineRatio = Num(section, "max_ellipsis_line_ratio", d.MaxEllipsisLineRatio),
            MaxNonAlphabeticWordRatio = Num(section, "max_non_alphabetic_word_ratio", d.MaxNonAlphabeticWordRatio),
            MinStopWords = Int(section, "min_stop_words", d.MinStopWords),
            StopWords = Strings(section, "stop_words", d.StopWords),
            DistinctStopWords = Flag(section, "distinct_stop_words", d.DistinctStopWords),
            MaxDuplicateLineRatio = Num(section, "max_duplicate_line_ratio", d.MaxDuplicateLineRatio),
            MaxDuplicateParagraphRatio = Num(section, "max_duplicate_paragraph_ratio", d.MaxDuplicateParagraphRatio),
            MaxDuplicateLineCharRatio = Num(section, "max_duplicate_line_char_ratio", d.MaxDuplicateLineCharRatio),
            MaxDuplicateParagraphCharRatio = Num(section, "max_duplicate_paragraph_char_ratio", d.MaxDuplicateParagraphCharRatio),
            MaxTopNgramCharRatio = [.. Enumerable.Range(2, 3).Select(n => Num(section, $"max_top_{n}gram_char_ratio", d.MaxTopNgramCharRatio[n - 2]))],
            MaxDuplicateNgramCharRatio = [.. Enumerable.Range(5, 6).Select(n => Num(section, $"max_duplicate_{n}gram_char_ratio", d.MaxDuplicateNgramCharRatio[n - 5]))],
            DropUppercaseLines = Flag(section, "drop_uppercase_lines", d.DropUppercaseLines),
            MaxUppercaseLineRatio = Num(section, "max_uppercase_line_ratio", d.MaxUppercaseLineRatio),
            DropDigitLines = Flag(section, "drop_digit_lines", d.DropDigitLines),
            DropCounterLines = Flag(section, "drop_counter_lines", d.DropCounterLines),
            MinLineWords = Int(section, "min_line_words", d.MinLineWords),
            ShortLineMaxWords = Int(section, "short_line_max_words", d.ShortLineMaxWords),
            StripSubstrings = Strings(section, "strip_substrings", d.StripSubstrings),
            StripSuffixes = Strings(section, "strip_suffixes", d.StripSuffixes),
            StripPrefixes = Strings(section, "strip_prefixes", d.StripPrefixes),
            MaxRemovedWordRatio = Num(section, "max_removed_word_ratio", d.MaxRemovedWordRatio),
        };
    }

    private static ConfigField Text(string name) => new(name, FieldKind.String, "a string");

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);

    // A missing or null key takes the default, so that a partial section (a test, a caller that did not
    // go through the validator) reads the same as a resolved one.
    private static bool Flag(JsonObject s, string key, bool fallback) => s[key] is JsonValue v ? v.GetValue<bool>() : fallback;

    private static string Str(JsonObject s, string key, string fallback) => s[key] is JsonValue v ? v.GetValue<string>() : fallback;

    private static int Int(JsonObject s, string key, int fallback) => s[key] is JsonValue v ? checked((int)Math.Min(Number(v), int.MaxValue)) : fallback;

    private static double Num(JsonObject s, string key, double fallback) => s[key] is JsonValue v ? Number(v) : fallback;

    private static double Number(JsonValue v) =>
        v.TryGetValue<double>(out var d) ? d
        : v.TryGetValue<long>(out var l) ? l
        : v.TryGetValue<int>(out var i) ? i
        : throw new FormatException($"expected a number, found {v.ToJsonString()}");

    private static string[] Strings(JsonObject s, string key, IReadOnlyList<string> fallback) =>
        s[key] is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : [.. fallback];
}
