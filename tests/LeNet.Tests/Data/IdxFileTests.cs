using LeNet.Data;
using LeNet.Tests.Support;

namespace LeNet.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, byte[] bytes)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Reads_the_header_dimensions_and_the_pixels_of_a_raw_file()
    {
        var path = Write("images", IdxWriter.Images(3, 4, 5));

        var idx = IdxFile.Read(path, expectedRank: 3);

        Assert.Equal([3, 4, 5], idx.Dimensions);
        Assert.Equal(60, idx.Data.Length);
        Assert.Equal((byte)(7 * 7 % 256), idx.Data[7]);
    }

    [Fact]
    public void Reads_gzipped_files_detected_by_content_not_name()
    {
        var path = Write("labels-without-gz-suffix", IdxWriter.Gzip(IdxWriter.Labels(1, 2, 3)));

        var idx = IdxFile.Read(path, expectedRank: 1);

        Assert.Equal([1, 2, 3], idx.Data);
    }

    [Fact]
    public void A_wrong_magic_number_is_reported_with_the_file_and_the_magic()
    {
        var path = Write("images", [.. IdxWriter.Header(0x12345678, 1, 1, 1), 0]);

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("0x12345678", error.Message);
    }

    [Fact]
    public void A_labels_file_given_where_images_are_expected_is_refused()
    {
        var path = Write("labels", IdxWriter.Labels(1, 2));

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Contains("declares 1 dimensions, expected 3", error.Message);
    }

    [Fact]
    public void A_truncated_payload_names_how_many_bytes_were_declared_and_found()
    {
        var whole = IdxWriter.Images(10, 28, 28);
        var path = Write("images", whole[..(whole.Length - 100)]);

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Contains("truncated", error.Message);
        Assert.Contains("7,840", error.Message);
    }

    [Fact]
    public void Dimensions_whose_product_is_absurd_are_refused_before_allocating()
    {
        var path = Write("images", IdxWriter.Header(0x0803, 100_000, 100_000, 100_000));

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Contains("more than", error.Message);
    }

    [Fact]
    public void A_gzip_file_cut_before_its_trailer_is_reported_as_cut()
    {
        var gzip = IdxWriter.Gzip(IdxWriter.Images(50, 28, 28));
        var path = Write("images.gz", gzip[..^8]); // the CRC-32 and length that close every gzip member

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Contains("trailer is missing", error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_reported_as_corrupt()
    {
        var gzip = IdxWriter.Gzip(IdxWriter.Images(50, 28, 28));
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[gzip.Length / 2 + 1] ^= 0xFF;
        var path = Write("images.gz", gzip);

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 3));

        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void Extra_bytes_after_the_declared_payload_are_refused()
    {
        var path = Write("labels", [.. IdxWriter.Labels(1, 2), 9]);

        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(path, 1));

        Assert.Contains("beyond", error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found()
    {
        var error = Assert.Throws<DataFileException>(() => IdxFile.Read(_folder.File("absent"), 1));

        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void The_checksum_covers_the_decompressed_content_exactly()
    {
        var bytes = IdxWriter.Images(2, 3, 3);
        var path = Write("images.gz", IdxWriter.Gzip(bytes));

        var sha = IdxFile.Read(path, 3).ComputeSha256();

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), sha);
    }
}
