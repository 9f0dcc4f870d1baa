using EntiGraph.Modeling.Generation;
using EntiGraph.Modeling.Llama;
using EntiGraph.Stages.Extract;
using EntiGraph.Stages.Tokenize;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// Samples the trained model: a question's samples are one batch of the same prompt, each row drawing
/// from its own stream of the question's seed, and a row stops at a stop string, at end of sequence or
/// at the token limit.
/// </summary>
public sealed class LocalAnswerSampler : IAnswerSampler
{
    private readonly LlamaModel _model;
    private readonly PretrainedTokenizer _tokenizer;
    private readonly GenerativeSettings _settings;
    private readonly int _batchSize;
    private readonly Dictionary<int, bool> _holdsLineBreak = [];
    private int _truncated;

    public LocalAnswerSampler(LlamaModel model, PretrainedTokenizer tokenizer, GenerativeSettings settings, int batchSize)
    {
        _model = model;
        _tokenizer = tokenizer;
        _settings = settings;
        _batchSize = batchSize;
        if (model.Config.MaxPositionEmbeddings - settings.MaxNewTokens < 2)
            throw new InvalidOperationException(
                $"evaluate.generative.max_new_tokens ({settings.MaxNewTokens}) leaves no room for a prompt within the model's " +
                $"{model.Config.MaxPositionEmbeddings} positions; set it below {model.Config.MaxPositionEmbeddings - 1}");
    }

    /// <summary>Prompts cut from the left to leave room for max_new_tokens within the model's context.</summary>
    public int TruncatedPrompts => _truncated;

    public Task<IReadOnlyList<AnswerSample>> SampleAsync(QuestionRow question, string prompt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int optionCount = question.Options.Count;
        var options = new GenerationOptions
        {
            MaxNewTokens = _settings.MaxNewTokens,
            Temperature = _settings.Temperature,
            TopP = _settings.TopP,
            Seed = QuestionSeed.Of(_settings.Seed, QuestionSeed.Sampling, question.QuestionId),
            StopTokenIds = [_tokenizer.Ids.Eos],
            // Every stop string ends in a line break, so only a token holding one can complete it; decoding
            // the whole row only then keeps the check from growing with every token.
            StopWhen = generated => HoldsLineBreak(generated[^1]) && AnswerParser.HasStop(_tokenizer.Tokenizer.Decode(generated), optionCount),
        };
        var ids = PromptIds(prompt);
        var prompts = Enumerable.Repeat<IReadOnlyList<int>>(ids, _settings.Samples).ToList();
        var results = TokenGenerator.Generate(_model, prompts, options, Math.Min(_batchSize, _settings.Samples));
        IReadOnlyList<AnswerSample> samples = results
            .Select(r => new AnswerSample(_tokenizer.Tokenizer.Decode(r.Tokens), Ended: r.Reason == FinishReason.StopToken))
            .ToList();
        return Task.FromResult(samples);
    }

    /// <summary>
    /// BOS and the prompt, keeping its end when it is too long: the question sits at the end, so what goes
    /// is the start of the worked examples, as lm-evaluation-harness truncates a context from the left.
    /// </summary>
    private List<int> PromptIds(string prompt)
    {
        var body = _tokenizer.Tokenizer.EncodeToIds(prompt);
        int room = _model.Config.MaxPositionEmbeddings - _settings.MaxNewTokens;
        var ids = new List<int>(Math.Min(room, body.Count + 1)) { _tokenizer.Ids.Bos };
        if (body.Count + 1 > room)
        {
            Interlocked.Increment(ref _truncated);
            ids.AddRange(body.Skip(body.Count - (room - 1)));
        }
        else
        {
            ids.AddRange(body);
        }
        return ids;
    }

    private bool HoldsLineBreak(int id)
    {
        if (!_holdsLineBreak.TryGetValue(id, out var holds))
            _holdsLineBreak[id] = holds = _tokenizer.Tokenizer.Decode([id]).Contains('\n');
        return holds;
    }
}
