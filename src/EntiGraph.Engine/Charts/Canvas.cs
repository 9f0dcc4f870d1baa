namespace EntiGraph.Engine.Charts;

/// <summary>
/// An RGBA raster with the few primitives a chart needs. Shapes take pixel coordinates as doubles (pixel (i, j)
/// covers [i, i+1) × [j, j+1)) but are rounded once to 1/256 pixel and rasterised with integer arithmetic only,
/// so the same calls always produce the same pixels.
/// </summary>
public sealed class Canvas
{
    private const int SubpixelBits = 8;
    private const long One = 1 << SubpixelBits;
    private const long Half = One / 2;

    // Coordinates beyond this many pixels would overflow the fixed-point products; segments are cut to the clip first.
    private const double MaxCoordinate = 1 << 20;

    private readonly byte[] _pixels;
    private PixelRect _clip;

    public Canvas(int width, int height, Rgba background)
    {
        // 16384² RGBA pixels is the most a single byte array holds.
        if (width <= 0 || height <= 0 || width > 1 << 14 || height > 1 << 14)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Canvas size must be 1–16384 pixels a side; got {width}×{height}.");
        }

        Width = width;
        Height = height;
        Bounds = new PixelRect(0, 0, width, height);
        _clip = Bounds;
        _pixels = new byte[width * height * 4];
        for (var i = 0; i < _pixels.Length; i += 4)
        {
            _pixels[i] = background.R;
            _pixels[i + 1] = background.G;
            _pixels[i + 2] = background.B;
            _pixels[i + 3] = background.A;
        }
    }

    public int Width { get; }

    public int Height { get; }

    public PixelRect Bounds { get; }

    /// <summary>When false, edges are hard: a pixel is painted fully if its centre is inside the shape, else not at all.</summary>
    public bool AntiAlias { get; set; } = true;

    /// <summary>Drawing outside this rectangle is discarded. Always within the canvas.</summary>
    public PixelRect Clip
    {
        get => _clip;
        set => _clip = value.Intersect(Bounds);
    }

    /// <summary>The pixels, RGBA, rows top to bottom.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public Rgba GetPixel(int x, int y)
    {
        if (!Bounds.Contains(x, y))
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}×{Height} canvas.");
        }

        var i = (y * Width + x) * 4;
        return new Rgba(_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]);
    }

    /// <summary>Paints one pixel, blending by the colour's alpha.</summary>
    public void SetPixel(int x, int y, Rgba color) => Blend(x, y, color, One);

    public void FillRect(PixelRect rect, Rgba color)
    {
        var area = rect.Intersect(_clip);
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                Blend(x, y, color, One);
            }
        }
    }

    /// <summary>A rectangle's outline, drawn on its outermost pixels.</summary>
    public void StrokeRect(PixelRect rect, Rgba color, int thickness = 1)
    {
        if (rect.IsEmpty)
        {
            return;
        }

        var t = Math.Min(thickness, Math.Min(rect.Width, rect.Height));
        FillRect(rect with { Bottom = rect.Top + t }, color);
        FillRect(rect with { Top = rect.Bottom - t }, color);
        FillRect(new PixelRect(rect.Left, rect.Top + t, rect.Left + t, rect.Bottom - t), color);
        FillRect(new PixelRect(rect.Right - t, rect.Top + t, rect.Right, rect.Bottom - t), color);
    }

    public void DrawLine(double x0, double y0, double x1, double y1, Rgba color, double thickness = 2) =>
        DrawPolyline([(x0, y0), (x1, y1)], color, thickness);

    /// <summary>
    /// Connected segments with round joins and caps. Each pixel is painted once with the largest coverage any
    /// segment gives it, so joins are no darker than the rest of the line.
    /// </summary>
    public void DrawPolyline(IReadOnlyList<(double X, double Y)> points, Rgba color, double thickness = 2)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0 || !(thickness > 0))
        {
            return;
        }

        var halfWidth = ToFixed(thickness / 2);
        var reach = (int)Math.Ceiling(thickness / 2) + 1;
        var window = _clip.Inflate(reach + 1);
        var segments = new List<(long Ax, long Ay, long Bx, long By)>();
        var cover = new PixelRect(int.MaxValue, int.MaxValue, int.MinValue, int.MinValue);
        // A single point is a zero-length segment: a dot with the line's width.
        for (var i = 0; i < Math.Max(1, points.Count - 1); i++)
        {
            var a = points[i];
            var b = points[Math.Min(i + 1, points.Count - 1)];
            if (!ClipSegment(ref a, ref b, window))
            {
                continue;
            }

            segments.Add((ToFixed(a.X), ToFixed(a.Y), ToFixed(b.X), ToFixed(b.Y)));
            cover = new PixelRect(
                Math.Min(cover.Left, (int)Math.Floor(Math.Min(a.X, b.X)) - reach),
                Math.Min(cover.Top, (int)Math.Floor(Math.Min(a.Y, b.Y)) - reach),
                Math.Max(cover.Right, (int)Math.Floor(Math.Max(a.X, b.X)) + reach + 1),
                Math.Max(cover.Bottom, (int)Math.Floor(Math.Max(a.Y, b.Y)) + reach + 1));
        }

        var area = cover.Intersect(_clip);
        if (segments.Count == 0 || area.IsEmpty)
        {
            return;
        }

        var coverage = new short[area.Width * area.Height];
        foreach (var (ax, ay, bx, by) in segments)
        {
            var box = new PixelRect(
                (int)(Math.Min(ax, bx) >> SubpixelBits) - reach,
                (int)(Math.Min(ay, by) >> SubpixelBits) - reach,
                (int)(Math.Max(ax, bx) >> SubpixelBits) + reach + 1,
                (int)(Math.Max(ay, by) >> SubpixelBits) + reach + 1).Intersect(area);
            for (var y = box.Top; y < box.Bottom; y++)
            {
                for (var x = box.Left; x < box.Right; x++)
                {
                    var distance = DistanceToSegment(Centre(x), Centre(y), ax, ay, bx, by);
                    var c = Coverage(halfWidth - distance);
                    ref var slot = ref coverage[(y - area.Top) * area.Width + (x - area.Left)];
                    if (c > slot)
                    {
                        slot = (short)c;
                    }
                }
            }
        }

        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                Blend(x, y, color, coverage[(y - area.Top) * area.Width + (x - area.Left)]);
            }
        }
    }

    public void FillCircle(double centreX, double centreY, double radius, Rgba color)
    {
        var (cx, cy, r) = (ToFixed(centreX), ToFixed(centreY), ToFixed(radius));
        FillShape(centreX, centreY, radius, color, (px, py) => Coverage(r - ISqrt(Square(px - cx) + Square(py - cy))));
    }

    /// <summary>An axis-aligned square; with anti-aliasing each edge pixel gets the exact area it overlaps.</summary>
    public void FillSquare(double centreX, double centreY, double halfSide, Rgba color)
    {
        var (cx, cy, h) = (ToFixed(centreX), ToFixed(centreY), ToFixed(halfSide));
        FillShape(centreX, centreY, halfSide, color, (px, py) =>
        {
            if (!AntiAlias)
            {
                return Math.Abs(px - cx) <= h && Math.Abs(py - cy) <= h ? (int)One : 0;
            }

            var overlapX = Math.Clamp(Math.Min(px + Half, cx + h) - Math.Max(px - Half, cx - h), 0, One);
            var overlapY = Math.Clamp(Math.Min(py + Half, cy + h) - Math.Max(py - Half, cy - h), 0, One);
            return (int)(overlapX * overlapY >> SubpixelBits);
        });
    }

    /// <summary>A square turned 45°, <paramref name="radius"/> from centre to each corner.</summary>
    public void FillDiamond(double centreX, double centreY, double radius, Rgba color)
    {
        var (cx, cy, r) = (ToFixed(centreX), ToFixed(centreY), ToFixed(radius));
        // (r − |dx| − |dy|) is the distance to an edge times √2; 181/256 ≈ 1/√2.
        FillShape(centreX, centreY, radius, color, (px, py) => Coverage((r - Math.Abs(px - cx) - Math.Abs(py - cy)) * 181 >> 8));
    }

    /// <summary>Text with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void DrawText(int left, int top, string text, Rgba color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        BitmapFont.Trace(text, (fx, fy) => FillRect(PixelRect.FromSize(left + fx * scale, top + fy * scale, scale, scale), color));
    }

    /// <summary>
    /// Text turned 90° counter-clockwise, reading upwards: it occupies the columns from <paramref name="left"/> to
    /// left + <see cref="BitmapFont.Height"/> × scale and the rows just above <paramref name="bottom"/>.
    /// </summary>
    public void DrawTextUp(int left, int bottom, string text, Rgba color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        BitmapFont.Trace(text, (fx, fy) => FillRect(PixelRect.FromSize(left + fy * scale, bottom - (fx + 1) * scale, scale, scale), color));
    }

    /// <summary>The canvas as PNG bytes: RGB unless <paramref name="includeAlpha"/>, which keeps transparency.</summary>
    public byte[] ToPng(bool includeAlpha = false)
    {
        if (includeAlpha)
        {
            return PngEncoder.Encode(_pixels, Width, Height, hasAlpha: true);
        }

        var rgb = new byte[Width * Height * 3];
        for (int i = 0, j = 0; i < _pixels.Length; i += 4, j += 3)
        {
            rgb[j] = _pixels[i];
            rgb[j + 1] = _pixels[i + 1];
            rgb[j + 2] = _pixels[i + 2];
        }

        return PngEncoder.Encode(rgb, Width, Height, hasAlpha: false);
    }

    private void FillShape(double centreX, double centreY, double extent, Rgba color, Func<long, long, int> coverage)
    {
        if (!double.IsFinite(centreX) || !double.IsFinite(centreY) || Math.Abs(centreX) > MaxCoordinate || Math.Abs(centreY) > MaxCoordinate)
        {
            return;
        }

        var reach = (int)Math.Ceiling(extent) + 1;
        var box = new PixelRect(
            (int)Math.Floor(centreX) - reach, (int)Math.Floor(centreY) - reach,
            (int)Math.Floor(centreX) + reach + 1, (int)Math.Floor(centreY) + reach + 1).Intersect(_clip);
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                Blend(x, y, color, coverage(Centre(x), Centre(y)));
            }
        }
    }

    /// <summary>Turns "how far inside the edge the pixel centre is" (fixed point) into a coverage of 0..One.</summary>
    private int Coverage(long inside) =>
        AntiAlias ? (int)Math.Clamp(inside + Half, 0, One) : inside >= 0 ? (int)One : 0;

    private void Blend(int x, int y, Rgba color, long coverage)
    {
        if (coverage <= 0 || !_clip.Contains(x, y))
        {
            return;
        }

        var alpha = (int)((color.A * Math.Min(coverage, One) + Half) >> SubpixelBits);
        if (alpha == 0)
        {
            return;
        }

        var i = (y * Width + x) * 4;
        if (alpha == 255)
        {
            (_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]) = (color.R, color.G, color.B, 255);
            return;
        }

        // Porter–Duff "over" with straight alpha, in integers scaled by 255 so that rounding is the same everywhere.
        var sourceWeight = alpha * 255;
        var destinationWeight = _pixels[i + 3] * (255 - alpha);
        var total = sourceWeight + destinationWeight;
        _pixels[i] = (byte)((color.R * sourceWeight + _pixels[i] * destinationWeight + total / 2) / total);
        _pixels[i + 1] = (byte)((color.G * sourceWeight + _pixels[i + 1] * destinationWeight + total / 2) / total);
        _pixels[i + 2] = (byte)((color.B * sourceWeight + _pixels[i + 2] * destinationWeight + total / 2) / total);
        _pixels[i + 3] = (byte)((total + 127) / 255);
    }

    private static long Centre(int pixel) => ((long)pixel << SubpixelBits) + Half;

    private static long Square(long v) => v * v;

    private static long DistanceToSegment(long px, long py, long ax, long ay, long bx, long by)
    {
        long dx = bx - ax, dy = by - ay, vx = px - ax, vy = py - ay;
        var lengthSquared = dx * dx + dy * dy;
        var along = vx * dx + vy * dy;
        if (lengthSquared == 0 || along <= 0)
        {
            return ISqrt(vx * vx + vy * vy);
        }

        if (along >= lengthSquared)
        {
            return ISqrt(Square(px - bx) + Square(py - by));
        }

        // Perpendicular distance is |v × d| / |d|; squaring keeps it exact until the final square root.
        Int128 cross = vx * dy - vy * dx;
        return ISqrt((long)(cross * cross / lengthSquared));
    }

    private static long ISqrt(long value)
    {
        if (value <= 0)
        {
            return 0;
        }

        // The double estimate is only a start; the integer corrections make the result exactly floor(√value).
        var root = (long)Math.Sqrt(value);
        while (root * root > value)
        {
            root--;
        }

        while ((root + 1) * (root + 1) <= value)
        {
            root++;
        }

        return root;
    }

    private static long ToFixed(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Coordinates must be finite; got {value}.", nameof(value));
        }

        return (long)Math.Round(Math.Clamp(value, -MaxCoordinate, MaxCoordinate) * One, MidpointRounding.ToEven);
    }

    /// <summary>Liang–Barsky: cuts a segment to a rectangle so that far-away points cannot overflow the fixed-point maths.</summary>
    private static bool ClipSegment(ref (double X, double Y) a, ref (double X, double Y) b, PixelRect window)
    {
        if (!double.IsFinite(a.X) || !double.IsFinite(a.Y) || !double.IsFinite(b.X) || !double.IsFinite(b.Y))
        {
            return false;
        }

        double t0 = 0, t1 = 1, dx = b.X - a.X, dy = b.Y - a.Y;
        if (!Narrow(-dx, a.X - window.Left, ref t0, ref t1) || !Narrow(dx, window.Right - a.X, ref t0, ref t1) ||
            !Narrow(-dy, a.Y - window.Top, ref t0, ref t1) || !Narrow(dy, window.Bottom - a.Y, ref t0, ref t1))
        {
            return false;
        }

        var start = a;
        if (t1 < 1)
        {
            b = (start.X + t1 * dx, start.Y + t1 * dy);
        }

        if (t0 > 0)
        {
            a = (start.X + t0 * dx, start.Y + t0 * dy);
        }

        return true;

        static bool Narrow(double p, double q, ref double t0, ref double t1)
        {
            if (p == 0)
            {
                return q >= 0;
            }

            var t = q / p;
            if (p < 0)
            {
                if (t > t1)
                {
                    return false;
                }

                t0 = Math.Max(t0, t);
            }
            else
            {
                if (t < t0)
                {
                    return false;
                }

                t1 = Math.Min(t1, t);
            }

            return true;
        }
    }
}
