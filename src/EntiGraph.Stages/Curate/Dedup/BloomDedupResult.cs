namespace EntiGraph.Stages.Curate.Dedup;

/// <summary>
/// What BFF left of a document: <see cref="Text"/> is null when the whole document went (or nothing
/// but whitespace was left). <see cref="ParagraphsRemoved"/> counts the paragraphs the per-paragraph
/// check dropped, also when the document went as a whole.
/// </summary>
public readonly record struct BloomDedupResult(string? Text, int ParagraphsRemoved);
