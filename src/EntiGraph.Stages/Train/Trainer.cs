using System.Diagnostics;
using EntiGraph.Engine.Running;
using EntiGraph.Modeling.Llama;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EntiGraph.Stages.Train;

/// <summary>
/// The optimisation loop: per step, gradient accumulation over micro-batches, clipping, AdamW with the
/// scheduled learning rate; validation loss every eval_every steps and at the end; a checkpoint every
/// checkpoint_every steps. Everything that decides step s (data, rate) is a function of s, and the rest
/// (weights, moments) is in the checkpoint, so a resumed run continues exactly where a full run would be.
/// With bf16 precision the forward and backward run on a bfloat16 copy of the model while the weights,
/// the optimizer and the update stay in float32 (mixed precision with master weights): TorchSharp has no
/// autocast, and rounding every update to bfloat16 would lose the small ones.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly LlamaModel _model;
    private readonly TrainSettings _settings;
    private readonly ITrainingData _data;
    private readonly BlockSchedule _schedule;
    private readonly Device _device;
    private readonly AdamW _optimizer;
    private readonly List<Parameter> _parameters;
    private readonly LlamaModel? _working;
    private readonly List<Parameter> _workingParameters = [];

    public Trainer(LlamaModel model, TrainSettings settings, ITrainingData data, BlockSchedule schedule, Device device, string precision = "fp32")
    {
        _model = model;
        _settings = settings;
        _data = data;
        _schedule = schedule;
        _device = device;
        TotalSteps = settings.MaxSteps > 0 ? settings.MaxSteps : settings.Epochs * schedule.StepsPerEpoch;
        Schedule = new LearningRateSchedule(settings.LearningRate, TotalSteps, settings.WarmupRatio, settings.MinLearningRateRatio);

        // Decay the matrices only: shrinking a norm's scale toward 0 is not regularisation, it is damage.
        var named = model.named_parameters().ToList();
        _parameters = named.Select(p => p.parameter).ToList();
        var decayed = named.Where(p => p.parameter.dim() >= 2).Select(p => p.parameter).ToList();
        var kept = named.Where(p => p.parameter.dim() < 2).Select(p => p.parameter).ToList();
        _optimizer = optim.AdamW(
            [
                new AdamW.ParamGroup(decayed, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay, false, false),
                new AdamW.ParamGroup(kept, settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, 0, false, false),
            ],
            settings.LearningRate, settings.Beta1, settings.Beta2, settings.Epsilon, settings.WeightDecay);

        if (precision == "bf16")
        {
            _working = new LlamaModel(model.Config);
            _working.to(device);
            _working.to(ScalarType.BFloat16);
            _workingParameters = _working.named_parameters().Select(p => p.parameter).ToList();
        }
    }

    public long TotalSteps { get; }

    public void Dispose()
    {
        _optimizer.Dispose();
        _working?.Dispose();
    }

    public LearningRateSchedule Schedule { get; }

    public OptimizerHelper Optimizer => _optimizer;

    /// <summary>
    /// Runs steps [<paramref name="firstStep"/>, TotalSteps), or up to <paramref name="untilStep"/>, appending to
    /// <paramref name="log"/>; returns the last validation loss measured.
    /// </summary>
    public double Run(long firstStep, TrainLog log, TrainingCheckpoint? checkpoint, IRunReporter reporter, CancellationToken cancellationToken, long? untilStep = null)
    {
        long endStep = Math.Min(TotalSteps, untilStep ?? TotalSteps);
        var clock = Stopwatch.StartNew();
        long tokens = log.Rows.Count > 0 ? log.Rows[^1].Tokens : 0;
        double? lastValidation = null;
        using var progress = reporter.Progress("train", TotalSteps, "steps");
        progress.Advance(firstStep);
        for (long step = firstStep; step < endStep; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var stepStarted = clock.Elapsed.TotalSeconds;
            var (loss, gradientNorm, stepTokens) = Step(step);
            tokens += stepTokens;

            bool last = step == TotalSteps - 1;
            double? validation = last || (_settings.EvalEvery > 0 && (step + 1) % _settings.EvalEvery == 0) ? ValidationLoss() : null;
            lastValidation = validation ?? lastValidation;
            double epoch = (double)(step + 1) * _schedule.BlocksPerStep / _data.Count;
            log.Rows.Add(new TrainLogRow(step + 1, epoch, tokens, Schedule.At(step), loss, gradientNorm, validation));
            var seconds = clock.Elapsed.TotalSeconds;
            log.Throughput.Add((step + 1, seconds, stepTokens / Math.Max(seconds - stepStarted, 1e-9)));
            progress.Advance(1);

            if (checkpoint is not null && !last && _settings.CheckpointEvery > 0 && (step + 1) % _settings.CheckpointEvery == 0)
                checkpoint.Save(step + 1, _model, _optimizer, log);
        }

        return lastValidation ?? ValidationLoss();
    }

    /// <summary>One optimizer step: the mean loss of its micro-batches, the gradient norm before clipping, the tokens trained.</summary>
    private (double Loss, double GradientNorm, long Tokens) Step(long step)
    {
        _model.train();
        foreach (var group in _optimizer.ParamGroups)
            group.LearningRate = Schedule.At(step);

        var samples = _schedule.Step(step);
        int rows = _settings.BatchSize;
        var forward = _working ?? _model;
        if (_working is not null)
        {
            using var noGrad = no_grad();
            for (int i = 0; i < _parameters.Count; i++)
                _workingParameters[i].copy_(_parameters[i]);
            _working.train();
        }
        double lossSum = 0;
        long tokens = 0;
        for (int micro = 0; micro < _settings.GradientAccumulation; micro++)
        {
            using var scope = NewDisposeScope();
            var batch = _data.Batch(samples.AsSpan(micro * rows, rows).ToArray());
            var (inputs, labels) = batch.ToTensors(_device);
            // The loss is taken in float32 whatever the model computes in, so its softmax does not round away.
            var logits = forward.forward(inputs);
            if (logits.dtype != ScalarType.Float32)
                logits = logits.to_type(ScalarType.Float32);
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), labels.view(-1), ignore_index: TrainingBatch.IgnoreIndex);
            // Scaled so the accumulated gradient is the mean over micro-batches, as one large batch would give.
            (loss / _settings.GradientAccumulation).backward();
            lossSum += loss.item<float>();
            tokens += batch.CountedTokens;
        }

        if (_working is not null)
        {
            for (int i = 0; i < _parameters.Count; i++)
            {
                if (_workingParameters[i].grad is not { } gradient)
                    continue;
                // Into the existing buffer after the first step, so no gradient tensor is left to the finalizer.
                if (_parameters[i].grad is { } master)
                    master.copy_(gradient);
                else
                    _parameters[i].grad = gradient.to_type(ScalarType.Float32);
            }
            _working.zero_grad();
        }

        // With clipping off the norm is still measured (and logged); a factor clamped to 1 leaves the gradients as they are.
        double maxNorm = _settings.GradientClip > 0 ? _settings.GradientClip : double.MaxValue;
        double norm = nn.utils.clip_grad_norm_(_parameters, maxNorm);
        _optimizer.step();
        _optimizer.zero_grad();
        return (lossSum / _settings.GradientAccumulation, norm, tokens);
    }

    /// <summary>Mean next-token loss over the held-out batches, weighted by their counted tokens.</summary>
    public double ValidationLoss()
    {
        _model.eval();
        using var noGrad = no_grad();
        double total = 0;
        long count = 0;
        foreach (var batch in _data.Validation(_settings.BatchSize))
        {
            using var scope = NewDisposeScope();
            var (inputs, labels) = batch.ToTensors(_device);
            var logits = _model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), labels.view(-1),
                ignore_index: TrainingBatch.IgnoreIndex, reduction: nn.Reduction.Sum);
            total += loss.item<float>();
            count += batch.CountedTokens;
        }
        _model.train();
        return count == 0 ? double.NaN : total / count;
    }
}
