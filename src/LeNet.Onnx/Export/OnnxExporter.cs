using Google.Protobuf;
using LeNet.IO;
using LeNet.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Onnx = LeNet.Export.Onnx;

namespace LeNet.Export;

/// <summary>What an exported ONNX file looks like from the outside.</summary>
/// <param name="Opset">The ONNX operator set version used.</param>
/// <param name="InputName">The graph input: float32 <c>[batch, 1, 28, 28]</c>, pixels normalised as in the model file.</param>
/// <param name="OutputName">The graph output: float32 <c>[batch, classes]</c> scores (softmax gives probabilities).</param>
public sealed record OnnxExport(string Path, int Opset, string InputName, string OutputName, IReadOnlyList<string> Operators);

/// <summary>
/// Writes a model as ONNX: each layer of the network, in call order, becomes one standard operator (Conv, Relu,
/// Sigmoid, Tanh, MaxPool, AveragePool, GlobalAveragePool, BatchNormalization, Flatten, Gemm), with the weights as initializers and a dynamic batch dimension.
/// Networks that are not a plain chain of such layers are refused with the reason.
/// </summary>
public static class OnnxExporter
{
    /// <summary>Operator set 13: supported by every ONNX Runtime of the last years, and enough for these layers.</summary>
    public const int Opset = 13;
    private const long IrVersion = 7;
    private const string Input = "input";
    private const string Output = "scores";

    /// <summary>Exports <paramref name="model"/> to <paramref name="path"/> (written atomically).</summary>
    /// <exception cref="LeNetException">A layer has no ONNX equivalent here.</exception>
    public static OnnxExport Export(TrainedModel model, string path)
    {
        var (bytes, operators) = Build(model);
        AtomicFile.WriteBytes(path, bytes);
        return new OnnxExport(path, Opset, Input, Output, operators);
    }

    /// <summary>The ONNX file's bytes, for running the model on ONNX Runtime without writing a file.</summary>
    public static byte[] ToBytes(TrainedModel model) => Build(model).Bytes;

