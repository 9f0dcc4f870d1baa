namespace EntiGraph.Engine.Spec;

/// <summary>
/// A YAML value that remembers where it was written, so that validation can name the file and line
/// even after <c>extends:</c> has merged several files.
/// </summary>
public abstract record SpecNode(SourceLocation Location)
{
    public abstract string Describe();
}

/// <summary>A scalar. <see cref="Plain"/> is false for quoted scalars, which are always strings.</summary>
public sealed record SpecScalar(string Value, bool Plain, SourceLocation Location) : SpecNode(Location)
{
    /// <summary>YAML 1.2 core-schema null: empty, <c>~</c> or <c>null</c>, unquoted.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string Describe() => IsNull ? "null" : $"'{Value}'";
}

public sealed record SpecSequence(IReadOnlyList<SpecNode> Items, SourceLocation Location) : SpecNode(Location)
{
    public override string Describe() => "a list";
}

public sealed record SpecMapping(IReadOnlyList<KeyValuePair<SpecScalar, SpecNode>> Entries, SourceLocation Location)
    : SpecNode(Location)
{
    public SpecNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    public bool Contains(string key) => Entries.Any(e => e.Key.Value == key);

    public override string Describe() => "a mapping";
}
