using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Engine.Running;
using EntiGraph.Engine.Spec;
using EntiGraph.Stages.Curate;
using EntiGraph.Stages.Synthesize;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Turns the curated mixture into training input: trains a byte-level BPE (or takes a tiktoken
/// encoding), wraps each document in BOS/EOS, shuffles the documents with the seed, packs the token
/// stream into fixed-length blocks and splits the blocks into train.bin and val.bin.
/// </summary>
public sealed class TokenizeStage : Stage
{
    public const string TrainFile = "train.bin";
    public const string ValidationFile = "val.bin";
    public const string IndexFile = "index.json";
    public const string TokenizerDirectory = "tokenizer";

    public override string Name => "tokenize";

    public override int Version => 1;

    public override IReadOnlyList<string> Needs => ["curate"];

    public override bool UsesSeed => true;

    // The encoder's output (and the tiktoken tables) come from this library: a new version may tokenize differently.
    public override IReadOnlyDictionary<string, string> Versions { get; } = new Dictionary<string, string>
    {
        ["Microsoft.ML.Tokenizers"] = LibraryVersion.Of(typeof(Microsoft.ML.Tokenizers.Tokenizer)),
    };

    public override string Description => "Tokenizes the mixture into packed token shards with a versioned header and a train/validation split.";

    public override ConfigSchema Schema { get; } = new ConfigSchema()
        .Choice("tokenizer", "train a byte-level BPE on the mixture, or use a tiktoken encoding", DocumentTokenizer.Choices, @default: DocumentTokenizer.Trained)
        .Integer("vocab_size", "vocabulary size of the trained BPE, special tokens and the 256 bytes included", @default: 2048, min: ByteLevelBpeTrainer.MinimumVocabularySize, max: 1_000_000)
        .Integer("block_size", "tokens per packed training block", @default: 256, min: 2, max: 1 << 20)
        .Number("validation_fraction", "share of the blocks held out for validation", @default: 0.05, min: 0, max: 0.5)
        .Integer("training_documents", "how many mixture documents (after the seeded shuffle) train the BPE; absent: all", min: 1);

    public override async Task RunAsync(StageContext context, CancellationToken cancellationToken)
    {
        var config = context.Config;
        var choice = (string)config["tokenizer"]!;
        var blockSize = (int)(long)config["block_size"]!;
        var validationFraction = (double)config["validation_fraction"]!;
        var seed = (int)context.Seed;

        var documents = new List<string>();
        await foreach (var row in ParquetRows.ReadAsync<MixtureRow>(context.Inputs["curate"].File(CurateStage.MixtureFile), cancellationToken))
        {
            documents.Add(row.Text);
        }

        documents = SeededShuffle.Shuffle(documents, seed);
        var tokenizerDirectory = Path.Combine(context.OutputDirectory, TokenizerDirectory);
        var trainingDocuments = config["training_documents"] is { } limit ? (int)Math.Min((long)limit, documents.Count) : documents.Count;
        var tokenizer = choice == DocumentTokenizer.Trained
            ? DocumentTokenizer.Train(documents.Take(trainingDocuments), (int)(long)config["vocab_size"]!, tokenizerDirectory)
            : DocumentTokenizer.Pretrained(choice, tokenizerDirectory);

        var work = Path.Combine(context.OutputDirectory, ".work");
        Directory.CreateDirectory(work);
        try
        {
            var dtype = TokenShard.DtypeFor(tokenizer.VocabularySize);
            long validationBlocks;
            using var packer = new BlockPacker(Path.Combine(work, "stream.bin"), blockSize);
            using (var progress = context.Reporter.Progress("tokenize: encoding", documents.Count, "documents"))
            {
                foreach (var document in documents)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    packer.Add(tokenizer.Encode(document));
                    progress.Advance(1);
                }
            }

            using (var train = new TokenShard.Writer(context.OutputPath(TrainFile), dtype, blockSize))
            using (var validation = new TokenShard.Writer(context.OutputPath(ValidationFile), dtype, blockSize))
            {
                // Its own seed, so the split does not move in step with the document order.
                validationBlocks = packer.Split(train, validation, validationFraction, unchecked(seed + 1));
            }

            var trainBlocks = packer.Blocks - validationBlocks;
            await File.WriteAllTextAsync(context.OutputPath(IndexFile), Index(tokenizer, dtype, blockSize, trainBlocks, validationBlocks)
                .ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);

            context.Metrics["documents"] = documents.Count;
            context.Metrics["tokenizer_training_documents"] = choice == DocumentTokenizer.Trained ? trainingDocuments : 0;
            context.Metrics["tokens"] = packer.Tokens;
            context.Metrics["train_blocks"] = trainBlocks;
            context.Metrics["val_blocks"] = validationBlocks;
            context.Metrics["dropped_tail_tokens"] = packer.DroppedTail;
            context.Metrics["vocab_size"] = tokenizer.VocabularySize;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static JsonObject Index(DocumentTokenizer tokenizer, TokenShard.Dtype dtype, int blockSize, long trainBlocks, long validationBlocks)
    {
        JsonObject Shard(string split, string file, long blocks) => new()
        {
            ["split"] = split,
            ["file"] = file,
            ["blocks"] = blocks,
            ["tokens"] = blocks * blockSize,
        };

        return new JsonObject
        {
            ["format_version"] = TokenShard.FormatVersion,
            ["tokenizer"] = tokenizer.Name,
            ["tokenizer_directory"] = TokenizerDirectory,
            ["vocab_size"] = tokenizer.VocabularySize,
            ["dtype"] = dtype == TokenShard.Dtype.UInt16 ? "uint16" : "uint32",
            ["block_size"] = blockSize,
            ["bos_id"] = tokenizer.BosId,
            ["eos_id"] = tokenizer.EosId,
            ["pad_id"] = tokenizer.PadId,
            ["shards"] = new JsonArray(Shard("train", TrainFile, trainBlocks), Shard("val", ValidationFile, validationBlocks)),
        };
    }
}
