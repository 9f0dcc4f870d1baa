namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// DCLM-Baseline's RefinedWeb-style heuristics for one document at a time, in the paper's order: URL
/// filters; cleanup (strip URLs, collapse newlines); language identification; page length, mean word
/// length, symbols, bullet lines, ellipsis lines, non-alphabetic words, stop words; Gopher repetition;
/// the line modifiers and the cap on the words they remove. The first rule that fails decides.
/// </summary>
/// <remarks>
/// Pure and deterministic; safe to share between threads (the buffers it reuses are per thread).
/// Which "words" a rule counts follows DCLM rule by rule: the mean word length, symbol ratio,
/// non-alphabetic and stop-word filters split on whitespace; the page length and the removal cap count
/// the whitespace tokens that start with a letter or digit; the repetition filter uses Unicode word
/// segments (<see cref="UnicodeWords"/>).
/// </remarks>
public sealed class HeuristicPipeline
{
    private readonly HeuristicSettings _settings;
    private readonly HashSet<string> _skipped;
    private readonly UrlFilter _urls;
    private readonly UrlStripper? _stripper;
    private readonly ILanguageDetector? _detector;
    private readonly StopWordSet _stopWords;
    private readonly GopherRepetition _repetition;
    private readonly LineModifiers _modifiers;

    private readonly bool _domainOn, _substringOn, _hardOn, _softOn, _emptyOn, _languageOn, _pageLengthOn, _meanLengthOn,
        _symbolOn, _bulletOn, _ellipsisOn, _nonAlphabeticOn, _stopWordsOn, _capOn;

    public HeuristicPipeline(HeuristicSettings settings)
        : this(settings, null)
    {
    }

    /// <summary>With a language detector of the caller's (a fastText model, a test double); null: the one the settings name.</summary>
    public HeuristicPipeline(HeuristicSettings settings, ILanguageDetector? detector)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var unknown = settings.SkipRules.Where(r => !HeuristicRule.All.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown rule(s) in skip_rules: {string.Join(", ", unknown)}; known: {string.Join(", ", HeuristicRule.All)}", nameof(settings));
        }

        if (settings.MaxTopNgramCharRatio.Count != 3 || settings.MaxDuplicateNgramCharRatio.Count != 6)
        {
            throw new ArgumentException("the n-gram thresholds are three values (n = 2, 3, 4) and six values (n = 5 … 10)", nameof(settings));
        }

