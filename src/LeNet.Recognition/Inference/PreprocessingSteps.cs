namespace LeNet.Inference;

/// <summary>Named intermediate images of a preprocessing run, in order, for <c>--show-steps</c> and the web page.</summary>
public sealed class PreprocessingSteps
{
    private readonly List<(string Name, GrayImage Image)> _steps = [];

    /// <summary>The recorded stages.</summary>
    public IReadOnlyList<(string Name, GrayImage Image)> Steps => _steps;

    /// <summary>Records a stage (a copy, so later steps cannot change it).</summary>
    public void Add(string name, GrayImage image) => _steps.Add((name, image.Clone()));
}
