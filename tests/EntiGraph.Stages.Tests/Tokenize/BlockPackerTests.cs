using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class BlockPackerTests : IDisposable
{
    private const int BlockSize = 7;

    private readonly TempWorkspace _workspace = new();

    private string PathOf(string name) => Path.Combine(_workspace.Root, name);

    // 50,000 tokens in documents of uneven length: blocks straddle documents and the packer's 16K-token chunks.
    private static void Fill(BlockPacker packer)
    {
        var next = 0;
        for (var length = 1; next < 50_000; length = (length * 7 % 997) + 1)
        {
            var document = Enumerable.Range(next, Math.Min(length, 50_000 - next)).ToArray();
            if (document.Length % 3 == 0)
            {
                foreach (var token in document)
                {
                    packer.Add(token);
                }
            }
            else
            {
                packer.Add(document);
            }

            next += document.Length;
        }
    }

    [Theory]
    [InlineData(BlockPacker.DefaultMemoryTokens, false)]
    [InlineData(0L, true)]
    [InlineData(20_000L, true)]
    public void Writes_the_stream_in_order_in_memory_or_spilled(long memoryTokens, bool spills)
    {
        var scratch = PathOf("stream.bin");
        using (var packer = new BlockPacker(scratch, BlockSize, memoryTokens))
        {
            Fill(packer);
            Assert.Equal(50_000, packer.Tokens);
            Assert.Equal(50_000 / BlockSize, packer.Blocks);
            Assert.Equal(50_000 % BlockSize, packer.DroppedTail);
            Assert.Equal(spills, packer.Spilled);
            Assert.Equal(spills, File.Exists(scratch));

            using (var shard = new TokenShard.Writer(PathOf("all.bin"), TokenShard.Dtype.UInt16, BlockSize))
            {
                packer.WriteTo(shard);
            }

            Assert.Throws<InvalidOperationException>(() => packer.Add(1));
        }

        Assert.False(File.Exists(scratch));
        Assert.Equal(Enumerable.Range(0, 50_000 / BlockSize * BlockSize), TokenShard.Read(PathOf("all.bin")).Tokens);
    }

    [Fact]
    public void Split_deals_whole_blocks_and_does_not_depend_on_where_the_stream_was_kept()
    {
        byte[] Split(long memoryTokens, string name)
        {
            using var packer = new BlockPacker(PathOf($"{name}.stream"), BlockSize, memoryTokens);
            Fill(packer);
            using (var train = new TokenShard.Writer(PathOf($"{name}.train"), TokenShard.Dtype.UInt32, BlockSize))
            using (var validation = new TokenShard.Writer(PathOf($"{name}.val"), TokenShard.Dtype.UInt32, BlockSize))
            {
                Assert.Equal(Math.Round(packer.Blocks * 0.1), packer.Split(train, validation, 0.1, seed: 5));
            }

            return [.. File.ReadAllBytes(PathOf($"{name}.train")), .. File.ReadAllBytes(PathOf($"{name}.val"))];
        }

        Assert.Equal(Split(BlockPacker.DefaultMemoryTokens, "memory"), Split(0, "spilled"));

        var blocks = TokenShard.Read(PathOf("memory.train")).Tokens.Concat(TokenShard.Read(PathOf("memory.val")).Tokens)
            .Chunk(BlockSize).Select(b => b[0] / BlockSize).Order();
        Assert.Equal(Enumerable.Range(0, 50_000 / BlockSize), blocks);
    }

    public void Dispose() => _workspace.Dispose();
}
