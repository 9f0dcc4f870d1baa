namespace EntiGraph.Engine.Running;

/// <summary>What a run tells its user. The CLI draws it with Spectre.Console; tests record it.</summary>
public interface IRunReporter
{
    void UpToDate(string experiment, string stage, string key);

    void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons);

    void Built(string experiment, string stage, string key, TimeSpan elapsed);

    void Failed(string experiment, string stage, Exception error);

    void Info(string message);

    /// <summary>A unit of long work with a known total, shown with count, rate and ETA.</summary>
    IProgressTask Progress(string description, long total, string unit);
}

public interface IProgressTask : IDisposable
{
    void Advance(long amount);
}

/// <summary>Reports nothing; for library callers that want no output.</summary>
public sealed class SilentReporter : IRunReporter
{
    public static SilentReporter Instance { get; } = new();

    public void UpToDate(string experiment, string stage, string key)
    {
    }

    public void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons)
    {
    }

    public void Built(string experiment, string stage, string key, TimeSpan elapsed)
    {
    }

    public void Failed(string experiment, string stage, Exception error)
    {
    }

    public void Info(string message)
    {
    }

    public IProgressTask Progress(string description, long total, string unit) => new NoProgress();

    private sealed class NoProgress : IProgressTask
    {
        public void Advance(long amount)
        {
        }

        public void Dispose()
        {
        }
    }
}
