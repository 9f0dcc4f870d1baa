using static TorchSharp.torch;

namespace EntiGraph.Stages.Train;

/// <summary>
/// One micro-batch on the CPU: input ids and next-token labels, both [rows, length] int64, with
/// <see cref="IgnoreIndex"/> where a position must not count (prompt tokens, padding).
/// </summary>
public sealed record TrainingBatch(long[] Inputs, long[] Labels, int Rows, int Length, long CountedTokens)
{
    /// <summary>The label value cross-entropy skips, PyTorch's and Hugging Face's convention.</summary>
    public const long IgnoreIndex = -100;

    public (Tensor Inputs, Tensor Labels) ToTensors(Device device) =>
        (tensor(Inputs, [Rows, Length]).to(device), tensor(Labels, [Rows, Length]).to(device));
}

/// <summary>Where micro-batches come from: packed token blocks for pretraining, instruction pairs for fine-tuning.</summary>
public interface ITrainingData
{
    /// <summary>Samples in one epoch (blocks or examples).</summary>
    int Count { get; }

    /// <summary>Positions per training sequence, which the model's context must hold.</summary>
    int ContextLength { get; }

    /// <summary>Held-out micro-batches for the validation loss.</summary>
    IEnumerable<TrainingBatch> Validation(int rows);

    /// <summary>The micro-batch of the given samples.</summary>
    TrainingBatch Batch(IReadOnlyList<ScheduledBlock> samples);
}
