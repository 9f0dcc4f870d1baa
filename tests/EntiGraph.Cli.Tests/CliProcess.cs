using System.Diagnostics;
using System.Text;

namespace EntiGraph.Cli.Tests;

/// <summary>The entigraph command over the test stages, run as a real separate process.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The command over the test stages (numbers, power, total).</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        StartHost("EntiGraph.TestPipeline.dll", workingDirectory, environment, args);

    /// <summary>The real <c>entigraph</c> command over the standard pipeline.</summary>
    public static CliProcess StartEntigraph(string workingDirectory, params string[] args) =>
        StartHost("entigraph.dll", workingDirectory, null, args);

    private static CliProcess StartHost(string dll, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, dll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Start(workingDirectory, null, args);
        var exitCode = await process.WaitAsync();
        return (exitCode, process.Output);
    }

    public async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync();
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL on Unix: no handler runs, nothing is flushed or cleaned up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
