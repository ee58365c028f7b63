using LeNet.Inference;
using LeNet.Web;

namespace LeNet.Tests.Web;

public sealed class WarmUpTests
{
    [Fact]
    public void The_warm_up_photo_goes_the_whole_way_a_request_goes_and_is_read_as_a_seven()
    {
        using var reader = DigitRecognizer.LoadBundled();

        var reading = reader.Predict(WarmUp.Photo(), "warm-up photo");

        // Read, not refused as blank or as a blob: every stage of the reading path ran.
        Assert.Equal("7", reading.Label);
        Assert.False(reading.Unsure);
    }
}
