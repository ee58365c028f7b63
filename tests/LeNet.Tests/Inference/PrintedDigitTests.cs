using LeNet.Inference;
using LeNet.Tests.Support;
using Xunit.Abstractions;

namespace LeNet.Tests.Inference;

/// <summary>
/// Printed digits, as on forms: three DejaVu families the model never saw, photographed on paper the same way as the
/// MNIST photos. Handwriting the model never saw is measured by <see cref="HeldOutStylesTests"/>.
/// </summary>
public sealed class PrintedDigitTests(MnistTestDigits mnist, ITestOutputHelper output) : IClassFixture<MnistTestDigits>
{
    private const int SamplesPerDigit = 8;

    private double Accuracy(string[] families, int seed, out string perFont)
    {
        var missing = families.Where(f => !FontDigits.IsInstalled(f)).ToList();
        Assert.True(missing.Count == 0, $"fonts missing: {string.Join(", ", missing)}");
        var random = new Random(seed);
        var photos = new PaperPhotos(seed);
        var results = new List<string>();
        int correct = 0, total = 0;
        foreach (var family in families)
        {
            var fontCorrect = 0;
            for (var digit = 0; digit < 10; digit++)
            {
                for (var k = 0; k < SamplesPerDigit; k++)
                {
                    var photo = photos.Digit(FontDigits.Render((char)('0' + digit), family, random));
                    fontCorrect += mnist.Recognizer.Predict(photo).Label == digit.ToString(System.Globalization.CultureInfo.InvariantCulture) ? 1 : 0;
                }
            }
            results.Add($"{family} {fontCorrect * 100.0 / (10 * SamplesPerDigit):F0} %");
            correct += fontCorrect;
            total += 10 * SamplesPerDigit;
        }
        perFont = string.Join(", ", results);
        return (double)correct / total;
    }

    [Fact]
    public void Reads_printed_digits_as_on_forms()
    {
        var accuracy = Accuracy(FontDigits.Printed, seed: 37, out var perFont);
        TestReport.Write(output, $"Printed fonts, photographed ({FontDigits.Printed.Length} fonts × 10 digits × {SamplesPerDigit}): {accuracy:P1} ({perFont})");

        Assert.True(accuracy >= 0.85, $"{accuracy:P1}");
    }
}
