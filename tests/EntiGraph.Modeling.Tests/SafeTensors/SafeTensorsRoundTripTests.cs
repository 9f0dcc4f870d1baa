using EntiGraph.Modeling.SafeTensors;
using TorchSharp;

namespace EntiGraph.Modeling.Tests.SafeTensors;

public class SafeTensorsRoundTripTests : IClassFixture<SafeTensorsTestFiles>
{
    private readonly SafeTensorsTestFiles _files;

    public SafeTensorsRoundTripTests(SafeTensorsTestFiles files)
    {
        _files = files;
        TorchRuntime.EnsureLoaded();
    }

    // Hugging Face Llama names in every supported dtype; random raw bytes (NaN payloads included) prove bit-exactness.
    private static Dictionary<string, torch.Tensor> LlamaCheckpoint(int seed)
    {
        var random = new Random(seed);
        torch.Tensor Raw(torch.ScalarType type, params long[] shape)
        {
            var tensor = torch.empty(shape, type);
            var bytes = new byte[tensor.numel() * tensor.ElementSize];
            random.NextBytes(bytes);
            if (type == torch.ScalarType.Bool)
                for (int i = 0; i < bytes.Length; i++)
                    bytes[i] &= 1; // bool storage must hold 0 or 1
            tensor.bytes = bytes;
            return tensor;
        }
        return new Dictionary<string, torch.Tensor>
        {
            ["model.embed_tokens.weight"] = Raw(torch.ScalarType.BFloat16, 16, 8),
            ["model.layers.0.self_attn.q_proj.weight"] = Raw(torch.ScalarType.Float16, 8, 8),
            ["model.layers.0.self_attn.k_proj.weight"] = Raw(torch.ScalarType.BFloat16, 4, 8),
            ["model.layers.0.self_attn.v_proj.weight"] = Raw(torch.ScalarType.Float32, 4, 8),
            ["model.layers.0.self_attn.o_proj.weight"] = Raw(torch.ScalarType.Float64, 8, 8),
            ["model.layers.0.mlp.gate_proj.weight"] = Raw(torch.ScalarType.BFloat16, 12, 8),
            ["model.layers.0.mlp.up_proj.weight"] = Raw(torch.ScalarType.BFloat16, 12, 8),
            ["model.layers.0.mlp.down_proj.weight"] = Raw(torch.ScalarType.BFloat16, 8, 12),
            ["model.layers.0.input_layernorm.weight"] = Raw(torch.ScalarType.Float32, 8),
            ["model.layers.0.post_attention_layernorm.weight"] = Raw(torch.ScalarType.Float32, 8),
            ["model.layers.0.self_attn.rotary_emb.inv_freq"] = Raw(torch.ScalarType.Float64, 4),
            ["model.norm.weight"] = Raw(torch.ScalarType.Float32, 8),
            ["lm_head.weight"] = Raw(torch.ScalarType.BFloat16, 16, 8),
            ["buffers.position_ids"] = Raw(torch.ScalarType.Int64, 1, 6),
            ["buffers.token_type_ids"] = Raw(torch.ScalarType.Int32, 6),
            ["buffers.i16"] = Raw(torch.ScalarType.Int16, 3),
            ["buffers.i8"] = Raw(torch.ScalarType.Int8, 5),
            ["buffers.u8"] = Raw(torch.ScalarType.Byte, 2, 3),
            ["buffers.causal_mask"] = Raw(torch.ScalarType.Bool, 3, 3),
            ["buffers.scalar"] = Raw(torch.ScalarType.Float32),
            ["buffers.empty"] = Raw(torch.ScalarType.Float32, 0, 4),
        };
    }

    private static void DisposeAll(Dictionary<string, torch.Tensor> tensors)
    {
        foreach (var tensor in tensors.Values)
            tensor.Dispose();
    }

