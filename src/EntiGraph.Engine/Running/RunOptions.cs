namespace EntiGraph.Engine.Running;

public sealed record RunOptions
{
    /// <summary>Rebuild the target stage even if its key is in the store (its inputs are not forced).</summary>
    public bool Force { get; init; }

    /// <summary>Run the target stage only; the stages it needs must already be up to date.</summary>
    public bool Single { get; init; }

    /// <summary>How long to wait for another run holding the store lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromHours(1);
}

public enum StageState
{
    UpToDate,
    Stale,
}

/// <summary>Where one stage of one experiment stands, and why.</summary>
public sealed record StageStatus(string Experiment, string Stage, StageState State, string? Key, IReadOnlyList<string> Reasons);

/// <summary>A stage threw; nothing of it was published.</summary>
public sealed class StageFailedException(string experiment, string stage, Exception inner)
    : Exception($"{experiment}/{stage} failed: {inner.Message}", inner)
{
    public string Experiment { get; } = experiment;

    public string Stage { get; } = stage;
}
