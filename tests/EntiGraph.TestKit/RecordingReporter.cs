using EntiGraph.Engine.Running;

namespace EntiGraph.TestKit;

/// <summary>Keeps what a run reported, so tests can assert which stages were hits and why others missed.</summary>
public sealed class RecordingReporter : IRunReporter
{
    public List<string> UpToDateStages { get; } = [];

    public List<string> BuiltStages { get; } = [];

    public Dictionary<string, IReadOnlyList<string>> Reasons { get; } = [];

    public List<string> Messages { get; } = [];

    public void UpToDate(string experiment, string stage, string key) => UpToDateStages.Add($"{experiment}/{stage}");

    public void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons) =>
        Reasons[$"{experiment}/{stage}"] = reasons;

    public void Built(string experiment, string stage, string key, TimeSpan elapsed) => BuiltStages.Add($"{experiment}/{stage}");

    public void Failed(string experiment, string stage, Exception error) => Messages.Add($"failed {experiment}/{stage}: {error.Message}");

    public void Info(string message) => Messages.Add(message);

    public IProgressTask Progress(string description, long total, string unit) =>
        SilentReporter.Instance.Progress(description, total, unit);
}
