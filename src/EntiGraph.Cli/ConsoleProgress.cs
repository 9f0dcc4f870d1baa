using EntiGraph.Engine.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EntiGraph.Cli;

/// <summary>
/// A Spectre.Console progress bar with count, rate and ETA. The engine reports progress from inside a
/// stage, so the live display runs on its own thread and polls a counter until the work is disposed.
/// </summary>
internal sealed class ConsoleProgress : IProgressTask
{
    private readonly Task _display;
    private readonly CancellationTokenSource _done = new();
    private long _count;

    public ConsoleProgress(IAnsiConsole console, string description, long total, string unit)
    {
        _display = Task.Run(() => console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(unit), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: Math.Max(total, 1));
                while (!_done.IsCancellationRequested)
                {
                    task.Value = Interlocked.Read(ref _count);
                    _done.Token.WaitHandle.WaitOne(100);
                }

                task.Value = Interlocked.Read(ref _count);
                task.StopTask();
            }));
    }

    public void Advance(long amount) => Interlocked.Add(ref _count, amount);

    public void Dispose()
    {
        _done.Cancel();
        _display.Wait();
        _done.Dispose();
    }

    private sealed class CountColumn(string unit) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            var rate = task.Speed is { } speed ? $"{speed:0.#} {unit}/s" : "";
            return new Markup(Markup.Escape($"{task.Value:0}/{task.MaxValue:0} {unit} {rate}"));
        }
    }
}
