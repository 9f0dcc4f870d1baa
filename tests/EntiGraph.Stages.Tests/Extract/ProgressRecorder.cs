using EntiGraph.Engine.Running;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Extract;

/// <summary>A reporter that also keeps each progress bar: its description, total, unit and how far it got.</summary>
internal sealed class ProgressRecorder : IRunReporter
{
    private readonly RecordingReporter _inner = new();

    public List<Bar> Bars { get; } = [];

    public List<string> Messages => _inner.Messages;

    public void UpToDate(string experiment, string stage, string key) => _inner.UpToDate(experiment, stage, key);

    public void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons) =>
        _inner.Rebuilding(experiment, stage, key, reasons);

    public void Built(string experiment, string stage, string key, TimeSpan elapsed) => _inner.Built(experiment, stage, key, elapsed);

    public void Failed(string experiment, string stage, Exception error) => _inner.Failed(experiment, stage, error);

    public void Info(string message) => _inner.Info(message);

    public IProgressTask Progress(string description, long total, string unit)
    {
        var bar = new Bar(description, total, unit);
        Bars.Add(bar);
        return bar;
    }

    internal sealed class Bar(string description, long total, string unit) : IProgressTask
    {
        public string Description { get; } = description;

        public long Total { get; } = total;

        public string Unit { get; } = unit;

        public long Done { get; private set; }

        public void Advance(long amount) => Done += amount;

        public void Dispose()
        {
        }
    }
}
