using System.Text.Json.Nodes;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Train;

/// <summary>
/// The train section: where the model starts, the optimisation recipe, replay, and the run's housekeeping.
/// Defaults follow the EntiGraph paper's continued-pretraining recipe scaled to a tiny CPU model
/// (AdamW, cosine decay to a tenth, warmup, weight decay 0.1, clipping at 1).
/// </summary>
public sealed record TrainSettings
{
    public const string CausalLm = "causal_lm";
    public const string Sft = "sft";

    public string Objective { get; init; } = CausalLm;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Where the cosine ends, as a share of the peak rate.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    public double WarmupRatio { get; init; } = 0.05;

    public double WeightDecay { get; init; } = 0.1;

    public double Beta1 { get; init; } = 0.9;

    public double Beta2 { get; init; } = 0.95;

    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Maximum global gradient norm; 0 turns clipping off.</summary>
    public double GradientClip { get; init; } = 1.0;

    public int BatchSize { get; init; } = 8;

    public int GradientAccumulation { get; init; } = 1;

    public int Epochs { get; init; } = 1;

    /// <summary>Optimizer steps; above 0 it overrides <see cref="Epochs"/>.</summary>
    public long MaxSteps { get; init; }

    /// <summary>The probability that a training block is swapped for a random block of the replay data.</summary>
    public double ReplayRate { get; init; }

    /// <summary>Validation loss every this many steps (and always at the end); 0: only at the end.</summary>
    public long EvalEvery { get; init; }

    public long CheckpointEvery { get; init; } = 50;

    public string Device { get; init; } = "auto";

    public string Precision { get; init; } = "auto";

    /// <summary>CPU threads for libtorch; 0 keeps the library's choice.</summary>
    public int Threads { get; init; }

    public required ModelShape Model { get; init; }

    public required SftSettings SftData { get; init; }

    public static ConfigSchema Schema() => new ConfigSchema()
        .Artifact("base_model", "continue from another experiment's train artifact (its model/ folder)")
        .Path("base_model_path", "continue from a Hugging Face model folder on disk (config.json, model.safetensors or an index of shards)")
        .Choice("objective", "causal_lm: next-token loss on the token shards; sft: loss on the response tokens of instruction pairs", [CausalLm, Sft], @default: CausalLm)
        .Section("model", "the shape of a model trained from scratch (ignored when a base model is given)", ModelShape.Schema())
        .Section("sft", "supervised fine-tuning data (objective: sft)", SftSettings.Schema())
        .Number("learning_rate", "peak learning rate of AdamW", @default: 1e-3, min: 0, max: 10)
        .Number("min_learning_rate_ratio", "the cosine decays to this share of the peak", @default: 0.1, min: 0, max: 1)
        .Number("warmup_ratio", "share of the steps spent warming up linearly from 0", @default: 0.05, min: 0, max: 1)
        .Number("weight_decay", "AdamW's decoupled weight decay, on matrices only (not norms)", @default: 0.1, min: 0)
        .Number("beta1", "AdamW beta1", @default: 0.9, min: 0, max: 1)
        .Number("beta2", "AdamW beta2", @default: 0.95, min: 0, max: 1)
        .Number("epsilon", "AdamW epsilon", @default: 1e-8, min: 0)
        .Number("gradient_clip", "maximum global gradient norm; 0 turns clipping off", @default: 1.0, min: 0)
        .Integer("batch_size", "blocks per micro-batch", @default: 8, min: 1, max: 1 << 16)
        .Integer("gradient_accumulation", "micro-batches per optimizer step", @default: 1, min: 1, max: 1 << 16)
        .Integer("epochs", "passes over the training blocks; 0 with a base model publishes it untrained (the comparison's base row)", @default: 1, min: 0, max: 1 << 20)
        .Integer("max_steps", "optimizer steps; above 0 it overrides epochs", @default: 0, min: 0)
        .Number("replay_rate", "probability that a block is replaced by a random replay block (EntiGraph: 0.1)", @default: 0.0, min: 0, max: 1)
        .Integer("eval_every", "validation loss every this many steps, and at the end; 0: only at the end", @default: 0, min: 0)
        .Integer("checkpoint_every", "save a resumable checkpoint every this many steps; 0: never", @default: 50, min: 0)
        .Choice("device", "where to train: auto picks CUDA when present", ["auto", "cpu", "cuda"], @default: "auto")
        .Choice("precision", "auto: bf16 mixed precision on CUDA (float32 master weights), float32 on the CPU", ["auto", "fp32", "bf16"], @default: "auto")
        .Integer("threads", "CPU threads for libtorch; 0 keeps its default", @default: 0, min: 0, max: 1024)
        // Where checkpoints go and how many threads run change nothing the stage publishes on a given machine.
        .Unkeyed("checkpoint_every", "threads")
        .Rule(section => section["base_model"] is not null && section["base_model_path"] is not null
            ? "give base_model or base_model_path, not both"
            : null)
        .Rule(section => SectionValues.Integer(section, "epochs", 1) == 0 && SectionValues.Integer(section, "max_steps", 0) == 0
                         && section["base_model"] is null && section["base_model_path"] is null
            ? "epochs: 0 trains nothing, so it needs base_model or base_model_path (the model to publish as is)"
            : null)
        .Rule(section => SectionValues.String(section, "objective", CausalLm) == Sft && section["sft"]?["data"] is null
            ? "objective: sft needs sft.data, a JSONL file of instruction pairs"
            : null);

