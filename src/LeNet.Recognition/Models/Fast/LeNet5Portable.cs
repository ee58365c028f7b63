namespace LeNet.Models.Fast;

/// <summary>
/// LeNet-5's forward pass in plain scalar C#, layer by layer: for CPUs without 256-bit vectors (arm64, older x64),
/// and for the feature maps the page shows. Slower than <see cref="LeNet5Inference"/> (about half a millisecond a
/// digit) and equal to it up to float rounding.
/// </summary>
internal sealed class LeNet5Portable(IReadOnlyDictionary<string, float[]> weights)
{
    private readonly float[] _w1 = weights["conv1.weight"], _b1 = weights["conv1.bias"], _w2 = weights["conv2.weight"], _b2 = weights["conv2.bias"];
    private readonly float[] _f1 = weights["fc1.weight"], _c1 = weights["fc1.bias"], _f2 = weights["fc2.weight"], _c2 = weights["fc2.bias"];
    private readonly float[] _f3 = weights["fc3.weight"], _c3 = weights["fc3.bias"];

    /// <summary>The outputs.</summary>
    public int Outputs => _c3.Length;

    /// <summary>Scores <c>[count × outputs]</c> for normalised inputs.</summary>
    public float[] Scores(float[] inputs, int count)
    {
        var scores = new float[count * Outputs];
        for (var n = 0; n < count; n++)
            Forward(inputs.AsSpan(n * 784, 784), out _, out _).CopyTo(scores, n * Outputs);
        return scores;
    }

    /// <summary>One image through the network; <paramref name="conv1"/> and <paramref name="conv2"/> are those layers' outputs (before ReLU).</summary>
    public float[] Forward(ReadOnlySpan<float> image, out float[] conv1, out float[] conv2)
    {
        conv1 = Convolve(image, 1, 28, _w1, _b1, 6, padding: 2);         // [6, 28, 28]
        var pool1 = Pool(Relu(conv1), 6, 28);                            // [6, 14, 14]
        conv2 = Convolve(pool1, 6, 14, _w2, _b2, 16, padding: 0);        // [16, 10, 10]
        var features = Pool(Relu(conv2), 16, 10);                        // [16, 5, 5] = 400
        var hidden1 = Relu(Dense(features, _f1, _c1));                   // [120]
        var hidden2 = Relu(Dense(hidden1, _f2, _c2));                    // [84]
        return Dense(hidden2, _f3, _c3);                                 // [outputs]
    }

    private static float[] Convolve(ReadOnlySpan<float> input, int channels, int size, float[] weight, float[] bias, int outputs, int padding)
    {
        var outSize = size + 2 * padding - 4;
        var result = new float[outputs * outSize * outSize];
        for (var o = 0; o < outputs; o++)
        {
            for (var y = 0; y < outSize; y++)
            {
                for (var x = 0; x < outSize; x++)
                {
                    var sum = bias[o];
                    for (var c = 0; c < channels; c++)
                    {
                        for (var ky = 0; ky < 5; ky++)
                        {
                            var iy = y + ky - padding;
                            if ((uint)iy >= (uint)size)
                                continue;
                            for (var kx = 0; kx < 5; kx++)
                            {
                                var ix = x + kx - padding;
                                if ((uint)ix < (uint)size)
                                    sum += weight[((o * channels + c) * 5 + ky) * 5 + kx] * input[(c * size + iy) * size + ix];
                            }
                        }
                    }
                    result[(o * outSize + y) * outSize + x] = sum;
                }
            }
        }
        return result;
    }

    private static float[] Relu(float[] values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
            result[i] = Math.Max(0, values[i]);
        return result;
    }

    private static float[] Pool(float[] input, int channels, int size)
    {
        var half = size / 2;
        var result = new float[channels * half * half];
        for (var c = 0; c < channels; c++)
            for (var y = 0; y < half; y++)
                for (var x = 0; x < half; x++)
                {
                    var at = (c * size + 2 * y) * size + 2 * x;
                    result[(c * half + y) * half + x] = Math.Max(Math.Max(input[at], input[at + 1]), Math.Max(input[at + size], input[at + size + 1]));
                }
        return result;
    }

    private static float[] Dense(float[] input, float[] weight, float[] bias)
    {
        var result = new float[bias.Length];
        for (var o = 0; o < bias.Length; o++)
        {
            var sum = bias[o];
            for (var i = 0; i < input.Length; i++)
                sum += weight[o * input.Length + i] * input[i];
            result[o] = sum;
        }
        return result;
    }
}
