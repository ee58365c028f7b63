using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeNet.Data;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Models;
using LeNet.Tests.Support;

namespace LeNet.Tests.Reliability;

/// <summary>Random bytes, and random mutations of valid files: every reader answers with a result or its own clear error.</summary>
public sealed class RandomInputProperties
{
    private static readonly byte[] ValidLabels = IdxWriter.Labels(1, 2, 3, 4, 5);
    private static readonly byte[] ValidPng = LeNet.Reporting.Png.Encode(GrayImage.Blank(40, 30, 0.5f));
    private static readonly byte[] BundledWeights = SectionFile.Parse(ModelFileContent.BundledBytes(BundledModel.Digits), "bundled", "model file")["weights"];

    private static bool CleanOutcome<TError>(Action read) where TError : Exception
    {
        try
        {
            read();
            return true;
        }
        catch (TError)
        {
            return true;
        }
    }

    private static byte[] Mutate(byte[] valid, int position, byte value, int cut)
    {
        var copy = valid[..Math.Max(0, valid.Length - Math.Abs(cut) % (valid.Length + 1))];
        if (copy.Length > 0)
            copy[Math.Abs(position) % copy.Length] = value;
        return copy;
    }

    [FuzzProperty]
    public bool The_IDX_reader_returns_or_reports_for_any_bytes(byte[] bytes)
    {
        using var temp = new TempFolder();
        var path = temp.File("any.idx");
        File.WriteAllBytes(path, bytes);
        return CleanOutcome<DataFileException>(() => IdxFile.Read(path, 1)) && CleanOutcome<DataFileException>(() => IdxFile.Read(path, 3));
    }

    [FuzzProperty]
    public bool The_IDX_reader_returns_or_reports_for_mutated_files(int position, byte value, int cut)
    {
        using var temp = new TempFolder();
        var path = temp.File("labels.idx");
        File.WriteAllBytes(path, Mutate(ValidLabels, position, value, cut));
        return CleanOutcome<DataFileException>(() => IdxFile.Read(path, 1));
    }

    [FuzzProperty]
    public bool The_image_decoder_returns_or_reports_for_any_bytes(byte[] bytes) =>
        CleanOutcome<ImageException>(() => ImageDecoder.Decode(bytes, "any"));

    [FuzzProperty]
    public bool The_image_decoder_returns_or_reports_for_mutated_PNGs(int position, byte value, int cut) =>
        CleanOutcome<ImageException>(() => ImageDecoder.Decode(Mutate(ValidPng, position, value, cut), "mutated.png"));

    [FuzzProperty]
    public bool The_model_file_reader_returns_or_reports_for_any_bytes(byte[] bytes) =>
        CleanOutcome<LeNetException>(() => SectionFile.Parse(bytes, "any.lenet", "model file"));

    [FuzzProperty]
    public bool The_image_decoder_returns_or_reports_for_BMP_headers_declaring_any_size(int width, int height) =>
        CleanOutcome<ImageException>(() => ImageDecoder.Decode(HostileImages.BmpDeclaring(width, height), "any.bmp"));

    [FuzzProperty]
    public bool The_image_decoder_returns_or_reports_for_PNG_headers_declaring_any_size(int width, int height) =>
        CleanOutcome<ImageException>(() => ImageDecoder.Decode(HostileImages.PngDeclaring(width, height), "any.png"));

    [FuzzProperty]
    public bool The_weights_reader_returns_or_reports_for_mutated_weights(int position, byte value, int cut) =>
        // Past the checksums (a file whose section was rewritten with a fresh SHA-256): the tensor parser itself.
        CleanOutcome<LeNetException>(() => TorchSharpWeights.Parse(Mutate(BundledWeights, position, value, cut), "mutated.lenet"));
}
