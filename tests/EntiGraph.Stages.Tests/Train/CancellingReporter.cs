using EntiGraph.Engine.Running;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Train;

/// <summary>Cancels the run when the train progress reaches a given step: an interruption at a known point, with no timing involved.</summary>
internal sealed class CancellingReporter(CancellationTokenSource cancellation, long atStep) : IRunReporter
{
    private readonly RecordingReporter _inner = new();

    public void UpToDate(string experiment, string stage, string key) => _inner.UpToDate(experiment, stage, key);

    public void Rebuilding(string experiment, string stage, string key, IReadOnlyList<string> reasons) => _inner.Rebuilding(experiment, stage, key, reasons);

    public void Built(string experiment, string stage, string key, TimeSpan elapsed) => _inner.Built(experiment, stage, key, elapsed);

    public void Failed(string experiment, string stage, Exception error) => _inner.Failed(experiment, stage, error);

    public void Info(string message) => _inner.Info(message);

    public IProgressTask Progress(string description, long total, string unit) =>
        description == "train" ? new Counter(cancellation, atStep) : _inner.Progress(description, total, unit);

    private sealed class Counter(CancellationTokenSource cancellation, long atStep) : IProgressTask
    {
        private long _done;

        public void Advance(long amount)
        {
            _done += amount;
            if (_done >= atStep)
                cancellation.Cancel();
        }

        public void Dispose()
        {
        }
    }
}
