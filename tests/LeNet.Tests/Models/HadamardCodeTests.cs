using LeNet.Models;
using LeNet.Models.Paper;

namespace LeNet.Tests.Models;

/// <summary>The error-correcting output code of <c>--arch paper-ecc</c>, beside the paper's digit bitmaps.</summary>
public sealed class HadamardCodeTests
{
    private static int[] Places(float[] codes, int digit) => [.. codes[(digit * 84)..((digit + 1) * 84)].Select(v => (int)v)];

    private static int Differences(float[] codes, int a, int b) => Places(codes, a).Zip(Places(codes, b)).Count(p => p.First != p.Second);

    [Fact]
    public void Every_two_digits_codes_differ_in_half_their_places()
    {
        var codes = HadamardCode.Prototypes();

        Assert.Equal(840, codes.Length);
        Assert.All(codes, v => Assert.True(v is 1 or -1));
        for (var a = 0; a < 10; a++)
        {
            Assert.Equal(42, Places(codes, a).Count(v => v == 1));
            for (var b = a + 1; b < 10; b++)
                Assert.Equal(42, Differences(codes, a, b));
        }
    }

    [Fact]
    public void The_papers_bitmaps_of_0_and_8_are_five_places_apart()
    {
        Assert.Equal(5, Differences(DigitBitmaps.Prototypes(), 0, 8)); // why the code is offered in their place
    }

    [Fact]
    public void The_paper_ecc_network_reads_with_the_code_and_the_paper_network_with_the_bitmaps()
    {
        using var ecc = (PaperLeNet5)Architecture.FromName("paper-ecc").Create();
        using var paper = (PaperLeNet5)Architecture.FromName("paper").Create();

        Assert.Equal(HadamardCode.Prototypes(), ecc.OutputCodes);
        Assert.Equal(DigitBitmaps.Prototypes(), paper.OutputCodes);
        Assert.Equal(paper.parameters().Sum(p => p.numel()), ecc.parameters().Sum(p => p.numel()));
    }
}