    private static (byte[] Bytes, IReadOnlyList<string> Operators) Build(TrainedModel model)
    {
        var graph = new Onnx.GraphProto { Name = model.Metadata.Architecture, DocString = $"LeNet.NET {model.Metadata.Architecture}" };
        graph.Input.Add(Value(Input, [-1, .. model.Metadata.InputShape.Select(d => (long)d)]));
        if (model.Network is EnsembleNetwork ensemble)
            AddEnsemble(graph, ensemble, model.Metadata);
        else
            AddChain(graph, Trace(model.Network, model.Metadata), prefix: "", Output);
        graph.Output.Add(Value(Output, [-1, model.Metadata.Outputs]));

        var onnx = new Onnx.ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "LeNet.NET",
            ProducerVersion = model.Metadata.ProjectVersion,
            Domain = "net.lenet",
            ModelVersion = 1,
            DocString = $"Input '{Input}': float32 [batch, 1, 28, 28], pixels p in [0, 255] mapped to (p / 255 - {model.Metadata.Normalization.Mean}) / {model.Metadata.Normalization.StandardDeviation}. Output '{Output}': float32 [batch, {model.Metadata.Outputs}] scores ({(model.Metadata.RejectOutput ? "the classes, then 'none of these'" : "one per class")}); softmax(scores / temperature) gives calibrated probabilities.",
            Graph = graph,
        };
        onnx.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in Metadata(model.Metadata))
            onnx.MetadataProps.Add(new Onnx.StringStringEntryProto { Key = key, Value = value });
        return (onnx.ToByteArray(), [.. graph.Node.Select(n => n.OpType)]);
    }

    /// <summary>The layers as a chain of nodes from the input to <paramref name="output"/>, names prefixed.</summary>
    private static void AddChain(Onnx.GraphProto graph, List<(string Name, nn.Module Module)> layers, string prefix, string output)
    {
        var current = Input;
        for (var i = 0; i < layers.Count; i++)
        {
            var (name, module) = layers[i];
            var produced = i == layers.Count - 1 ? output : prefix + name;
            graph.Node.Add(Node(prefix + name, module, current, produced, graph.Initializer));
            current = produced;
        }
    }

    /// <summary>
    /// An ensemble as the members' chains side by side, then what <see cref="EnsembleNetwork"/> computes: each
    /// member's scores divided by its temperature and softmaxed, the probabilities averaged, and their logarithm.
    /// </summary>
    private static void AddEnsemble(Onnx.GraphProto graph, EnsembleNetwork ensemble, ModelMetadata metadata)
    {
        var probabilities = new List<string>();
        for (var m = 0; m < ensemble.Members.Count; m++)
        {
            var prefix = $"member{m}.";
            AddChain(graph, Trace(ensemble.Members[m], metadata), prefix, prefix + "scores");
            var temperature = Constant(graph, prefix + "temperature", (float)ensemble.Temperatures[m]);
            graph.Node.Add(new Onnx.NodeProto { Name = prefix + "soften", OpType = "Div", Input = { prefix + "scores", temperature }, Output = { prefix + "softened" } });
            graph.Node.Add(new Onnx.NodeProto { Name = prefix + "softmax", OpType = "Softmax", Input = { prefix + "softened" }, Output = { prefix + "probabilities" }, Attribute = { Int("axis", 1) } });
            probabilities.Add(prefix + "probabilities");
        }
        graph.Node.Add(new Onnx.NodeProto { Name = "sum", OpType = "Sum", Input = { probabilities }, Output = { "sum" } });
        graph.Node.Add(new Onnx.NodeProto { Name = "mean", OpType = "Div", Input = { "sum", Constant(graph, "members", ensemble.Members.Count) }, Output = { "mean" } });
        graph.Node.Add(new Onnx.NodeProto { Name = "floor", OpType = "Max", Input = { "mean", Constant(graph, "smallest", 1e-12f) }, Output = { "floored" } });
        graph.Node.Add(new Onnx.NodeProto { Name = "log", OpType = "Log", Input = { "floored" }, Output = { Output } });
    }

    private static string Constant(Onnx.GraphProto graph, string name, float value)
    {
        graph.Initializer.Add(new Onnx.TensorProto { Name = name, DataType = (int)Onnx.TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(BitConverter.GetBytes(value)) });
        return name;
    }

    /// <summary>The model metadata an exported file carries (architecture, classes, normalisation, temperature).</summary>
    /// <exception cref="LeNetException">The file is not an ONNX model written by this exporter.</exception>
    public static ModelMetadata ReadMetadata(byte[] onnx, string label)
    {
        Onnx.ModelProto model;
        try
        {
            model = Onnx.ModelProto.Parser.ParseFrom(onnx);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new LeNetException($"{label}: not an ONNX model ({e.Message})", e);
        }
        var properties = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        string Get(string key) => properties.TryGetValue(key, out var value)
            ? value
            : throw new LeNetException($"{label}: an ONNX model without LeNet.NET metadata ('{key}'): export it with 'lenet export'");
        double Number(string key) => double.Parse(Get(key), System.Globalization.CultureInfo.InvariantCulture);
        return new ModelMetadata(Get("architecture"), Get("dataset"), Get("class_names").Split(','), [1, 28, 28],
            new Normalization(Number("normalization_mean"), Number("normalization_std")), null, null, null, 0,
            DateTimeOffset.UnixEpoch, model.ProducerVersion, "none (ONNX Runtime)", null, Number("temperature"),
            RejectOutput: properties.TryGetValue("reject_output", out var reject) && reject == "true");
    }

    private static IEnumerable<(string, string)> Metadata(ModelMetadata m) =>
    [
        ("architecture", m.Architecture), ("dataset", m.Dataset), ("class_names", string.Join(',', m.ClassNames)),
        ("normalization_mean", m.Normalization.Mean.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("normalization_std", m.Normalization.StandardDeviation.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("temperature", m.Temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("reject_output", m.RejectOutput ? "true" : "false"),
    ];

    /// <summary>The leaf layers in call order, checked to form one chain from the input to the output.</summary>
    private static List<(string Name, nn.Module Module)> Trace(nn.Module<Tensor, Tensor> network, ModelMetadata metadata)
    {
        var calls = new List<(string Name, nn.Module Module, IntPtr Input, IntPtr Output)>();
        var result = IntPtr.Zero;
        using var input = zeros([1, .. metadata.InputShape.Select(d => (long)d)]);
        LayerCalls.Trace(network, input, call => calls.Add((call.Name, call.Module, call.Input.Handle, call.Output.Handle)),
            onOutput: output => result = output.Handle);
        var previous = input.Handle;
        foreach (var call in calls)
        {
            if (call.Input != previous)
                throw new LeNetException($"{metadata.Architecture}: cannot export to ONNX: layer '{call.Name}' does not take the previous layer's output (only plain chains of layers are exported)");
            previous = call.Output;
        }
        if (previous != result)
            throw new LeNetException($"{metadata.Architecture}: cannot export to ONNX: the network computes more than its layers (its output is not the last layer's)");
        return [.. calls.Select(c => (c.Name, c.Module))];
    }

    private static Onnx.NodeProto Node(string name, nn.Module module, string input, string output, ICollection<Onnx.TensorProto> initializers)
    {
        var node = new Onnx.NodeProto { Name = name, Input = { input }, Output = { output } };
        switch (module)
        {
            case Conv2d conv:
                node.OpType = "Conv";
                node.Input.Add(Initializer($"{name}.weight", conv.weight!, initializers));
                if (conv.bias is { } bias)
                    node.Input.Add(Initializer($"{name}.bias", bias, initializers));
                node.Attribute.Add(Ints("kernel_shape", conv.kernel_size));
                node.Attribute.Add(Ints("strides", conv.stride));
                node.Attribute.Add(Ints("dilations", conv.dilation));
                var padding = conv.padding ?? [0, 0];
                node.Attribute.Add(Ints("pads", [padding[0], padding[1], padding[0], padding[1]]));
                node.Attribute.Add(Int("group", conv.groups));
                break;
            case Linear linear:
                node.OpType = "Gemm";
                node.Input.Add(Initializer($"{name}.weight", linear.weight, initializers));
                if (linear.bias is { } linearBias)
                    node.Input.Add(Initializer($"{name}.bias", linearBias, initializers));
                node.Attribute.Add(Int("transB", 1));
                break;
            case MaxPool2d pool:
                node.OpType = "MaxPool";
                node.Attribute.Add(Ints("kernel_shape", pool.kernel_size));
                node.Attribute.Add(Ints("strides", pool.stride ?? pool.kernel_size));
                break;
            case AvgPool2d pool:
                node.OpType = "AveragePool";
                node.Attribute.Add(Ints("kernel_shape", pool.kernel_size));
                node.Attribute.Add(Ints("strides", pool.stride ?? pool.kernel_size));
                break;
            case BatchNorm2d norm:
                // Inference form: the running statistics the network learned, not a batch's.
                node.OpType = "BatchNormalization";
                node.Input.Add(Initializer($"{name}.weight", norm.weight!, initializers));
                node.Input.Add(Initializer($"{name}.bias", norm.bias!, initializers));
                node.Input.Add(Initializer($"{name}.running_mean", norm.running_mean!, initializers));
                node.Input.Add(Initializer($"{name}.running_var", norm.running_var!, initializers));
                node.Attribute.Add(new Onnx.AttributeProto { Name = "epsilon", Type = Onnx.AttributeProto.Types.AttributeType.Float, F = (float)norm.eps });
                break;
            case AdaptiveAvgPool2d pool when pool.output_size.All(size => size == 1): // other sizes have no one ONNX operator: refused below
                node.OpType = "GlobalAveragePool";
                break;
            case ReLU:
                node.OpType = "Relu";
                break;
            case Sigmoid:
                node.OpType = "Sigmoid";
                break;
            case Tanh:
                node.OpType = "Tanh";
                break;
            case Flatten:
                node.OpType = "Flatten";
                node.Attribute.Add(Int("axis", 1));
                break;
            default:
                throw new LeNetException($"cannot export layer '{name}' ({module.GetType().Name}) to ONNX: it has no standard ONNX operator here");
        }
        return node;
    }

    private static string Initializer(string name, Tensor values, ICollection<Onnx.TensorProto> initializers)
    {
        using var data = values.detach().cpu().contiguous();
        var floats = data.data<float>().ToArray();
        var bytes = new byte[floats.Length * sizeof(float)];
        Buffer.BlockCopy(floats, 0, bytes, 0, bytes.Length); // little-endian, as ONNX raw_data requires
        initializers.Add(new Onnx.TensorProto { Name = name, DataType = (int)Onnx.TensorProto.Types.DataType.Float, Dims = { data.shape }, RawData = ByteString.CopyFrom(bytes) });
        return name;
    }

    private static Onnx.AttributeProto Ints(string name, IEnumerable<long> values) =>
        new() { Name = name, Type = Onnx.AttributeProto.Types.AttributeType.Ints, Ints = { values } };

    private static Onnx.AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = Onnx.AttributeProto.Types.AttributeType.Int, I = value };

    private static Onnx.ValueInfoProto Value(string name, long[] shape)
    {
        var tensorShape = new Onnx.TensorShapeProto();
        foreach (var size in shape)
            tensorShape.Dim.Add(size < 0 ? new Onnx.TensorShapeProto.Types.Dimension { DimParam = "batch" } : new Onnx.TensorShapeProto.Types.Dimension { DimValue = size });
        return new Onnx.ValueInfoProto
        {
            Name = name,
            Type = new Onnx.TypeProto { TensorType = new Onnx.TypeProto.Types.Tensor { ElemType = (int)Onnx.TensorProto.Types.DataType.Float, Shape = tensorShape } },
        };
    }
}
