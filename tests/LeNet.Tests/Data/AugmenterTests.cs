using LeNet.Data;
using static TorchSharp.torch;

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

    [Fact]
    public void No_augmentation_returns_the_batch_untouched()
    {
        using var original = Digits();

        var result = new Augmenter(AugmentationKind.None, 1, Background).Apply(original, 1, 0);

        Assert.Same(original, result);
    }
}
