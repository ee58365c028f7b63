using LeNet.Inference;

namespace LeNet.Tests.Inference;

/// <summary>Which of the marks running down a photo of squared paper are its rules: those on the grid the rules across make.</summary>
public sealed class RuleGridTests
{
    private static readonly double[] Across = [20, 70, 120];

    [Fact]
    public void Marks_down_the_page_a_step_of_the_rules_across_apart_are_rules_and_a_stroke_between_them_is_not()
    {
        var down = RuleGrid.Down([11, 61, 85, 111.5, 160, 210], slope: 0.03, acrossSlope: -0.03, Across, length: 240, standAlone: _ => false);

        Assert.Equal([11, 61, 111.5, 160, 210], down);
    }

    [Fact]
    public void Marks_that_make_no_grid_are_no_rules()
    {
        Assert.Empty(RuleGrid.Down([30, 95, 205], slope: 0, acrossSlope: 0, Across, length: 240, standAlone: _ => false));
        // Half the grid's places along the page hold no rule: two strokes a step apart by chance.
        Assert.Empty(RuleGrid.Down([30, 80], slope: 0, acrossSlope: 0, Across, length: 400, standAlone: _ => false));
    }

    [Fact]
    public void Marks_at_a_turn_of_their_own_are_no_rules_down_the_page()
    {
        Assert.Empty(RuleGrid.Down([10, 60, 110, 160], slope: 0.1, acrossSlope: 0, Across, length: 200, standAlone: _ => true));
    }

    [Fact]
    public void With_one_rule_across_the_step_is_the_marks_own_and_three_must_keep_it()
    {
        Assert.Equal([10, 55, 100], RuleGrid.Down([10, 55, 100], slope: 0, acrossSlope: 0, [40], length: 130, standAlone: _ => false));
        Assert.Empty(RuleGrid.Down([10, 55], slope: 0, acrossSlope: 0, [40], length: 90, standAlone: _ => false));
    }

    [Fact]
    public void A_mark_running_down_the_whole_photo_stands_alone()
    {
        Assert.Equal([64], RuleGrid.Down([64], slope: 0, acrossSlope: 0, Across, length: 120, standAlone: offset => offset == 64));
    }

    [Fact]
    public void The_grid_s_places_just_outside_the_photo_are_lifted_and_those_inside_where_a_faint_rule_runs()
    {
        double? None(double place) => null;

        Assert.Equal([-20, 40, 100, 160], RuleGrid.Extended([40, 100, 160], length: 170, None));
        Assert.Equal([-20, 40, 100, 160, 220], RuleGrid.Extended([40, 100, 160], length: 195, None));
        // Inside the photo a place holds a rule where a faint one is found near it (at 201, and in the gap at 79).
        Assert.Equal([80, 140], RuleGrid.Extended([80, 140], length: 210, None));
        Assert.Equal([20, 80, 140, 201], RuleGrid.Extended([80, 140], length: 210, place => place >= 200 ? place + 1 : place));
        Assert.Equal([-1, 19, 39, 59, 79, 99, 119], RuleGrid.Extended([19, 39, 59, 99], length: 110, place => place is > 70 and < 90 ? 79 : null));
        Assert.Equal([40], RuleGrid.Extended([40], length: 200, None));
    }
}
