using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Modeling;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Tokenize;
using TorchSharp;

namespace EntiGraph.Stages.Train;

/// <summary>
/// Trains the Llama-architecture model: from scratch on the token shards, or continuing a base model
/// (another experiment's train artifact or a Hugging Face folder). Publishes the model as a Hugging Face
/// folder (model/), the step log (train_log.csv), the loss curve (loss.png) and the recipe (training.json).
/// </summary>
public sealed class TrainStage : Stage
{
    public const string ModelDirectory = "model";
    public const string RecipeFile = "training.json";
    public const string LossChartFile = "loss.png";

    public override string Name => "train";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["tokenize"];

    public override ConfigSchema Schema { get; } = TrainSettings.Schema();

    public override IReadOnlyDictionary<string, string> Versions => TorchVersions.Current;

    public override IReadOnlyCollection<string> VolatileOutputs { get; } = [TrainLog.ThroughputFileName];

    public override string Description => "Continued pretraining or fine-tuning of the Llama-architecture model in TorchSharp.";

    public override IEnumerable<string> Prerequisites(JsonObject config)
    {
        if ((string?)config["device"] == "cuda" && !TrainDevice.CudaAvailable())
            yield return "needs a CUDA GPU and a CUDA build of TorchSharp (device: cuda); see the README's \"Training on a GPU\"";
    }

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var settings = TrainSettings.From(context.Config);
        TorchRuntime.EnsureLoaded();
        if (settings.Threads > 0)
            torch.set_num_threads(settings.Threads);
        var device = TrainDevice.Resolve(settings.Device, settings.Precision);

        var tokenize = context.Inputs["tokenize"];
        var index = TokenizeIndex.Read(tokenize.File(TokenizeStage.IndexFile));
        var tokenizerFolder = tokenize.File(TokenizeStage.TokenizerDirectory);
        ITrainingData data;
        BlockData? blocks = null;
        if (settings.Objective == TrainSettings.Sft)
        {
            var tokenizer = PretrainedTokenizer.Load(tokenizerFolder);
            data = SftData.Load(context.ResolvePath(settings.SftData.Data!), tokenizer.Tokenizer, index.BosId, index.EosId, settings.SftData, context.Seed);
        }
        else
        {
            var replay = index.ShardFile("replay");
            blocks = new BlockData(
                TokenShard.Read(tokenize.File(index.ShardFile("train") ?? TokenizeStage.TrainFile)),
                TokenShard.Read(tokenize.File(index.ShardFile("val") ?? TokenizeStage.ValidationFile)),
                replay is null ? null : TokenShard.Read(tokenize.File(replay)));
            data = blocks;
        }

        var baseFolder = BaseModelFolder(context);
        using var model = baseFolder is null
            ? ModelInitializer.FromScratch(settings.Model.ToConfig(index.VocabularySize, index.BlockSize, index.BosId, index.EosId), settings.Model.InitializerRange, context.Seed)
            : LoadBase(baseFolder, tokenizerFolder, index);
        model.to(device.Device);
        if (data.ContextLength > model.Config.MaxPositionEmbeddings)
            throw new InvalidOperationException($"training sequences have {data.ContextLength} tokens, more than the model's max_position_embeddings ({model.Config.MaxPositionEmbeddings})");

        var schedule = new BlockSchedule(context.Seed, data.Count, blocks?.ReplayCount ?? 0, settings.ReplayRate, settings.BatchSize * settings.GradientAccumulation);
        using var trainer = new Trainer(model, settings, data, schedule, device.Device, device.Precision);
        var checkpoint = context.Key.Length > 0 ? new TrainingCheckpoint(Path.Combine(context.CacheDirectory, context.Key)) : null;

        var log = new TrainLog();
        long firstStep = 0;
        if (checkpoint?.Latest() is var (folder, nextStep))
        {
            log = TrainingCheckpoint.Load(folder, model, trainer.Optimizer);
            firstStep = nextStep;
            context.Reporter.Info($"train: resuming from the checkpoint at step {nextStep} of {trainer.TotalSteps}");
        }

        double validationLoss = trainer.Run(firstStep, log, checkpoint, context.Reporter, cancellationToken);

        var modelFolder = Path.Combine(context.OutputDirectory, ModelDirectory);
        ModelFolder.Write(model, modelFolder, tokenizerFolder);
        log.Write(context.OutputDirectory);
        LossChart.Save(log, context.OutputPath(LossChartFile), baseFolder is null ? "from scratch" : trainer.TotalSteps == 0 ? "untrained base" : "continued", validationLoss);
        var recipe = Recipe(settings, trainer, device, data, blocks, model, baseFolder is not null, validationLoss);
        await File.WriteAllTextAsync(context.OutputPath(RecipeFile), recipe.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);