    [Fact]
    public void Llama_checkpoint_of_mixed_dtypes_round_trips_bit_exactly()
    {
        var tensors = LlamaCheckpoint(seed: 7);
        try
        {
            string path = _files.PathFor("llama.safetensors");
            SafeTensorsFile.Write(path, tensors, null);

            using var reader = SafeTensorsFile.Read(path);
            Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), reader.Names);
            Assert.Empty(reader.Metadata);
            foreach (var (name, expected) in tensors)
            {
                Assert.Equal(expected.dtype, reader.DType(name));
                Assert.Equal(expected.shape, reader.Shape(name));
                using var actual = reader.Tensor(name);
                Assert.Equal(expected.dtype, actual.dtype);
                Assert.Equal(expected.shape, actual.shape);
                Assert.Equal(DeviceType.CPU, actual.device_type);
                Assert.True(expected.bytes.SequenceEqual(actual.bytes), $"bytes of {name} differ");
            }
            using var norm = reader.Tensor("model.norm.weight");
            Assert.Equal(tensors["model.norm.weight"].data<float>().ToArray().Select(BitConverter.SingleToInt32Bits),
                norm.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
        }
        finally
        {
            DisposeAll(tensors);
        }
    }

    [Fact]
    public void Writing_twice_gives_identical_files_whatever_the_insertion_order()
    {
        var tensors = LlamaCheckpoint(seed: 11);
        try
        {
            var reversed = tensors.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value);
            var metadata = new Dictionary<string, string> { ["format"] = "pt", ["b"] = "2", ["a"] = "1" };
            string first = _files.PathFor("first.safetensors");
            string second = _files.PathFor("second.safetensors");
            SafeTensorsFile.Write(first, tensors, metadata);
            SafeTensorsFile.Write(second, reversed, metadata.Reverse().ToDictionary());

            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
            SafeTensorsFile.Write(first, tensors, metadata); // overwriting an existing file also works
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
            Assert.Empty(Directory.GetFiles(_files.Directory, "*.tmp")); // the temporary files were renamed away
        }
        finally
        {
            DisposeAll(tensors);
        }
    }

    [Fact]
    public void Metadata_round_trips()
    {
        using var weight = torch.ones(2, 2);
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcödé \"quoted\" <tag>", ["empty"] = "" };
        string path = _files.PathFor("metadata.safetensors");

        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["w"] = weight }, metadata);

        using var reader = SafeTensorsFile.Read(path);
        Assert.Equal(metadata.OrderBy(p => p.Key), reader.Metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void Non_contiguous_tensor_is_written_in_logical_row_major_order()
    {
        using var source = torch.arange(6, dtype: torch.ScalarType.Int32).reshape(2, 3);
        using var transposed = source.t();
        string path = _files.PathFor("transposed.safetensors");

        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["t"] = transposed }, null);

        using var reader = SafeTensorsFile.Read(path);
        using var read = reader.Tensor("t");
        Assert.Equal(new long[] { 3, 2 }, read.shape);
        Assert.Equal(new[] { 0, 3, 1, 4, 2, 5 }, read.data<int>().ToArray());
    }

    // The one non-tiny tensor: 17 MiB crosses the 16 MiB copy chunk, so the chunk seams are checked.
    [Fact]
    public void Tensor_larger_than_one_copy_chunk_round_trips()
    {
        const long count = (17L << 20) / 2;
        using var index = torch.arange(count, dtype: torch.ScalarType.Int64);
        using var pattern = index.remainder(32749);
        using var large = pattern.to(torch.ScalarType.Int16);
        string path = _files.PathFor("large.safetensors");

        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["big"] = large }, null);

        using var reader = SafeTensorsFile.Read(path);
        using var read = reader.Tensor("big");
        Assert.True(large.bytes.SequenceEqual(read.bytes));
        File.Delete(path);
    }

    [Fact]
    public void Unknown_name_throws_naming_it()
    {
        using var weight = torch.ones(1);
        string path = _files.PathFor("names.safetensors");
        SafeTensorsFile.Write(path, new Dictionary<string, torch.Tensor> { ["w"] = weight }, null);

        using var reader = SafeTensorsFile.Read(path);
        var error = Assert.Throws<KeyNotFoundException>(() => reader.Tensor("missing"));
        Assert.Contains("'missing'", error.Message);
    }
}
