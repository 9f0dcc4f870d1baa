using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Train;

/// <summary>
/// Instruction pairs for supervised fine-tuning: BOS, the templated prompt, the response, EOS, with the
/// loss on the response and EOS only. Examples are padded per micro-batch to the longest one, and the
/// padding carries no loss. A seeded share is held out for the validation loss.
/// </summary>
public sealed class SftData : ITrainingData
{
    private readonly List<(long[] Ids, long[] Labels)> _train;
    private readonly List<(long[] Ids, long[] Labels)> _validation;
    private readonly long _pad;

    private SftData(List<(long[], long[])> train, List<(long[], long[])> validation, long pad, int contextLength)
    {
        _train = train;
        _validation = validation;
        _pad = pad;
        ContextLength = contextLength;
    }

    public int Count => _train.Count;

    public int ContextLength { get; }

    public static SftData Load(string path, Tokenizer tokenizer, int bos, int eos, SftSettings settings, long seed)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: the instruction pairs of sft.data do not exist", path);
        var examples = new List<(long[], long[])>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonObject pair;
            try
            {
                pair = JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException("null");
            }
            catch (Exception error) when (error is JsonException or InvalidOperationException or InvalidDataException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object: {error.Message}", error);
            }
            string Text(string key, bool required) => pair[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s
                : required ? throw new InvalidDataException($"{path}:{lineNumber}: no \"{key}\" string") : "";
            var prompt = PromptTemplate.Format(settings.Template, Text("instruction", true), Text("input", false));
            var promptIds = tokenizer.EncodeToIds(prompt);
            var responseIds = tokenizer.EncodeToIds(Text("output", true));
            if (1 + promptIds.Count + 1 >= settings.MaxLength)
                throw new InvalidDataException($"{path}:{lineNumber}: the prompt alone has {promptIds.Count + 1} tokens; sft.max_length ({settings.MaxLength}) leaves no room for a response");

            // The sequence the model reads, and beside it the token each position must predict (or nothing).
            var sequence = new List<long> { bos };
            sequence.AddRange(promptIds.Select(i => (long)i));
            int responseStart = sequence.Count;
            sequence.AddRange(responseIds.Select(i => (long)i));
            sequence.Add(eos);
            if (sequence.Count > settings.MaxLength)
                sequence.RemoveRange(settings.MaxLength, sequence.Count - settings.MaxLength);
            var ids = sequence.Take(sequence.Count - 1).ToArray();
            var labels = new long[ids.Length];
            for (int t = 0; t < ids.Length; t++)
                labels[t] = t + 1 >= responseStart ? sequence[t + 1] : TrainingBatch.IgnoreIndex;
            examples.Add((ids, labels));
        }
        if (examples.Count == 0)
            throw new InvalidDataException($"{path}: no instruction pairs");

        var order = CounterRandom.Permutation(examples.Count, seed, stream: 101);
        int held = (int)Math.Round(examples.Count * settings.ValidationFraction);
        if (held >= examples.Count)
            held = examples.Count - 1;
        var validation = order.Take(held).Order().Select(i => examples[i]).ToList();
        var train = order.Skip(held).Order().Select(i => examples[i]).ToList();
        return new SftData(train, validation, eos, settings.MaxLength - 1);
    }

    public TrainingBatch Batch(IReadOnlyList<ScheduledBlock> samples) => Pad(samples.Select(s => _train[s.Block]).ToList());

    public IEnumerable<TrainingBatch> Validation(int rows)
    {
        for (int first = 0; first < _validation.Count; first += rows)
            yield return Pad(_validation.Skip(first).Take(rows).ToList());
    }

    private TrainingBatch Pad(List<(long[] Ids, long[] Labels)> rows)
    {
        int length = rows.Max(r => r.Ids.Length);
        var inputs = new long[rows.Count * length];
        var labels = new long[rows.Count * length];
        Array.Fill(inputs, _pad);
        Array.Fill(labels, TrainingBatch.IgnoreIndex);
        long counted = 0;
        for (int row = 0; row < rows.Count; row++)
        {
            rows[row].Ids.CopyTo(inputs, row * length);
            rows[row].Labels.CopyTo(labels, row * length);
            counted += rows[row].Labels.Count(l => l != TrainingBatch.IgnoreIndex);
        }
        return new TrainingBatch(inputs, labels, rows.Count, length, counted);
    }
}
