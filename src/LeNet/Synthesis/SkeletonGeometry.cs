using System.Collections.Concurrent;
using SkiaSharp;

namespace LeNet.Synthesis;

/// <summary>A skeleton's strokes as polylines sampled every unit along the pen's path (computed once per skeleton).</summary>
internal static class SkeletonGeometry
{
    /// <summary>Distance between samples along a stroke, in cell units.</summary>
    public const float Step = 1.5f;

    private static readonly ConcurrentDictionary<GlyphSkeleton, IReadOnlyList<(float X, float Y)[]>> Cache = new();

    /// <summary>Each stroke of <paramref name="skeleton"/> as points along it.</summary>
    public static IReadOnlyList<(float X, float Y)[]> Strokes(GlyphSkeleton skeleton) => Cache.GetOrAdd(skeleton, Sample);

    /// <summary>The horizontal centre of the skeleton's strokes and dots.</summary>
    public static float CentreX(GlyphSkeleton skeleton)
    {
        var xs = Strokes(skeleton).SelectMany(s => s.Select(p => p.X)).Concat(skeleton.Dots.Select(d => d.X)).ToList();
        return (xs.Min() + xs.Max()) / 2;
    }

    private static IReadOnlyList<(float X, float Y)[]> Sample(GlyphSkeleton skeleton)
    {
        if (skeleton.Path.Length == 0)
            return [];
        using var path = SKPath.ParseSvgPathData(skeleton.Path)
            ?? throw new InvalidOperationException($"skeleton {skeleton.Name}: invalid path data");
        using var measure = new SKPathMeasure(path, forceClosed: false);
        var strokes = new List<(float, float)[]>();
        do
        {
            var length = measure.Length;
            if (length <= 0)
                continue;
            var count = Math.Max(2, (int)MathF.Ceiling(length / Step) + 1);
            var points = new (float, float)[count];
            for (var i = 0; i < count; i++)
            {
                measure.GetPosition(length * i / (count - 1), out var point);
                points[i] = (point.X, point.Y);
            }
            strokes.Add(points);
        }
        while (measure.NextContour());
        return strokes;
    }
}
