using System.Diagnostics;
using LeNet.Inference;
using LeNet.IO;
using LeNet.Models;
using LeNet.Tests.Support;

namespace LeNet.Tests.Reliability;

/// <summary>
/// Files that are not what they claim, or not files at all: each is refused at once with a message naming it, and
/// nothing is read without bound or waited for forever.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static T Within<T>(TimeSpan limit, Func<T> action)
    {
        var task = Task.Run(action);
        Assert.True(task.Wait(limit), $"still running after {limit}");
        return task.Result;
    }

    private string Fifo()
    {
        var path = _temp.File("pipe.png");
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return path;
    }

    private string SymlinkLoop()
    {
        var (a, b) = (_temp.File("a.png"), _temp.File("b.png"));
        File.CreateSymbolicLink(a, b);
        File.CreateSymbolicLink(b, a);
        return a;
    }

    [Theory]
    [InlineData(int.MinValue, 1)]
    [InlineData(1, int.MinValue)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void A_BMP_declaring_an_absurd_size_is_refused_for_its_pixel_count(int width, int height)
    {
        var error = Assert.Throws<ImageException>(() => ImageDecoder.Decode(HostileImages.BmpDeclaring(width, height), "evil.bmp"));

        Assert.Equal(ImageProblem.TooManyPixels, error.Problem);
        Assert.StartsWith("evil.bmp: ", error.Message);
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_without_reading_it()
    {
        var error = Within(TimeSpan.FromSeconds(10), () => Assert.Throws<ImageException>(() => ImageDecoder.DecodeFile("/dev/zero")));

        Assert.Contains("/dev/zero: holds no data", error.Message);
    }

    [Fact]
    public void A_named_pipe_with_no_writer_is_refused_instead_of_waited_for()
    {
        var pipe = Fifo();

        var error = Within(TimeSpan.FromSeconds(10), () => Assert.Throws<ImageException>(() => ImageDecoder.DecodeFile(pipe)));

        Assert.Contains("pipe or device", error.Message);
    }

    [Fact]
    public void A_symbolic_link_loop_is_refused_naming_the_cause()
    {
        var loop = SymlinkLoop();

        var error = Assert.Throws<ImageException>(() => ImageDecoder.DecodeFile(loop));

        Assert.StartsWith(loop, error.Message);
        Assert.Contains("symbolic links", error.Message);
    }

    [Fact]
    public void Random_bytes_from_a_device_are_refused_as_a_model()
    {
        var error = Within(TimeSpan.FromSeconds(10), () => Assert.Throws<FileReadException>(() => DigitRecognizer.Load("/dev/urandom")));

        Assert.Equal(FileProblem.NotARegularFile, error.Problem);
    }

    [Fact]
    public void A_folder_given_as_a_model_is_called_a_folder()
    {
        var error = Assert.Throws<FileReadException>(() => ModelFile.Load(_temp.Path));

        Assert.Equal($"{_temp.Path}: is a folder, not a model file", error.Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var path = _temp.File("big.bin");
        File.WriteAllBytes(path, new byte[5_000]);

        var error = Assert.Throws<FileReadException>(() => BoundedFile.Read(path, 4_096, "image"));

        Assert.Equal(FileProblem.TooLarge, error.Problem);
        Assert.Equal(5_000, BoundedFile.Read(path, 5_000, "image").Length);
    }
}
