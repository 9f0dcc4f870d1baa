using EntiGraph.Modeling.SafeTensors;

namespace EntiGraph.Modeling.Tests.SafeTensors;

/// <summary>Every malformed file fails at open with an InvalidDataException naming the file and the problem.</summary>
public class SafeTensorsValidationTests : IClassFixture<SafeTensorsTestFiles>
{
    private const string A = "\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[0,3]}";
    private static readonly byte[] ThreeBytes = [1, 2, 3];

    private readonly SafeTensorsTestFiles _files;

    public SafeTensorsValidationTests(SafeTensorsTestFiles files)
    {
        _files = files;
        TorchRuntime.EnsureLoaded();
    }

    private void AssertInvalid(byte[] bytes, string expectedProblem, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        string path = _files.WriteFile(name + ".safetensors", bytes);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path).Dispose());
        Assert.Contains($"'{path}'", error.Message);
        Assert.Contains(expectedProblem, error.Message);
        // The failed open must not keep the file locked or open.
        File.Delete(path);
    }

    [Fact]
    public void File_shorter_than_the_length_prefix() =>
        AssertInvalid([1, 0, 0], "it is 3 bytes long, too short for the 8-byte header length");

    [Fact]
    public void Header_length_past_the_end() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{" + A + "}", ThreeBytes, declaredLength: 1000), "header length 1000 runs past the end of the file");

    [Fact]
    public void Header_length_that_would_wrap_negative() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{}", [], declaredLength: ulong.MaxValue), $"header length {ulong.MaxValue} runs past the end");

    [Fact]
    public void Bad_json() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":", ThreeBytes), "the header is not valid UTF-8 JSON");

    [Fact]
    public void Header_not_an_object() =>
        AssertInvalid(SafeTensorsTestFiles.Build("[1, 2]  ", []), "the header is a JSON Array, not an object");

    [Fact]
    public void Unknown_dtype() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[3],\"data_offsets\":[0,3]}}", ThreeBytes),
            "tensor 'a' has unknown dtype 'F8_E4M3'");

    [Fact]
    public void Missing_shape() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"U8\",\"data_offsets\":[0,3]}}", ThreeBytes), "tensor 'a' has no array \"shape\"");

    [Fact]
    public void Negative_dimension() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"U8\",\"shape\":[-3],\"data_offsets\":[0,3]}}", ThreeBytes),
            "tensor 'a' has shape entry -3, not a non-negative integer");

    [Fact]
    public void Bad_metadata_value() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"__metadata__\":{\"n\":1}," + A + "}", ThreeBytes), "__metadata__ value 'n' is a JSON Number, not a string");

    [Fact]
    public void Duplicate_tensor_name() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{" + A + "," + A + "}", ThreeBytes), "the header names 'a' twice");

    [Fact]
    public void Offsets_past_the_end_of_the_data() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]}}", ThreeBytes),
            "tensor 'a' has data_offsets [0, 4] past the end of the 3-byte data");

    [Fact]
    public void Offsets_ending_before_they_begin() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"U8\",\"shape\":[0],\"data_offsets\":[3,0]}}", ThreeBytes),
            "tensor 'a' has data_offsets [3, 0] that end before they begin");

    [Fact]
    public void Overlapping_tensors() =>
        AssertInvalid(SafeTensorsTestFiles.Build(
            "{" + A + ",\"b\":{\"dtype\":\"U8\",\"shape\":[2],\"data_offsets\":[2,4]}}", [1, 2, 3, 4]),
            "tensor 'b' at data_offsets [2, 4] overlaps tensor 'a', which ends at 3");

    [Fact]
    public void Gap_between_tensors() =>
        AssertInvalid(SafeTensorsTestFiles.Build(
            "{" + A + ",\"b\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[4,5]}}", [1, 2, 3, 4, 5]),
            "bytes [3, 4) before tensor 'b' belong to no tensor (a gap)");

    [Fact]
    public void Offsets_not_matching_shape_times_dtype_size() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,3]}}", ThreeBytes),
            "tensor 'a' has data_offsets [0, 3] holding 3 bytes, but shape [3] of F32 needs 12");

    [Fact]
    public void Shape_whose_size_overflows() =>
        AssertInvalid(SafeTensorsTestFiles.Build(
            "{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,3]}}", ThreeBytes),
            "tensor 'a' has shape [4294967296, 4294967296] whose size overflows");

    [Fact]
    public void Trailing_bytes() =>
        AssertInvalid(SafeTensorsTestFiles.Build("{" + A + "}", [1, 2, 3, 9, 9]),
            "2 trailing bytes follow the last tensor's data (which ends at 3 of 5)");
}
