using EntiGraph.Engine.Charts;

namespace EntiGraph.Engine.Tests.Charts;

public sealed class PngEncoderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pixels_survive_a_round_trip_through_an_independent_decoder(bool alpha)
    {
        var channels = alpha ? 4 : 3;
        var (width, height) = (37, 23);
        var pixels = Pattern(width, height, channels);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(pixels, width, height, alpha));

        Assert.Equal((width, height, channels), (decoded.Width, decoded.Height, decoded.Channels));
        Assert.Equal(pixels, decoded.Pixels);
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.Chunks);
    }

    [Fact]
    public void Rows_of_different_kinds_use_different_filters_and_all_decode()
    {
        var (width, height) = (64, 64);
        var pixels = Pattern(width, height, 3);

        var decoded = PngDecoder.Decode(PngEncoder.Encode(pixels, width, height, hasAlpha: false));

        Assert.Equal(pixels, decoded.Pixels);
        Assert.True(decoded.FilterTypes.Count >= 3, $"filters used: {string.Join(", ", decoded.FilterTypes)}");
    }

    [Fact]
    public void The_same_pixels_give_the_same_bytes()
    {
        var pixels = Pattern(50, 40, 4);

        Assert.Equal(PngEncoder.Encode(pixels, 50, 40, true), PngEncoder.Encode(pixels.ToArray(), 50, 40, true));
    }

    [Fact]
    public void A_large_image_is_split_into_several_idat_chunks()
    {
        var noise = new byte[300 * 300 * 4];
        new Random(7).NextBytes(noise);

        var png = PngEncoder.Encode(noise, 300, 300, hasAlpha: true);
        var decoded = PngDecoder.Decode(png);

        Assert.Equal(noise, decoded.Pixels);
        Assert.True(decoded.Chunks.Count(c => c == "IDAT") > 1);
        Assert.Equal(["IHDR"], decoded.Chunks.Take(1));
    }

    [Fact]
    public void A_buffer_of_the_wrong_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(new byte[10], 2, 2, hasAlpha: false));
        Assert.Contains("Expected 12 bytes", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => PngEncoder.Encode([], 0, 1, hasAlpha: false));
    }

    /// <summary>Bands that favour different filters: flat, horizontal ramp, vertical ramp, diagonal, noise.</summary>
    private static byte[] Pattern(int width, int height, int channels)
    {
        var random = new Random(12345);
        var pixels = new byte[width * height * channels];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    pixels[(y * width + x) * channels + c] = (y * 5 / height) switch
                    {
                        0 => (byte)(40 * c),
                        1 => (byte)(x * 7 + c),
                        2 => (byte)(y * 11 + c * 3),
                        3 => (byte)(x * 3 + y * 5 + c),
                        _ => (byte)random.Next(256),
                    };
                }
            }
        }

        return pixels;
    }
}
