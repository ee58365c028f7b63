using LeNet.Arithmetic;
using LeNet.Inference;
using LeNet.Synthesis;

namespace LeNet.Tests.Synthesis;

/// <summary>The handwriting generator: every class has skeletons, writers and samples are reproducible, splits are disjoint.</summary>
public sealed class GeneratorTests
{
    [Fact]
    public void Every_class_of_the_math_model_can_be_written_by_a_pen_and_every_skeleton_parses()
    {
        var hand = new PenHand(Writers.Of(StyleSplit.Train, 0));

        foreach (var label in Symbols.Math)
            Assert.True(hand.CanWrite(label), label);
        foreach (var skeleton in GlyphSkeletons.All)
        {
            var glyph = hand.Write(skeleton, 60, new Random(1));
            var least = skeleton.Label == Symbols.MultiplicationDot ? 4 : 20;
            Assert.True(glyph.Ink.Pixels.Count(v => v > 0.5f) > least, $"{skeleton.Name} left almost no ink");
        }
    }

    [Fact]
    public void The_variants_people_write_are_all_there()
    {
        string[] expected = ["1 flag", "1 flag-foot", "1 stroke", "7 crossed", "7 plain", "4 open", "4 closed", "9 straight", "9 curved", "2 loop", "2 plain",
            "0 slashed", "0 oval", "6 curl", "6 two-strokes", "8 one-stroke", "8 two-loops", "× cursive-x", "× asterisk", "÷ colon", "÷ obelus"];

        Assert.All(expected, name => Assert.Contains(GlyphSkeletons.All, g => g.Name == name));
    }

    [Fact]
    public void A_writer_and_a_seed_always_write_the_same_ink()
    {
        var first = new PenHand(Writers.Of(StyleSplit.Validation, 3)).Write("7", 50, new Random(42));
        var second = new PenHand(Writers.Of(StyleSplit.Validation, 3)).Write("7", 50, new Random(42));

        Assert.Equal(first.Variant, second.Variant);
        Assert.Equal(first.Ink.Pixels, second.Ink.Pixels);
    }

    [Fact]
    public void Writers_of_different_splits_are_different_people()
    {
        var seeds = Enum.GetValues<StyleSplit>().SelectMany(split => Enumerable.Range(0, 500).Select(i => Writers.Of(split, i).Seed)).ToList();

        Assert.Equal(seeds.Count, seeds.Distinct().Count());
    }

    [Fact]
    public void The_stable_hash_is_the_same_in_every_process()
    {
        // FNV-1a over the characters, then the four bytes of 0, masked to 31 bits (computed independently by hand).
        Assert.Equal(1_281_215_095, StableHash.Of("writer/Train", 0));
    }

    [Fact]
    public void Font_families_are_split_whole_and_related_families_share_a_split()
    {
        var byFamily = FontCatalog.All.GroupBy(f => f.Family).ToList();
        Assert.All(byFamily, g => Assert.Single(g));
        Assert.Equal(FontCatalog.All.Count, FontCatalog.All.Select(f => f.FileName).Distinct().Count());
        Assert.Equal(StyleSplit.Test, FontCatalog.All.Single(f => f.Family == "Caveat").Split);
        Assert.Equal(StyleSplit.Test, FontCatalog.All.Single(f => f.Family == "Caveat Brush").Split);
        Assert.True(FontCatalog.Of(StyleSplit.Test).Count() >= 15);
        Assert.True(FontCatalog.Of(StyleSplit.Validation).Count() >= 8);
    }

    [Fact]
    public void Generated_characters_do_not_depend_on_the_thread_count()
    {
        var pens = Writers.Hands(StyleSplit.Train, 20);
        var sampling = new GlyphSampling(PerClass: 6, PhotoChance: 0.5);

        var one = GlyphSampler.Generate(pens, [], Symbols.Math, sampling, seed: 5, threads: 1);
        var two = GlyphSampler.Generate(pens, [], Symbols.Math, sampling, seed: 5, threads: 2);

        Assert.Equal(one.Pixels, two.Pixels);
        Assert.Equal(one.Labels, two.Labels);
        Assert.Equal(Symbols.Math.Count * 6, one.Count);
        Assert.All(Enumerable.Range(0, one.Count), i => Assert.True(one.Field(i).Pixels.Max() > 0.5f, $"sample {i} ({one.Variants[i]}) is blank"));
    }

