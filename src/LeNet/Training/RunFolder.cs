using System.Globalization;
using System.Text;
using LeNet.IO;

namespace LeNet.Training;

/// <summary>The files a training run writes into its <c>--out</c> folder, each written atomically.</summary>
public sealed record RunFolder(string Path)
{
    /// <summary>The trained model.</summary>
    public string Model => System.IO.Path.Combine(Path, "model.lenet");

    /// <summary>The resumable checkpoint, rewritten after every epoch and on interruption.</summary>
    public string Checkpoint => System.IO.Path.Combine(Path, "checkpoint.lenet");

    /// <summary>Per-epoch metrics as CSV.</summary>
    public string MetricsCsv => System.IO.Path.Combine(Path, "metrics.csv");

    /// <summary>Per-epoch metrics as JSON.</summary>
    public string MetricsJson => System.IO.Path.Combine(Path, "metrics.json");

    /// <summary>Loss and accuracy curves (drawn by LeNet.Reporting's <c>CurvesWriter</c> when a front end adds it).</summary>
    public string Curves => System.IO.Path.Combine(Path, "curves.png");

    /// <summary>Writes metrics.csv and metrics.json for the epochs so far.</summary>
    public void WriteMetrics(IReadOnlyList<EpochMetrics> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,test_loss,test_accuracy,learning_rate,seconds,examples_per_second\n");
        foreach (var m in history)
        {
            csv.AppendLine(string.Join(',', new object[]
            {
                m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValidationLoss, m.ValidationAccuracy, m.TestLoss, m.TestAccuracy,
                m.LearningRate, m.Seconds, m.ExamplesPerSecond,
            }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }
        AtomicFile.WriteText(MetricsCsv, csv.ToString());
        AtomicFile.WriteBytes(MetricsJson, Json.ToBytes(history));
    }
}