        _settings = settings;
        _skipped = new HashSet<string>(settings.SkipRules, StringComparer.Ordinal);
        _urls = new UrlFilter(settings);
        _stripper = settings.StripUrls ? new UrlStripper(settings.UrlTlds) : null;
        _stopWords = new StopWordSet(settings.StopWords, settings.DistinctStopWords);
        _repetition = new GopherRepetition(settings, IsOn);
        _modifiers = new LineModifiers(settings);
        _domainOn = IsOn(HeuristicRule.UrlBannedDomain);
        _substringOn = IsOn(HeuristicRule.UrlBannedSubstring);
        _hardOn = IsOn(HeuristicRule.UrlHardWord);
        _softOn = IsOn(HeuristicRule.UrlSoftWords);
        _emptyOn = IsOn(HeuristicRule.Empty);
        _languageOn = IsOn(HeuristicRule.Language);
        _pageLengthOn = IsOn(HeuristicRule.PageLength);
        _meanLengthOn = IsOn(HeuristicRule.MeanWordLength);
        _symbolOn = IsOn(HeuristicRule.SymbolRatio);
        _bulletOn = IsOn(HeuristicRule.BulletLines);
        _ellipsisOn = IsOn(HeuristicRule.EllipsisLines);
        _nonAlphabeticOn = IsOn(HeuristicRule.NonAlphabeticWords);
        _stopWordsOn = IsOn(HeuristicRule.StopWords);
        _capOn = IsOn(HeuristicRule.LineModifierCap);
        if (settings.Enabled && _languageOn)
        {
            _detector = detector ?? LanguageDetectors.Create(settings.LanguageDetector);
        }
    }

    /// <summary>Every rule name, in the order the rules are applied.</summary>
    public static IReadOnlyList<string> RuleNames => HeuristicRule.All;

    public HeuristicResult Apply(string text, string? url)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!_settings.Enabled)
        {
            return new(true, null, text);
        }

        if (!string.IsNullOrWhiteSpace(url) && UrlRule(url) is { } urlRule)
        {
            return new(false, urlRule, text);
        }

        if (_stripper is not null)
        {
            text = _stripper.Strip(text);
        }

        text = NewlineCollapser.Collapse(text, _settings.MaxConsecutiveNewlines);
        if (_emptyOn && text.AsSpan().IsWhiteSpace())
        {
            return Reject(HeuristicRule.Empty, text);
        }

        if (_languageOn)
        {
            var (language, probability) = _detector!.Detect(text);
            if (language != _settings.Language || !(probability > _settings.LanguageThreshold))
            {
                return Reject(HeuristicRule.Language, text);
            }
        }

        var tokens = TokenStatistics.Measure(text, _stopWordsOn ? _stopWords : null);
        var scratch = HeuristicScratch.Current;
        TextSegments.Lines(text, scratch.Lines);
        if (QualityRule(text, tokens, scratch.Lines) is { } qualityRule)
        {
            return Reject(qualityRule, text);
        }

        if (_repetition.Check(text, scratch.Lines, scratch) is { } repetitionRule)
        {
            return Reject(repetitionRule, text);
        }

        var modified = _modifiers.Apply(text);
        if (_capOn)
        {
            var before = tokens.Words;
            var after = ReferenceEquals(modified, text) ? before : TokenStatistics.CountWords(modified);
            if (before == 0 || (double)(before - after) / before > _settings.MaxRemovedWordRatio)
            {
                return Reject(HeuristicRule.LineModifierCap, modified);
            }
        }

        if (_emptyOn && modified.AsSpan().IsWhiteSpace())
        {
            return Reject(HeuristicRule.Empty, modified);
        }

        return new(true, null, modified);
    }

    private bool IsOn(string rule) => !_skipped.Contains(rule);

    private static HeuristicResult Reject(string rule, string text) => new(false, rule, text);

    private string? UrlRule(string url) =>
        _domainOn && _urls.BannedDomain(url) ? HeuristicRule.UrlBannedDomain
        : _substringOn && _urls.BannedSubstring(url) ? HeuristicRule.UrlBannedSubstring
        : _hardOn && _urls.HardWord(url) ? HeuristicRule.UrlHardWord
        : _softOn && _urls.SoftWords(url) ? HeuristicRule.UrlSoftWords
        : null;

    private string? QualityRule(string text, TokenStatistics tokens, List<TextSpan> lines)
    {
        var s = _settings;
        if (_pageLengthOn && (tokens.Words < s.MinWords || tokens.Words > s.MaxWords))
        {
            return HeuristicRule.PageLength;
        }

        if (_meanLengthOn && (tokens.Tokens == 0 || tokens.MeanTokenLength < s.MinMeanWordLength || tokens.MeanTokenLength > s.MaxMeanWordLength))
        {
            return HeuristicRule.MeanWordLength;
        }

        if (_symbolOn && (tokens.Tokens == 0 || (double)LineMarks.CountSymbols(text) / tokens.Tokens > s.MaxSymbolWordRatio))
        {
            return HeuristicRule.SymbolRatio;
        }

        if (_bulletOn || _ellipsisOn)
        {
            int bullets = 0, ellipses = 0;
            foreach (var line in lines)
            {
                var span = text.AsSpan(line.Start, line.Length);
                bullets += LineMarks.StartsWithBullet(span) ? 1 : 0;
                ellipses += LineMarks.EndsWithEllipsis(span) ? 1 : 0;
            }

            if (_bulletOn && bullets > s.MaxBulletLineRatio * lines.Count)
            {
                return HeuristicRule.BulletLines;
            }

            if (_ellipsisOn && ellipses > s.MaxEllipsisLineRatio * lines.Count)
            {
                return HeuristicRule.EllipsisLines;
            }
        }

        if (_nonAlphabeticOn && (tokens.Tokens == 0 || (double)tokens.NonAlphabetic / tokens.Tokens > s.MaxNonAlphabeticWordRatio))
        {
            return HeuristicRule.NonAlphabeticWords;
        }

        if (_stopWordsOn && tokens.StopWords < s.MinStopWords)
        {
            return HeuristicRule.StopWords;
        }

        return null;
    }
}
