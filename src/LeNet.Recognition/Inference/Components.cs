namespace LeNet.Inference;

/// <summary>A connected blob of ink: its box, pixel count and total ink.</summary>
/// <param name="Label">Its label in the label map (1-based).</param>
public sealed record Component(int Label, PixelBox Box, int Area, double Ink);

/// <summary>8-connected components of a mask, by iterative flood fill (no recursion, so any size is safe).</summary>
public static class Components
{
    /// <summary>Labels every true pixel of <paramref name="mask"/>; returns the components and the label map.</summary>
    public static (List<Component> Components, int[] Labels) Find(bool[] mask, int width, int height, GrayImage? ink = null)
    {
        var labels = new int[mask.Length];
        var components = new List<Component>();
        var stack = new Stack<(int X, int Y)>();
        for (var start = 0; start < mask.Length; start++)
        {
            // Most of an image is background: jump to the next ink pixel a vector at a time.
            var next = mask.AsSpan(start).IndexOf(true);
            if (next < 0)
                break;
            start += next;
            if (labels[start] != 0)
            {
                // A run of ink along a row is connected, so all of it is labelled already: jump to its end (the
                // row's end at most: the next row's first pixel is no neighbour of this row's last).
                var rowEnd = (start / width + 1) * width;
                var run = mask.AsSpan(start, rowEnd - start).IndexOf(false);
                start = (run < 0 ? rowEnd : start + run) - 1;
                continue;
            }
            var label = components.Count + 1;
            int left = width, top = height, right = -1, bottom = -1, area = 0;
            double sum = 0;
            labels[start] = label;
            stack.Push((start % width, start / width));
            while (stack.Count > 0)
            {
                var (x, y) = stack.Pop();
                var index = y * width + x;
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                area++;
                sum += ink?.Pixels[index] ?? 1;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if ((uint)nx >= (uint)width || (uint)ny >= (uint)height)
                            continue;
                        var neighbour = ny * width + nx;
                        if (mask[neighbour] && labels[neighbour] == 0)
                        {
                            labels[neighbour] = label;
                            stack.Push((nx, ny));
                        }
                    }
                }
            }
            components.Add(new Component(label, new PixelBox(left, top, right - left + 1, bottom - top + 1), area, sum));
        }
        return (components, labels);
    }
}
