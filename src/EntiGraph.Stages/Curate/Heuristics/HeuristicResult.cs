namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// What the heuristics decided for one document. <paramref name="Rule"/> names the first rule that
/// rejected it (one of <see cref="HeuristicPipeline.RuleNames"/>), null when kept. <paramref name="Text"/>
/// is the text after the cleanup and the line modifiers when kept; when rejected, the text as it stood
/// when the rule looked at it.
/// </summary>
public readonly record struct HeuristicResult(bool Keep, string? Rule, string Text);
