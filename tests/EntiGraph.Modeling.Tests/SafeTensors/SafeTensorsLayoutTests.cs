using System.Buffers.Binary;
using System.Text;
using EntiGraph.Modeling.SafeTensors;
using TorchSharp;

namespace EntiGraph.Modeling.Tests.SafeTensors;

/// <summary>Byte-level checks against the format's description, independent of our own reader.</summary>
public class SafeTensorsLayoutTests : IClassFixture<SafeTensorsTestFiles>
{
    private const string ExpectedJson =
        "{\"__metadata__\":{\"format\":\"pt\"},"
        + "\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[3,11]}}";

    private static readonly byte[] ExpectedData = [1, 2, 3, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40]; // U8 1,2,3 then F32 1.0, 2.0

    private readonly SafeTensorsTestFiles _files;

    public SafeTensorsLayoutTests(SafeTensorsTestFiles files)
    {
        _files = files;
        TorchRuntime.EnsureLoaded();
    }

    [Fact]
    public void Write_produces_the_exact_bytes_of_the_format()
    {
        using var b = torch.tensor(new float[] { 1, 2 });
        using var a = torch.tensor(new byte[] { 1, 2, 3 });
        string path = _files.PathFor("known.safetensors");

        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["b"] = b, ["a"] = a }, new Dictionary<string, string> { ["format"] = "pt" });

        byte[] bytes = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)headerLength);
        Assert.Equal(ExpectedJson, header.TrimEnd(' '));
        Assert.Equal(new string(' ', (int)headerLength - ExpectedJson.Length), header[ExpectedJson.Length..]);
        Assert.InRange((int)headerLength - ExpectedJson.Length, 0, 7);
        Assert.Equal(ExpectedData, bytes[(8 + (int)headerLength)..]);
    }

    [Fact]
    public void Hand_built_file_parses_even_unpadded_and_in_another_key_order()
    {
        // Offsets deliberately not in key order, and no padding: other writers may do either.
        string json = "{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[3,11]},"
            + "\"a\":{\"shape\":[3],\"dtype\":\"U8\",\"data_offsets\":[0,3]},\"__metadata__\":{\"format\":\"pt\"}}";
        Assert.NotEqual(0, Encoding.UTF8.GetByteCount(json) % 8);
        string path = _files.WriteFile("hand.safetensors", SafeTensorsTestFiles.Build(json, ExpectedData));

        using var reader = SafeTensorsFile.Read(path);

        Assert.Equal(new[] { "a", "b" }, reader.Names);
        Assert.Equal("pt", reader.Metadata["format"]);
        Assert.Equal(torch.ScalarType.Byte, reader.DType("a"));
        Assert.Equal(torch.ScalarType.Float32, reader.DType("b"));
        Assert.Equal(new long[] { 3 }, reader.Shape("a"));
        using var a = reader.Tensor("a");
        using var b = reader.Tensor("b");
        Assert.Equal(new byte[] { 1, 2, 3 }, a.data<byte>().ToArray());
        Assert.Equal(new float[] { 1, 2 }, b.data<float>().ToArray());
    }

    [Fact]
    public void Empty_checkpoint_is_an_empty_object_padded_to_eight()
    {
        string path = _files.PathFor("empty.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor>(), null);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0 }, bytes[..8]);
        Assert.Equal("{}      ", Encoding.UTF8.GetString(bytes, 8, 8));
        Assert.Equal(16, bytes.Length);
        using var reader = SafeTensorsFile.Read(path);
        Assert.Empty(reader.Names);
    }
}
