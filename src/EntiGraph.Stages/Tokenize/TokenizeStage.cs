using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Turns the curated mixture into training input: trains a byte-level BPE (or loads a pretrained
/// tokenizer, or takes a tiktoken encoding), wraps each document in BOS/EOS, shuffles the documents with
/// the seed, packs the token stream into fixed-length blocks and splits the blocks into train.bin and
/// val.bin. The replay documents curate set aside are packed the same way into replay.bin.
/// </summary>
public sealed class TokenizeStage : Stage
{
    public const string TrainFile = "train.bin";
    public const string ValidationFile = "val.bin";
    public const string ReplayFile = "replay.bin";
    public const string IndexFile = "index.json";
    public const string TokenizerDirectory = "tokenizer";

    public override string Name => "tokenize";

    public override int Version => 3;

    public override IReadOnlyList<string> Needs => ["curate"];

    public override bool UsesSeed => true;

    // The encoder's output (and the tiktoken tables) come from this library: a new version may tokenize differently.
    public override IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>
    {
        ["Microsoft.ML.Tokenizers"] = LibraryVersion.Of(typeof(Microsoft.ML.Tokenizers.Tokenizer)),
    };

    public override string Description => "Tokenizes the mixture into packed token shards with a versioned header and a train/validation split, and the replay documents into a shard of their own.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Choice("tokenizer", "train a byte-level BPE on the mixture, load a pretrained tokenizer, or use a tiktoken encoding", DocumentTokenizer.Choices, @default: DocumentTokenizer.Trained)
        .Path("tokenizer_path", "with tokenizer: pretrained, a folder holding tokenizer.json, tokenizer.model (tiktoken, Llama 3) or vocab.json and merges.txt")
        .Artifact("tokenizer_from", "with tokenizer: pretrained, another experiment's tokenize or train artifact, whose tokenizer/ (else model/) folder is loaded")
        .Integer("vocab_size", "vocabulary size of the trained BPE, special tokens and the 256 bytes included", @default: 2048, min: ByteLevelBpeTrainer.MinimumVocabularySize, max: 1_000_000)
        .Integer("block_size", "tokens per packed training block", @default: 256, min: 2, max: 1 << 20)
        .Number("validation_fraction", "share of the blocks held out for validation", @default: 0.05, min: 0, max: 0.5)
        .Integer("training_documents", "how many mixture documents (after the seeded shuffle) train the BPE; absent: all", min: 1)
        .Rule(PretrainedSource);

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var choice = (string)config["tokenizer"]!;
        var blockSize = (int)(long)config["block_size"]!;
        var validationFraction = (double)config["validation_fraction"]!;
        var seed = (int)context.Seed;

        var curate = context.Inputs["curate"];
        var mixture = SeededShuffle.Shuffle(await RowsAsync(curate.File(CurateStage.MixtureFile), cancellationToken), seed);
        var documents = mixture.Select(r => r.Text).ToList();
        var tokenizerDirectory = Path.Combine(context.OutputDirectory, TokenizerDirectory);
        var trainingDocuments = config["training_documents"] is { } limit ? (int)Math.Min((long)limit, documents.Count) : documents.Count;
        var tokenizer = choice switch
        {
            DocumentTokenizer.Trained => DocumentTokenizer.Train(documents.Take(trainingDocuments), (int)(long)config["vocab_size"]!, tokenizerDirectory),
            DocumentTokenizer.Pretrained => DocumentTokenizer.FromFolder(PretrainedFolder(context), tokenizerDirectory),
            _ => DocumentTokenizer.Tiktoken(choice, tokenizerDirectory),
        };

        // Its own seed, so the replay order does not move in step with the mixture's.
        var replayPath = curate.File(CurateStage.ReplayFile);
        List<MixtureRow> replay = File.Exists(replayPath) ? SeededShuffle.Shuffle(await RowsAsync(replayPath, cancellationToken), unchecked(seed + 2)) : [];

        var work = Path.Combine(context.OutputDirectory, ".work");
        Directory.CreateDirectory(work);
        try
        {
            var dtype = TokenShard.DtypeFor(tokenizer.VocabularySize);
            long validationBlocks;
            using var packer = new BlockPacker(Path.Combine(work, "stream.bin"), blockSize);
            var tokensByOrigin = Encode(context, tokenizer, mixture, packer, "tokenize: encoding", cancellationToken);
            using (var train = new TokenShard.Writer(context.OutputPath(TrainFile), dtype, blockSize))
            using (var validation = new TokenShard.Writer(context.OutputPath(ValidationFile), dtype, blockSize))
            {
                // Its own seed, so the split does not move in step with the document order.
                validationBlocks = packer.Split(train, validation, validationFraction, unchecked(seed + 1));
            }

            var shards = new List<(string Split, string File, long Blocks)>
            {
                ("train", TrainFile, packer.Blocks - validationBlocks),
                ("val", ValidationFile, validationBlocks),
            };

            // Written whenever curate set replay documents aside, even if they fill no block: a shard of
            // none says "too short", where a missing shard says "no replay".
            long replayBlocks = 0, replayTokens = 0;
            if (replay.Count > 0)
            {
                using var replayPacker = new BlockPacker(Path.Combine(work, "replay-stream.bin"), blockSize);
                Encode(context, tokenizer, replay, replayPacker, "tokenize: encoding replay", cancellationToken);
                using (var shard = new TokenShard.Writer(context.OutputPath(ReplayFile), dtype, blockSize))
                {
                    replayPacker.WriteTo(shard);
                }

                (replayBlocks, replayTokens) = (replayPacker.Blocks, replayPacker.Tokens);
                shards.Add(("replay", ReplayFile, replayBlocks));
            }

            await File.WriteAllTextAsync(context.OutputPath(IndexFile), Index(tokenizer, dtype, blockSize, shards)
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

            context.Metrics["documents"] = documents.Count;
            context.Metrics["tokenizer_training_documents"] = choice == DocumentTokenizer.Trained ? trainingDocuments : 0;
            context.Metrics["tokens"] = packer.Tokens;
            context.Metrics["tokens_by_origin"] = new JsonObject(tokensByOrigin.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
            context.Metrics["train_blocks"] = shards[0].Blocks;
            context.Metrics["val_blocks"] = validationBlocks;
            context.Metrics["dropped_tail_tokens"] = packer.DroppedTail;
            context.Metrics["replay_documents"] = replay.Count;
            context.Metrics["replay_tokens"] = replayTokens;
            context.Metrics["replay_blocks"] = replayBlocks;
            context.Metrics["vocab_size"] = tokenizer.VocabularySize;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // tokenizer_path and tokenizer_from choose the pretrained tokenizer, so they belong with that choice only.
    private static string? PretrainedSource(JsonObject section)
    {
        string[] sources = ["tokenizer_path", "tokenizer_from"];
        var given = sources.Where(section.ContainsKey).ToList();
        if ((string?)section["tokenizer"] != DocumentTokenizer.Pretrained)
        {
            return given.Count == 0 ? null : $"{given[0]} is read only with tokenizer: {DocumentTokenizer.Pretrained}";
        }

        return given.Count switch
        {
            1 => null,
            0 => $"tokenizer: {DocumentTokenizer.Pretrained} needs one of: {string.Join(", ", sources)}",
            _ => $"give only one of: {string.Join(", ", given)}",
        };
    }

    private static string PretrainedFolder(StageContext context)
    {
        if (context.Config["tokenizer_path"] is { } path)
        {
            return context.ResolvePath((string)path!);
        }

        var artifact = context.Artifacts["tokenizer_from"];
        foreach (var folder in new[] { TokenizerDirectory, Train.TrainStage.ModelDirectory })
        {
            if (Directory.Exists(artifact.File(folder)))
            {
                return artifact.File(folder);
            }
        }

        throw new DirectoryNotFoundException(
            $"{artifact.Directory}: the {artifact.Manifest.Stage} artifact named by tokenizer_from has no {TokenizerDirectory}/ or {Train.TrainStage.ModelDirectory}/ folder");
    }

    private static async Task<List<MixtureRow>> RowsAsync(string parquet, CancellationToken cancellationToken)
    {
        var rows = new List<MixtureRow>();
        await foreach (var row in ParquetRows.ReadAsync<MixtureRow>(parquet, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    // Tokens per origin (domain, synthetic, replay): the card's data table and the comparison's x axis.
    private static Dictionary<string, long> Encode(StageContext context, DocumentTokenizer tokenizer, List<MixtureRow> documents, BlockPacker packer, string step, CancellationToken cancellationToken)
    {
        var byOrigin = new Dictionary<string, long>(StringComparer.Ordinal);
        using var progress = context.Reporter.Progress(step, documents.Count, "documents");
        foreach (var document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byOrigin[document.Origin] = byOrigin.GetValueOrDefault(document.Origin) + tokenizer.Encode(document.Text, packer);
            progress.Advance(1);
        }

        return byOrigin;
    }

    private static JsonObject Index(DocumentTokenizer tokenizer, TokenShard.Dtype dtype, int blockSize, List<(string Split, string File, long Blocks)> shards)
    {
        var index = new JsonObject
        {
            ["format_version"] = TokenShard.FormatVersion,
            ["tokenizer"] = tokenizer.Name,
        };
        if (tokenizer.Format is { } format)
        {
            index["tokenizer_format"] = format;
        }

        index["tokenizer_directory"] = TokenizerDirectory;
        index["vocab_size"] = tokenizer.VocabularySize;
        index["dtype"] = dtype == TokenShard.Dtype.UInt16 ? "uint16" : "uint32";
        index["block_size"] = blockSize;
        index["bos_id"] = tokenizer.BosId;
        index["eos_id"] = tokenizer.EosId;
        index["pad_id"] = tokenizer.PadId;
        index["shards"] = new JsonArray(shards.Select(s => (JsonNode)new JsonObject
        {
            ["split"] = s.Split,
            ["file"] = s.File,
            ["blocks"] = s.Blocks,
            ["tokens"] = s.Blocks * blockSize,
        }).ToArray());
        return index;
    }
}