        context.Metrics["steps"] = trainer.TotalSteps;
        context.Metrics["tokens"] = log.Rows.Count > 0 ? log.Rows[^1].Tokens : 0;
        context.Metrics["parameters"] = ModelInitializer.ParameterCount(model);
        // JSON has no NaN: an untrained base (epochs: 0) has no last step, so no final loss.
        context.Metrics["final_loss"] = log.Rows.Count > 0 ? log.Rows[^1].Loss : null;
        context.Metrics["validation_loss"] = validationLoss;
        context.Metrics["device"] = device.Name;
        context.Metrics["resumed_from_step"] = firstStep;
        var measured = log.Throughput.Where(t => t.Step > firstStep).ToList();
        context.Metrics["tokens_per_second"] = measured.Count == 0 ? 0 : Math.Round(measured.Average(t => t.TokensPerSecond), 1);
        checkpoint?.Delete();
    }

    private static string? BaseModelFolder(StageContext context)
    {
        if (context.Artifacts.TryGetValue("base_model", out var artifact))
        {
            var folder = artifact.File(ModelDirectory);
            return Directory.Exists(folder)
                ? folder
                : throw new InvalidOperationException($"base_model: the artifact {artifact.Directory} has no {ModelDirectory}/ folder; point it at another experiment's train stage");
        }
        return context.Config["base_model_path"] is JsonValue path ? context.ResolvePath(path.GetValue<string>()) : null;
    }

    private static LlamaModel LoadBase(string baseFolder, string tokenizerFolder, TokenizeIndex index)
    {
        // The shards must be in the base model's token ids: a different tokenizer gives fluent nonsense, not an error.
        var baseTokenizer = Path.Combine(baseFolder, "tokenizer.json");
        var ourTokenizer = Path.Combine(tokenizerFolder, "tokenizer.json");
        if (File.Exists(baseTokenizer) && File.Exists(ourTokenizer) && !File.ReadAllBytes(baseTokenizer).AsSpan().SequenceEqual(File.ReadAllBytes(ourTokenizer)))
            throw new InvalidOperationException(
                $"the token shards were made with another tokenizer than the base model's ({baseTokenizer}); " +
                "tokenize with the base model's tokenizer (tokenize: tokenizer: pretrained, tokenizer_from: the base experiment's tokenize)");
        var model = LlamaCheckpoint.Load(baseFolder);
        if (index.VocabularySize > model.Config.VocabSize)
        {
            var size = model.Config.VocabSize;
            model.Dispose();
            throw new InvalidOperationException($"the tokenizer has {index.VocabularySize} ids, the base model's vocabulary only {size}");
        }
        return model;
    }

    private static JsonObject Recipe(TrainSettings settings, Trainer trainer, TrainDevice device, ITrainingData data, BlockData? blocks, LlamaModel model, bool continued, double validationLoss) => new()
    {
        ["objective"] = settings.Objective,
        ["start"] = continued ? "base model" : "from scratch",
        ["parameters"] = ModelInitializer.ParameterCount(model),
        ["device"] = device.Name,
        ["precision"] = device.Precision,
        ["optimizer"] = new JsonObject
        {
            ["name"] = "AdamW",
            ["learning_rate"] = settings.LearningRate,
            ["schedule"] = "cosine",
            ["warmup_ratio"] = settings.WarmupRatio,
            ["warmup_steps"] = trainer.Schedule.WarmupSteps,
            ["min_learning_rate_ratio"] = settings.MinLearningRateRatio,
            ["weight_decay"] = settings.WeightDecay,
            ["beta1"] = settings.Beta1,
            ["beta2"] = settings.Beta2,
            ["epsilon"] = settings.Epsilon,
            ["gradient_clip"] = settings.GradientClip,
        },
        ["batch_size"] = settings.BatchSize,
        ["gradient_accumulation"] = settings.GradientAccumulation,
        ["sequence_length"] = data.ContextLength,
        ["steps"] = trainer.TotalSteps,
        ["epochs"] = settings.MaxSteps > 0 ? null : settings.Epochs,
        ["training_samples"] = data.Count,
        ["replay_rate"] = settings.ReplayRate,
        ["replay_blocks"] = blocks?.ReplayCount ?? 0,
        ["validation_loss"] = validationLoss,
    };
}
