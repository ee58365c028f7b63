using LeNet.Data;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace LeNet.Tests.Data;

public sealed class AugmenterTests
{
    private const double Background = -0.5;

    private static Tensor Digits()
    {
        // A bright 8×8 square in the middle of a background image: easy to reason about.
        var images = full([4, 1, 28, 28], Background);
        images[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(10, 18), TensorIndex.Slice(10, 18)] = tensor(2.0f);
        return images;
    }

    [Theory]
    [InlineData(AugmentationKind.Affine)]
    [InlineData(AugmentationKind.Elastic)]
    public void The_same_seed_epoch_and_batch_draw_the_same_distortion(AugmentationKind kind)
    {
        var augmenter = new Augmenter(kind, seed: 5, Background);

        using var a = augmenter.Apply(Digits(), epoch: 2, batch: 7);
        using var b = augmenter.Apply(Digits(), epoch: 2, batch: 7);
        using var c = augmenter.Apply(Digits(), epoch: 2, batch: 8);

        Assert.True(a.allclose(b, rtol: 0, atol: 0));
        Assert.False(a.allclose(c, rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData(AugmentationKind.Affine)]
    [InlineData(AugmentationKind.Elastic)]
    public void Distortion_moves_ink_but_keeps_the_background_and_roughly_the_amount_of_ink(AugmentationKind kind)
    {
        using var original = Digits();
        using var distorted = new Augmenter(kind, seed: 1, Background).Apply(original, epoch: 1, batch: 0);

        Assert.False(distorted.allclose(original, rtol: 0, atol: 0));
        Assert.Equal(Background, distorted[0, 0, 0, 0].item<float>(), 4);   // corners stay background
        var inkBefore = (original - Background).sum().item<float>();
        var inkAfter = (distorted - Background).sum().item<float>();
        Assert.InRange(inkAfter / inkBefore, 0.6, 1.5);                      // scaling changes it within ±~30 %
    }

    [Theory]
    [InlineData(28, 28)] // eight pixels at a time, the last eight overlapping
    [InlineData(9, 13)]
    [InlineData(5, 7)]   // narrower than eight: one pixel at a time
    public void The_warp_of_single_images_samples_where_affine_grid_and_grid_sample_do(int height, int width)
    {
        // Random images and matrices whose shifts and scales carry part of the image outside, where the background
        // comes in, and sample some pixels far outside it.
        using var generator = new Generator(3);
        using var images = rand([6, 1, height, width], generator: generator).mul(3).sub(1);
        var thetas = rand([6, 2, 3], generator: generator).mul(0.8).sub(0.4).add(eye(2, 3)).data<float>().ToArray();

        using var warped = AffineWarp.Apply(images, thetas, (float)Background);

        using var grid = F.affine_grid(tensor(thetas, [6, 2, 3]), [6, 1, height, width], align_corners: false);
        using var expected = F.grid_sample(images - Background, grid, align_corners: false) + Background;
        Assert.Equal([6, 1, height, width], warped.shape);
        Assert.True(warped.allclose(expected, rtol: 0, atol: 1e-5), $"largest difference {(warped - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void A_single_image_is_distorted_as_it_would_be_in_a_batch_of_one_drawn_the_same_way()
    {
        var augmenter = new Augmenter(AugmentationKind.Affine, seed: 5, Background);
        using var one = Digits().narrow(0, 0, 1);

        using var fast = augmenter.Apply(one, epoch: 2, batch: 7);              // the C# warp
        using var general = augmenter.Apply(cat([one, one]), epoch: 2, batch: 7); // affine_grid and grid_sample

        Assert.True(fast.allclose(general.narrow(0, 0, 1), rtol: 0, atol: 1e-5)); // the first draw of the same stream
    }

    [Fact]
    public void No_augmentation_returns_the_batch_untouched()
    {
        using var original = Digits();

        var result = new Augmenter(AugmentationKind.None, 1, Background).Apply(original, 1, 0);

        Assert.Same(original, result);
    }
}
