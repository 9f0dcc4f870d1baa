using System.Globalization;
using System.Text;

namespace EntiGraph.Stages.Train;

/// <summary>One optimizer step as logged: what it trained on and how the loss went.</summary>
public sealed record TrainLogRow(long Step, double Epoch, long Tokens, double LearningRate, double Loss, double GradientNorm, double? ValidationLoss);

/// <summary>
/// The step log. train_log.csv holds only values that a CPU run reproduces bit for bit (floats written
/// round-trip), so it is part of the artifact's content; wall-clock throughput goes to its own file.
/// </summary>
public sealed class TrainLog
{
    public const string FileName = "train_log.csv";
    public const string ThroughputFileName = "throughput.csv";
    private const string Header = "step,epoch,tokens,learning_rate,loss,grad_norm,val_loss";
    private const string ThroughputHeader = "step,seconds,tokens_per_second";

    public List<TrainLogRow> Rows { get; } = [];

    /// <summary>Per step: seconds since the run (or its resumed part) began, and tokens per second of the step.</summary>
    public List<(long Step, double Seconds, double TokensPerSecond)> Throughput { get; } = [];

    public void Write(string directory)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in Rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Step},{Number(row.Epoch)},{row.Tokens},{Number(row.LearningRate)},{Number(row.Loss)},{Number(row.GradientNorm)},{(row.ValidationLoss is { } v ? Number(v) : "")}\n");
        }
        File.WriteAllText(Path.Combine(directory, FileName), text.ToString());

        var throughput = new StringBuilder(ThroughputHeader).Append('\n');
        foreach (var (step, seconds, rate) in Throughput)
        {
            throughput.Append(CultureInfo.InvariantCulture, $"{step},{seconds:F3},{rate:F1}\n");
        }
        File.WriteAllText(Path.Combine(directory, ThroughputFileName), throughput.ToString());
    }

    /// <summary>Reads the log a checkpoint saved, so a resumed run's log continues it exactly.</summary>
    public static TrainLog Read(string directory)
    {
        var log = new TrainLog();
        var path = Path.Combine(directory, FileName);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
            throw new InvalidDataException($"{path}: line 1: expected the header \"{Header}\"");
        for (int i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != 7)
                throw new InvalidDataException($"{path}: line {i + 1}: expected 7 values, found {cells.Length}");
            log.Rows.Add(new TrainLogRow(
                long.Parse(cells[0], CultureInfo.InvariantCulture),
                double.Parse(cells[1], CultureInfo.InvariantCulture),
                long.Parse(cells[2], CultureInfo.InvariantCulture),
                double.Parse(cells[3], CultureInfo.InvariantCulture),
                double.Parse(cells[4], CultureInfo.InvariantCulture),
                double.Parse(cells[5], CultureInfo.InvariantCulture),
                cells[6].Length == 0 ? null : double.Parse(cells[6], CultureInfo.InvariantCulture)));
        }

        var throughputPath = Path.Combine(directory, ThroughputFileName);
        if (File.Exists(throughputPath))
        {
            foreach (var line in File.ReadLines(throughputPath).Skip(1))
            {
                var cells = line.Split(',');
                log.Throughput.Add((long.Parse(cells[0], CultureInfo.InvariantCulture), double.Parse(cells[1], CultureInfo.InvariantCulture), double.Parse(cells[2], CultureInfo.InvariantCulture)));
            }
        }
        return log;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
