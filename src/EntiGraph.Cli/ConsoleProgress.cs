using System.Diagnostics;
using EntiGraph.Engine.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EntiGraph.Cli;

/// <summary>
/// Progress with count, rate and ETA. On a terminal it is a Spectre.Console live bar; the engine reports
/// progress from inside a stage, so the display runs on its own thread and polls a counter until the
/// work is disposed. Where output is captured (CI, a log file) a live bar shows nothing, so a plain
/// line is written every <see cref="LogInterval"/> and at the end.
/// </summary>
internal sealed class ConsoleProgress : IProgressTask
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(10);

    private readonly IAnsiConsole _console;
    private readonly string _description;
    private readonly long _total;
    private readonly string _unit;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _done = new();
    private readonly Task _display;
    private long _count;

    public ConsoleProgress(IAnsiConsole console, string description, long total, string unit)
    {
        (_console, _description, _total, _unit) = (console, description, Math.Max(total, 1), unit);
        _display = console.Profile.Capabilities.Interactive ? Task.Run(LiveBar) : Task.Run(LogLines);
    }

    public void Advance(long amount) => Interlocked.Add(ref _count, amount);

    public void Dispose()
    {
        _done.Cancel();
        _display.Wait();
        _done.Dispose();
    }

    private void LiveBar() => _console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new CountColumn(_unit), new RemainingTimeColumn())
        .Start(context =>
        {
            var task = context.AddTask(_description, maxValue: _total);
            while (!_done.IsCancellationRequested)
            {
                task.Value = Interlocked.Read(ref _count);
                _done.Token.WaitHandle.WaitOne(100);
            }

            task.Value = Interlocked.Read(ref _count);
            task.StopTask();
        });

    private void LogLines()
    {
        while (!_done.Token.WaitHandle.WaitOne(LogInterval))
        {
            WriteLine();
        }

        WriteLine();
    }

    private void WriteLine()
    {
        var count = Interlocked.Read(ref _count);
        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? count / seconds : 0;
        var eta = rate > 0 && count < _total ? $", ETA {TimeSpan.FromSeconds((_total - count) / rate):hh\\:mm\\:ss}" : "";
        _console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_description}: {count}/{_total} {_unit} in {seconds:0.0} s ({rate:0.#} {_unit}/s{eta})"));
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
