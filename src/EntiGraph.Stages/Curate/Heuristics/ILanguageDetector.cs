namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// Identifies the language of a whole page: the most likely language (an ISO 639-1 code such as "en",
/// or "und" when undetermined) and the detector's probability for it. Implementations must be
/// deterministic and safe to call from several threads at once.
/// </summary>
/// <remarks>
/// DCLM uses fastText's <c>lid.176</c> here. A fastText detector would be an implementation of this
/// interface that loads <c>lid.176.bin</c> once (a path setting beside <c>language_detector: fasttext</c>),
/// runs the page through the model with newlines replaced, and returns the top label without its
/// <c>__label__</c> prefix and its softmax probability; <see cref="LanguageDetectors.Create"/> would
/// construct it. This build has no fastText runtime, so that choice fails with a message saying so.
/// </remarks>
public interface ILanguageDetector
{
    (string Language, double Probability) Detect(string text);
}
