namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>Builds the detector a <c>language_detector</c> setting names.</summary>
public static class LanguageDetectors
{
    public const string FastTextUnavailable =
        "language_detector: fasttext is not available in this build of EntiGraph: it needs a fastText runtime for .NET " +
        "and the lid.176.bin language model (https://dl.fbaipublicfiles.com/fasttext/supervised-models/lid.176.bin); " +
        "use language_detector: stopwords, or give HeuristicPipeline an ILanguageDetector";

    public static ILanguageDetector Create(string name) => name switch
    {
        HeuristicSettings.StopwordDetector => StopwordLanguageDetector.Instance,
        HeuristicSettings.FastTextDetector => throw new NotSupportedException(FastTextUnavailable),
        _ => throw new ArgumentException($"unknown language detector '{name}'; known: {HeuristicSettings.StopwordDetector}, {HeuristicSettings.FastTextDetector}", nameof(name)),
    };
}
