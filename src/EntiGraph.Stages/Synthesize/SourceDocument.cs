namespace EntiGraph.Stages.Synthesize;

/// <summary>A document to synthesize from: its id, the title the prompts name, and its text.</summary>
public sealed record SourceDocument(string Id, string Title, string Text);