    [Fact]
    public void Touching_neighbours_share_ink_and_the_others_stand_apart()
    {
        var hand = new PenHand(Writers.Of(StyleSplit.Train, 7));
        for (var seed = 0; seed < 20; seed++)
        {
            var line = LineComposer.Write(hand, ["4", "7", "1", "0", "9"], new LineLayout(48, TouchingChance: 0.5), new Random(seed));
            var ink = InkExtractor.Extract(line.Ink);
            for (var i = 0; i < line.Characters.Count - 1; i++)
            {
                var (left, right) = (line.Characters[i].Box, line.Characters[i + 1].Box);
                if (line.Touching.Contains(i))
                    Assert.True(right.Left <= left.Right, $"seed {seed}: characters {i} and {i + 1} should touch");
            }
            // Every touching pair is one blob: fewer blobs than characters by at least the touching count.
            Assert.True(ink.Blobs.Count(b => b.Box.Height > 20) <= line.Characters.Count - line.Touching.Count + 2);
        }
    }

    [Fact]
    public void A_writer_who_writes_times_as_a_dot_writes_a_dot_for_every_times_and_the_truth_stays_times()
    {
        var hand = new PenHand(Writers.Of(StyleSplit.Train, 3));
        string[] text = ["3", Symbols.Times, "4", Symbols.Plus, "2", Symbols.Times, "5"];

        var dotted = LineComposer.Write(hand, text, new LineLayout(48, DotChance: 1), new Random(1));
        var crossed = LineComposer.Write(hand, text, new LineLayout(48), new Random(1));

        Assert.True(dotted.DotsForTimes);
        Assert.Equal("3×4+2×5", dotted.Text);
        Assert.All(dotted.Characters.Where(c => c.Label == Symbols.Times), c => Assert.True(c.Box.Width < 12 && c.Box.Height < 12, $"{c.Variant}: {c.Box}"));
        Assert.False(crossed.DotsForTimes);
        Assert.All(crossed.Characters.Where(c => c.Label == Symbols.Times), c => Assert.True(c.Box.Height > 12, $"{c.Variant}: {c.Box}"));
    }

    [Fact]
    public void A_dot_asked_for_in_the_text_is_written_as_a_dot_and_is_a_times_in_the_truth()
    {
        var hand = new PenHand(Writers.Of(StyleSplit.Train, 3));

        var line = LineComposer.Write(hand, ["3", Symbols.MultiplicationDot, "4", Symbols.Times, "5"], new LineLayout(48), new Random(1));

        Assert.Equal("3×4×5", line.Text);
        Assert.True(line.DotsForTimes);
        Assert.True(line.Characters[1].Box.Width < 12 && line.Characters[1].Box.Height < 12, $"{line.Characters[1].Variant}: {line.Characters[1].Box}");
        Assert.True(line.Characters[3].Box.Height > 12, $"{line.Characters[3].Variant}: {line.Characters[3].Box}");
    }

    [Fact]
    public void A_sign_stands_clear_of_its_neighbours_never_tucked_under_a_flag_or_over_a_colon()
    {
        string[] text = ["9", Symbols.Minus, "5", Symbols.Divide, "5", Symbols.Times, "7", Symbols.Plus, "2", Symbols.Slash, "4", Symbols.EqualsSign];
        for (var writer = 0; writer < 40; writer++)
        {
            var hand = new PenHand(Writers.Of(StyleSplit.Train, writer));
            var line = LineComposer.Write(hand, text, new LineLayout(48), new Random(writer));
            for (var i = 0; i < line.Characters.Count - 1; i++)
            {
                var (left, right) = (line.Characters[i].Box, line.Characters[i + 1].Box);
                Assert.True(right.Left > left.Right, $"writer {writer}: '{text[i]}' ends at column {left.Right}, '{text[i + 1]}' starts at {right.Left}");
            }
        }
    }

    [Fact]
    public void Generated_sums_can_always_be_computed()
    {
        var hand = new PenHand(Writers.Of(StyleSplit.Test, 1));
        for (var seed = 0; seed < 300; seed++)
        {
            var text = LineTexts.Arithmetic(new Random(seed), hand);
            var result = Calculator.Evaluate(text);
            Assert.True(result.Error is null, $"{text}: {result.Error}");
        }
    }

    [Fact]
    public void Ruled_paper_prints_its_rules_across_the_whole_photo_and_leaves_the_rest_of_the_paper_as_it_was()
    {
        // No writing and no turn: the photo on ruled paper is the one on plain paper with darker rows every 20 pixels.
        var ruling = new Ruling(Spacing: 20, Phase: 5, Thickness: 2, Darkness: 0.5, Followed: true);
        var plain = PaperPhoto.Expose(GrayImage.Blank(200, 60), new Random(3), maxRotation: 0);
        var ruled = PaperPhoto.Expose(GrayImage.Blank(200, 60), new Random(3), maxRotation: 0, ruling);

        var darker = Enumerable.Range(0, plain.Height)
            .Select(y => Enumerable.Range(0, plain.Width).Average(x => plain[x, y] - ruled[x, y])).ToList();

        Assert.True(darker.Count(d => d > 0.1) >= plain.Height / 20 - 1, "a rule every 20 rows");
        Assert.True(darker.Count(d => d < 0.001) > plain.Height / 2, "paper between the rules untouched");
        Assert.All(Enumerable.Range(0, plain.Height).Where(y => darker[y] > 0.1),
            y => Assert.True(Enumerable.Range(0, plain.Width).All(x => ruled[x, y] < plain[x, y]), $"row {y} ruled all the way across"));
    }

