using System.Buffers.Binary;
using EntiGraph.Stages.Tokenize;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Tokenize;

public sealed class TokenShardTests : IDisposable
{
    private readonly TempWorkspace _workspace = new();

    [Theory]
    [InlineData(2048, TokenShard.Dtype.UInt16, 65534)]
    [InlineData(100277, TokenShard.Dtype.UInt32, 100276)]
    public void Writes_and_reads_back(int vocabularySize, TokenShard.Dtype expected, int largest)
    {
        var path = Path.Combine(_workspace.Root, "shard.bin");
        var dtype = TokenShard.DtypeFor(vocabularySize);
        Assert.Equal(expected, dtype);
        int[] tokens = [0, 1, 2, 300, largest, 7];
        using (var writer = new TokenShard.Writer(path, dtype, 3))
        {
            writer.Write(tokens.AsSpan(0, 4));
            writer.Write(tokens.AsSpan(4));
        }

        Assert.Equal(TokenShard.HeaderBytes + (tokens.Length * TokenShard.BytesPerToken(dtype)), new FileInfo(path).Length);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(20241123, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        var shard = TokenShard.Read(path);
        Assert.Equal(tokens, shard.Tokens);
        Assert.Equal(3, shard.BlockSize);
        Assert.Equal(dtype, shard.Type);
    }

    [Fact]
    public void Rejects_truncated_wrong_magic_and_wrong_version_files()
    {
        var path = Path.Combine(_workspace.Root, "shard.bin");
        using (var writer = new TokenShard.Writer(path, TokenShard.Dtype.UInt16, 2))
        {
            writer.Write([5, 6, 7, 8]);
        }

        var good = File.ReadAllBytes(path);

        File.WriteAllBytes(path, good[..^1]);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => TokenShard.Read(path)).Message);

        File.WriteAllBytes(path, good[..100]);
        Assert.Contains("shorter than the 1024-byte header", Assert.Throws<InvalidDataException>(() => TokenShard.Read(path)).Message);

        var wrongMagic = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(wrongMagic, 12345);
        File.WriteAllBytes(path, wrongMagic);
        Assert.Contains("magic number 12345", Assert.Throws<InvalidDataException>(() => TokenShard.Read(path)).Message);

        var wrongVersion = (byte[])good.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(wrongVersion.AsSpan(4), 9);
        File.WriteAllBytes(path, wrongVersion);
        Assert.Contains("format version 9", Assert.Throws<InvalidDataException>(() => TokenShard.Read(path)).Message);
    }

    [Fact]
    public void Refuses_a_token_that_does_not_fit_the_dtype()
    {
        var path = Path.Combine(_workspace.Root, "shard.bin");
        using var writer = new TokenShard.Writer(path, TokenShard.Dtype.UInt16, 2);
        Assert.Throws<OverflowException>(() => writer.Write([70000]));
    }

    public void Dispose() => _workspace.Dispose();
}
