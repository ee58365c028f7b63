using System.Reflection;
using System.Xml.Linq;
using LeNet.Inference;
using LeNet.Models;
using LeNet.Tests.Support;

namespace LeNet.Tests.Packaging;

/// <summary>
/// Each package depends only on what its users need: reading on SkiaSharp and .NET's own libraries alone, training without pictures or ONNX
/// Runtime. Checked on the projects (what they ask NuGet for) and on the built assemblies (what the code uses).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Heavy = ["TorchSharp", "Microsoft.ML.OnnxRuntime", "ScottPlot", "Google.Protobuf"];

    private static IEnumerable<string> ReferencedAssemblies(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(Path.Combine(Samples.RepositoryRoot(), "src", project, $"{project}.csproj"))
            .Descendants().Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference")
            .Select(e => e.Attribute("Include")!.Value);

    [Fact]
    public void The_reader_references_SkiaSharp_and_dotnet_libraries_only()
    {
        var assembly = typeof(DigitRecognizer).Assembly;

        Assert.Equal("LeNet.Recognition", assembly.GetName().Name);
        Assert.All(ReferencedAssemblies(assembly), name =>
            Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "SkiaSharp", $"LeNet.Recognition references {name}"));
        Assert.All(ProjectReferences("LeNet.Recognition"), name =>
            Assert.True(name.StartsWith("SkiaSharp", StringComparison.Ordinal) || name is "System.Numerics.Tensors", $"LeNet.Recognition asks NuGet for {name}"));
    }

    [Fact]
    public void Training_needs_neither_pictures_nor_ONNX_Runtime()
    {
        var assembly = typeof(ModelFile).Assembly;

        Assert.Equal("LeNet", assembly.GetName().Name);
        Assert.DoesNotContain(ReferencedAssemblies(assembly), name => Heavy.Skip(1).Any(h => name.StartsWith(h, StringComparison.Ordinal)));
        Assert.DoesNotContain(ProjectReferences("LeNet"), name => Heavy.Skip(1).Contains(name));
    }

    [Fact]
    public void Pictures_and_ONNX_live_in_their_own_packages()
    {
        Assert.Contains("ScottPlot", ReferencedAssemblies(typeof(Reporting.CurvesWriter).Assembly));
        Assert.Contains("Microsoft.ML.OnnxRuntime", ReferencedAssemblies(typeof(Export.OnnxExporter).Assembly));
        Assert.DoesNotContain(ProjectReferences("LeNet.Recognition"), name => Heavy.Contains(name) || name.EndsWith(".csproj", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("predict", "digit-7.jpg", false)]
    [InlineData("read", "line-012345.jpg", false)]
    [InlineData("calc", "sum-1.jpg", false)]
    [InlineData("predict", "digit-7.jpg", true)]
    public void The_command_line_loads_libtorch_only_for_the_torch_runtime(string command, string image, bool torch)
    {
        string[] args = torch ? [command, "--runtime", "torch", Samples.File(image)] : [command, Samples.File(image)];
        using var run = ChildProcess.StartLenet(new Dictionary<string, string> { ["LD_DEBUG"] = "files" }, args);

        Assert.Equal(0, run.WaitForExit(TimeSpan.FromMinutes(2)));
        Assert.Equal(torch, run.Output.Contains("libtorch_cpu.so", StringComparison.Ordinal));
    }
}
