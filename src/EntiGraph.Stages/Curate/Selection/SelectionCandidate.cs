namespace EntiGraph.Stages.Curate.Selection;

/// <summary>A pool document offered to the selector, with its length in the tokenizer's tokens.</summary>
public sealed record SelectionCandidate(string Id, string Text, long Tokens);
