namespace LeNet.Models;

/// <summary>One named tensor of a network's weights: its shape and its values, row-major.</summary>
public sealed record WeightTensor(int[] Shape, float[] Values);

/// <summary>
/// Reads TorchSharp's weight format — the content of a model file's weights section — without TorchSharp: a
/// LEB128 count, then per tensor a LEB128-prefixed UTF-8 name, element type, rank, dimensions and the raw
/// little-endian values. LeNet.NET's weights are float32; int64 tensors (index tables such as the paper network's C3
/// connections) are checked for length and skipped; any other type is refused, as are weights that are not finite (a
/// file with NaN weights would answer nonsense with confidence).
/// </summary>
public static class TorchSharpWeights
{
    private const long Int64 = 4, Float32 = 6;
    private const int MaxTensors = 4096, MaxRank = 8;

    /// <summary>The tensors of <paramref name="content"/>; <paramref name="label"/> names the file in messages.</summary>
    /// <exception cref="LeNetException">The content is truncated, holds another element type, or a value that is not finite.</exception>
    public static IReadOnlyDictionary<string, WeightTensor> Parse(byte[] content, string label)
    {
        var position = 0;
        long Next()
        {
            long value = 0;
            for (var shift = 0; shift < 63; shift += 7)
            {
                if (position >= content.Length)
                    throw Damaged(label, "ends in the middle of a number");
                var b = content[position++];
                value |= (long)(b & 0x7F) << shift;
                if (b < 0x80)
                    return value;
            }
            throw Damaged(label, "holds a number that is too long");
        }
        var count = Next();
        if (count is < 0 or > MaxTensors)
            throw Damaged(label, $"claims {count} tensors");
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        for (var t = 0; t < count; t++)
        {
            var nameLength = Next();
            if (nameLength < 0 || position + nameLength > content.Length)
                throw Damaged(label, "ends in the middle of a tensor name");
            var name = System.Text.Encoding.UTF8.GetString(content, position, (int)nameLength);
            position += (int)nameLength;
            var type = Next();
            if (type is not (Float32 or Int64))
                throw new LeNetException($"{label}: weight '{name}' is of element type {type}, not float32");
            var rank = Next();
            if (rank is < 0 or > MaxRank)
                throw Damaged(label, $"gives weight '{name}' {rank} dimensions");
            var shape = new int[rank];
            long elements = 1;
            for (var d = 0; d < rank; d++)
            {
                var size = Next();
                if (size is < 0 or > int.MaxValue)
                    throw Damaged(label, $"gives weight '{name}' a dimension of {size}");
                shape[d] = (int)size;
                elements *= size;
            }
            var width = type == Int64 ? sizeof(long) : sizeof(float);
            if (elements * width > content.Length - position)
                throw Damaged(label, $"ends in the middle of weight '{name}'");
            if (type == Int64)
            {
                position += (int)elements * width; // an index table (the paper network's C3 connections), not a weight
                continue;
            }
            var values = new float[elements];
            Buffer.BlockCopy(content, position, values, 0, (int)elements * sizeof(float));
            position += (int)elements * sizeof(float);
            var bad = Array.FindIndex(values, v => !float.IsFinite(v));
            if (bad >= 0)
                throw new LeNetException($"{label}: weight '{name}' holds {values[bad]} at index {bad}: a model with weights that are not finite cannot read anything");
            tensors[name] = new WeightTensor(shape, values);
        }
        return tensors;
    }

    private static LeNetException Damaged(string label, string problem) => new($"{label}: the weights section {problem}: the file is damaged");
}
