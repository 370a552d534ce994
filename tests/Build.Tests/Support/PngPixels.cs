using System.Buffers.Binary;
using System.IO.Compression;

namespace Build.Tests.Support;

/// <summary>
/// Reads the pixels of an 8-bit RGB or RGBA PNG (what Chromium's screenshot writes): enough to tell a drawn page from
/// a blank one without an imaging library.
/// </summary>
public sealed class PngPixels
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngPixels(int width, int height, int channels, byte[] pixels) => (Width, Height, _channels, _pixels) = (width, height, channels, pixels);

    public int Width { get; }

    public int Height { get; }

    public static PngPixels Read(byte[] png)
    {
        Assert.That(png.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), Is.True, "not a PNG");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.That((data[8], data[12]), Is.EqualTo(((byte)8, (byte)0)), "only 8-bit, non-interlaced PNGs are read here");
                channels = data[9] switch { 2 => 3, 6 => 4, var other => throw new NotSupportedException($"PNG colour type {other}") };
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            offset += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngPixels(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    /// <summary>How many pixels are not (nearly) white.</summary>
    public int CountNonWhite(int threshold = 240)
    {
        var count = 0;
        for (var index = 0; index < _pixels.Length; index += _channels)
        {
            if (_pixels[index] < threshold || _pixels[index + 1] < threshold || _pixels[index + 2] < threshold)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>How many pixels are close to the given colour (for example the red of a failed bar).</summary>
    public int CountNear(byte red, byte green, byte blue, int tolerance = 24)
    {
        var count = 0;
        for (var index = 0; index < _pixels.Length; index += _channels)
        {
            if (Math.Abs(_pixels[index] - red) <= tolerance && Math.Abs(_pixels[index + 1] - green) <= tolerance
                && Math.Abs(_pixels[index + 2] - blue) <= tolerance)
            {
                count++;
            }
        }

        return count;
    }

    // PNG filters 0-4, per scanline (RFC 2083, section 6).
    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = data[row * (stride + 1)];
            var source = (row * (stride + 1)) + 1;
            var target = row * stride;
            for (var column = 0; column < stride; column++)
            {
                int left = column >= channels ? pixels[target + column - channels] : 0;
                int up = row > 0 ? pixels[target + column - stride] : 0;
                int upLeft = row > 0 && column >= channels ? pixels[target + column - stride - channels] : 0;
                var raw = data[source + column];
                pixels[target + column] = (byte)(filter switch
                {
                    0 => raw,
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + ((left + up) / 2),
                    4 => raw + Paeth(left, up, upLeft),
                    _ => throw new NotSupportedException($"PNG filter {filter}"),
                });
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var (toLeft, toUp, toUpLeft) = (Math.Abs(estimate - left), Math.Abs(estimate - up), Math.Abs(estimate - upLeft));
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
