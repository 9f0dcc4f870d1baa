namespace EntiGraph.Engine.Charts;

/// <summary>A rectangle of whole pixels; <see cref="Right"/> and <see cref="Bottom"/> are exclusive.</summary>
public readonly record struct PixelRect(int Left, int Top, int Right, int Bottom)
{
    public int Width => Right - Left;

    public int Height => Bottom - Top;

    public bool IsEmpty => Right <= Left || Bottom <= Top;

    public bool Contains(int x, int y) => x >= Left && x < Right && y >= Top && y < Bottom;

    public bool Contains(double x, double y) => x >= Left && x < Right && y >= Top && y < Bottom;

    public PixelRect Inflate(int amount) => new(Left - amount, Top - amount, Right + amount, Bottom + amount);

    public PixelRect Intersect(PixelRect other) => new(
        Math.Max(Left, other.Left), Math.Max(Top, other.Top), Math.Min(Right, other.Right), Math.Min(Bottom, other.Bottom));

    public static PixelRect FromSize(int left, int top, int width, int height) => new(left, top, left + width, top + height);
}
