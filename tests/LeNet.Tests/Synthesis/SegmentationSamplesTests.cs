using LeNet.Synthesis;
using static LeNet.Synthesis.SegmentationSamples;

namespace LeNet.Tests.Synthesis;

/// <summary>How a candidate run of pieces is labelled for the network: a character, junk, or neither.</summary>
public sealed class SegmentationSamplesTests
{
    // Two written characters: a digit of 400 inked pixels and a minus of 40.
    private static readonly int[] Totals = [400, 40];

    [Fact]
    public void A_whole_character_alone_is_that_character()
    {
        Assert.Equal((RunKind.Character, 0), Judge([400, 0], Totals, 400, () => true));
    }

    [Fact]
    public void A_digit_with_the_small_operator_beside_it_is_junk_though_most_of_its_ink_is_the_digit()
    {
        // 91 % of the ink is the digit's: purity alone would call this "the digit", and the reader would drop the minus.
        Assert.Equal(RunKind.Junk, Judge([400, 40], Totals, 440, () => true).Kind);
    }

    [Fact]
    public void A_digit_with_a_sliver_of_its_neighbour_is_not_taught_either_way()
    {
        Assert.Equal(RunKind.Unclear, Judge([400, 10], [400, 200], 410 + 40, () => true).Kind);
    }

    [Fact]
    public void Two_digits_at_once_are_junk()
    {
        Assert.Equal(RunKind.Junk, Judge([400, 300], [400, 300], 700, () => true).Kind);
    }

    [Fact]
    public void A_part_cut_out_of_a_character_is_junk_but_a_whole_stroke_of_it_is_not()
    {
        Assert.Equal(RunKind.Junk, Judge([200, 0], Totals, 200, () => false).Kind);
        Assert.Equal(RunKind.Unclear, Judge([200, 0], Totals, 200, () => true).Kind);
    }
}
