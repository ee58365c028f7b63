// Reads the handwritten digit in each image given on the command line, with the model bundled in LeNet.Recognition.
using LeNet.Inference;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: ReadADigit IMAGE...");
    return 2;
}

using var recognizer = DigitRecognizer.LoadBundled();
foreach (var path in args)
{
    var digit = recognizer.PredictFile(path);
    Console.WriteLine($"{path}: {digit.Display} ({digit.Probability:P1})");
}
return 0;