    public static TrainSettings From(JsonObject section)
    {
        var defaults = new TrainSettings { Model = new ModelShape(), SftData = new SftSettings() };
        return new()
        {
            Objective = SectionValues.String(section, "objective", defaults.Objective),
            LearningRate = SectionValues.Number(section, "learning_rate", defaults.LearningRate),
            MinLearningRateRatio = SectionValues.Number(section, "min_learning_rate_ratio", defaults.MinLearningRateRatio),
            WarmupRatio = SectionValues.Number(section, "warmup_ratio", defaults.WarmupRatio),
            WeightDecay = SectionValues.Number(section, "weight_decay", defaults.WeightDecay),
            Beta1 = SectionValues.Number(section, "beta1", defaults.Beta1),
            Beta2 = SectionValues.Number(section, "beta2", defaults.Beta2),
            Epsilon = SectionValues.Number(section, "epsilon", defaults.Epsilon),
            GradientClip = SectionValues.Number(section, "gradient_clip", defaults.GradientClip),
            BatchSize = SectionValues.ToInt("batch_size", SectionValues.Integer(section, "batch_size", defaults.BatchSize)),
            GradientAccumulation = SectionValues.ToInt("gradient_accumulation", SectionValues.Integer(section, "gradient_accumulation", defaults.GradientAccumulation)),
            Epochs = SectionValues.ToInt("epochs", SectionValues.Integer(section, "epochs", defaults.Epochs)),
            MaxSteps = SectionValues.Integer(section, "max_steps", defaults.MaxSteps),
            ReplayRate = SectionValues.Number(section, "replay_rate", defaults.ReplayRate),
            EvalEvery = SectionValues.Integer(section, "eval_every", defaults.EvalEvery),
            CheckpointEvery = SectionValues.Integer(section, "checkpoint_every", defaults.CheckpointEvery),
            Device = SectionValues.String(section, "device", defaults.Device),
            Precision = SectionValues.String(section, "precision", defaults.Precision),
            Threads = SectionValues.ToInt("threads", SectionValues.Integer(section, "threads", defaults.Threads)),
            Model = ModelShape.From(section["model"] as JsonObject ?? []),
            SftData = SftSettings.From(section["sft"] as JsonObject ?? []),
        };
    }
}
