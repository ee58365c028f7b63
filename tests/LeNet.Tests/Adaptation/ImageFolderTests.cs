using LeNet.Data;
using LeNet.Tests.Support;

namespace LeNet.Tests.Adaptation;

/// <summary>Folders of labelled images (a sub-folder per class), read as <c>predict</c> reads images — and refused clearly when they cannot make a dataset.</summary>
public sealed class ImageFolderTests
{
    [Fact]
    public void Classes_come_from_the_sub_folders_in_numeric_order_and_every_image_is_prepared_as_predict_prepares_it()
    {
        using var temp = new TempFolder();
        foreach (var label in new[] { "10", "2", "9" })
            LetterWriter.Save(temp.Path, label, LetterWriter.Write('T', 2, label.Length));

        var folder = ImageFolder.Read(temp.Path);

        Assert.Equal(["2", "9", "10"], folder.ClassNames);
        Assert.Equal([2, 2, 2], folder.PerClass());
        Assert.Equal(6 * 28 * 28, folder.Pixels.Length);
        Assert.Empty(folder.Skipped);
    }

    [Fact]
    public void An_unreadable_image_is_skipped_and_named_and_the_rest_is_kept()
    {
        using var temp = new TempFolder();
        LetterWriter.Save(temp.Path, "a", LetterWriter.Write('T', 3, 1));
        LetterWriter.Save(temp.Path, "b", LetterWriter.Write('X', 3, 2));
        File.WriteAllText(Path.Combine(temp.Path, "b", "broken.png"), "not an image");

        var folder = ImageFolder.Read(temp.Path);

        Assert.Equal(6, folder.Count);
        var skipped = Assert.Single(folder.Skipped);
        Assert.EndsWith("broken.png", skipped.Path);
        Assert.DoesNotContain(skipped.Path, skipped.Problem); // the problem alone; the path is beside it
    }

    [Fact]
    public void A_class_left_without_a_usable_image_is_refused_by_name()
    {
        using var temp = new TempFolder();
        LetterWriter.Save(temp.Path, "a", LetterWriter.Write('T', 3, 1));
        Directory.CreateDirectory(Path.Combine(temp.Path, "empty"));

        var error = Assert.Throws<LeNetException>(() => ImageFolder.Read(temp.Path));

        Assert.Contains("empty", error.Message);
        Assert.Contains("no usable image", error.Message);
    }

    [Fact]
    public void One_class_only_a_file_and_a_missing_folder_are_refused_with_the_reason()
    {
        using var temp = new TempFolder();
        LetterWriter.Save(temp.Path, "a", LetterWriter.Write('T', 2, 1));
        Assert.Contains("one class folder only (a)", Assert.Throws<LeNetException>(() => ImageFolder.Read(temp.Path)).Message);
        Assert.Equal(2, ImageFolder.Read(temp.Path, minimumClasses: 1).Count); // adapting to one class is fine

        var file = temp.File("a.png");
        File.WriteAllBytes(file, [1, 2, 3]);
        Assert.Contains("is a file", Assert.Throws<LeNetException>(() => ImageFolder.Read(file)).Message);
        Assert.Contains("does not exist", Assert.Throws<LeNetException>(() => ImageFolder.Read(temp.File("missing"))).Message);
    }

    [Fact]
    public void A_class_folder_with_more_files_than_the_stated_limit_is_refused_before_any_is_decoded()
    {
        using var temp = new TempFolder();
        LetterWriter.Save(temp.Path, "a", LetterWriter.Write('T', 1, 1));
        var crowded = Directory.CreateDirectory(Path.Combine(temp.Path, "b")).FullName;
        for (var i = 0; i <= ImageFolder.MaxFilesPerClass; i++)
            File.Create(Path.Combine(crowded, $"{i}.png")).Dispose();

        var error = Assert.Throws<LeNetException>(() => ImageFolder.Read(temp.Path));

        Assert.Contains($"more than {ImageFolder.MaxFilesPerClass:N0} images", error.Message);
    }
}