    [Fact]
    public void Squared_paper_prints_rules_down_the_photo_as_far_apart_as_those_across()
    {
        var squared = new Ruling(Spacing: 20, Phase: 5, Thickness: 2, Darkness: 0.5, Followed: true, Across: 12);
        var plain = PaperPhoto.Expose(GrayImage.Blank(200, 60), new Random(3), maxRotation: 0);
        var photo = PaperPhoto.Expose(GrayImage.Blank(200, 60), new Random(3), maxRotation: 0, squared);

        var darker = Enumerable.Range(0, plain.Width)
            .Select(x => Enumerable.Range(0, plain.Height).Average(y => plain[x, y] - photo[x, y])).ToList();

        var ruled = Enumerable.Range(0, plain.Width).Where(x => darker[x] > 0.1).ToList();
        Assert.InRange(ruled.Count, 2 * (plain.Width / 20 - 1), 3 * plain.Width / 20);
        Assert.All(ruled, x => Assert.True(Enumerable.Range(0, plain.Height).All(y => photo[x, y] < plain[x, y]), $"column {x} ruled all the way down"));
        var starts = ruled.Where(x => !ruled.Contains(x - 1)).ToList();
        Assert.All(starts.Zip(starts.Skip(1), (a, b) => b - a), gap => Assert.InRange(gap, 19, 21));
    }

    [Fact]
    public void Squared_paper_s_squares_are_about_a_character_high()
    {
        var rulings = Enumerable.Range(0, 200).Select(i => Ruling.On(Paper.Squared, height: 40, baseline: 100, new Random(i))!).ToList();

        Assert.All(rulings, r => Assert.InRange(r.Spacing, 0.95 * 40, 1.6 * 40));
        Assert.All(rulings, r => Assert.InRange(r.Across!.Value, 0, r.Spacing));
        Assert.Null(Ruling.On(Paper.Plain, 40, 100, new Random(1)));
        Assert.Null(Ruling.On(Paper.Ruled, 40, 100, new Random(1))!.Across);
    }

    [Fact]
    public void Lines_on_ruled_paper_are_the_lines_written_on_plain_paper()
    {
        var pens = Writers.Hands(StyleSplit.Validation, 4);

        var plain = LinePhotos.Create(pens, [], LineKind.Arithmetic, count: 4, seed: 6);
        var ruled = LinePhotos.Create(pens, [], LineKind.Arithmetic, count: 4, seed: 6, paper: Paper.Ruled);
        var squared = LinePhotos.Create(pens, [], LineKind.Arithmetic, count: 4, seed: 6, paper: Paper.Squared);

        Assert.Equal(plain.Select(p => p.Text), ruled.Select(p => p.Text));
        Assert.Equal(plain.Select(p => p.Text), squared.Select(p => p.Text));
        Assert.NotEqual(plain[0].Photo, ruled[0].Photo);
        Assert.NotEqual(ruled[0].Photo, squared[0].Photo);
    }

    [Fact]
    public void A_writer_who_follows_the_rules_stands_each_line_on_the_next_rule_down()
    {
        var ruling = new Ruling(Spacing: 60, Phase: 50, Thickness: 2, Darkness: 0.3, Followed: true);

        var baseline = ruling.Snap(130, height: 40, new Random(1));

        Assert.InRange(baseline, 170 - 40 * 0.12, 170 + 40 * 0.05);
        var across = ruling with { Followed = false };
        Assert.Equal(130, across.Snap(130, 40, new Random(1)));
    }

    [Fact]
    public void A_photo_is_dark_ink_on_light_paper_that_decodes()
    {
        var glyph = new PenHand(Writers.Of(StyleSplit.Train, 2)).Write("8", 60, new Random(3));

        var photo = ImageDecoder.Decode(PaperPhoto.Take(glyph.Ink, new Random(4)), "photo");

        Assert.True(photo.Width > glyph.Ink.Width && photo.Height > glyph.Ink.Height);
        Assert.True(ImageOps.Percentile(photo, 0.5) > 0.5f, "the paper should be light");
        Assert.True(photo.Pixels.Min() < 0.45f, "the ink should be dark");
    }
}
