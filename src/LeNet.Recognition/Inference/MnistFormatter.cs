namespace LeNet.Inference;

/// <summary>
/// Puts ink into MNIST's form (LeCun, Cortes and Burges): the ink's bounding box scaled to fit a 20 × 20 box keeping
/// its aspect ratio, anti-aliased, then placed in a 28 × 28 field so that its centre of mass is at the centre.
/// </summary>
public static class MnistFormatter
{
    /// <summary>The side of the box the digit is scaled into.</summary>
    public const int DigitBox = 20;
    /// <summary>The side of the network's input.</summary>
    public const int FieldSize = 28;
    /// <summary>MNIST strokes are about 2.5 px wide in the 28 × 28 field; thinner pen strokes are thickened to about this.</summary>
    private const double TargetStrokeWidth = 2.2;

    /// <summary>
    /// The whole recipe from a grey image of any size: ink extraction, then formatting of all the ink as one digit.
    /// The field is null when the image holds no ink.
    /// </summary>
    public static (InkImage Ink, GrayImage? Field) Prepare(GrayImage image, PreprocessingSteps? steps = null)
    {
        var ink = InkExtractor.Extract(image, steps);
        return (ink, ink.Bounds is { } bounds ? Format(ink.Ink, bounds, steps) : null);
    }

    /// <summary>
    /// Formats the ink inside <paramref name="box"/> as a 28 × 28 MNIST digit (ink bright, values in [0, 1]).
    /// <paramref name="ink"/> is only read: a box covering all of it is used as it is rather than copied (the line
    /// reader formats every candidate from a crop of its own).
    /// </summary>
    public static GrayImage Format(GrayImage ink, PixelBox box, PreprocessingSteps? steps = null)
    {
        var crop = box == new PixelBox(0, 0, ink.Width, ink.Height) ? ink : ink.Crop(box);
        steps?.Add("cropped", crop);
        var scale = (float)DigitBox / Math.Max(crop.Width, crop.Height);
        crop = Thicken(crop, scale);

        var width = Math.Clamp((int)MathF.Round(crop.Width * scale), 1, DigitBox);
        var height = Math.Clamp((int)MathF.Round(crop.Height * scale), 1, DigitBox);
        var digit = ImageOps.Resize(crop, width, height);
        var peak = digit.Pixels.Max();
        if (peak > 0)
        {
            for (var i = 0; i < digit.Pixels.Length; i++)
                digit.Pixels[i] = Math.Min(1f, digit.Pixels[i] / peak);
        }
        steps?.Add("fitted in 20×20", digit);

        var field = CentreByMass(digit);
        steps?.Add("28×28, mass centred", field);
        return field;
    }

    /// <summary>
    /// Estimates stroke width as 2 × area / perimeter of the ink, and dilates strokes that would end up thinner than
    /// MNIST's after scaling by <paramref name="scale"/> (a fine pen photographed at high resolution).
    /// </summary>
    private static GrayImage Thicken(GrayImage crop, float scale)
    {
        int area = 0, perimeter = 0;
        for (var y = 0; y < crop.Height; y++)
        {
            for (var x = 0; x < crop.Width; x++)
            {
                if (crop[x, y] < 0.5f)
                    continue;
                area++;
                if (x == 0 || y == 0 || x == crop.Width - 1 || y == crop.Height - 1 ||
                    crop[x - 1, y] < 0.5f || crop[x + 1, y] < 0.5f || crop[x, y - 1] < 0.5f || crop[x, y + 1] < 0.5f)
                    perimeter++;
            }
        }
        if (area == 0 || perimeter == 0)
            return crop;
        var strokeWidth = 2.0 * area / perimeter;
        var wanted = TargetStrokeWidth / scale;
        var radius = (int)Math.Round((wanted - strokeWidth) / 2);
        return radius >= 1 ? ImageOps.Extremum(crop, radius, max: true) : crop;
    }

    private static GrayImage CentreByMass(GrayImage digit)
    {
        double mass = 0, sumX = 0, sumY = 0;
        for (var y = 0; y < digit.Height; y++)
        {
            for (var x = 0; x < digit.Width; x++)
            {
                var v = digit[x, y];
                mass += v;
                sumX += v * (x + 0.5);
                sumY += v * (y + 0.5);
            }
        }
        var (centreX, centreY) = mass > 0 ? (sumX / mass, sumY / mass) : (digit.Width / 2.0, digit.Height / 2.0);
        var left = (int)Math.Round(FieldSize / 2.0 - centreX);
        var top = (int)Math.Round(FieldSize / 2.0 - centreY);
        // Keep the whole digit inside the field even when its mass sits far off-centre (a 7's bar, a 1's flag).
        left = Math.Clamp(left, 0, FieldSize - digit.Width);
        top = Math.Clamp(top, 0, FieldSize - digit.Height);
        var field = GrayImage.Blank(FieldSize, FieldSize);
        for (var y = 0; y < digit.Height; y++)
            for (var x = 0; x < digit.Width; x++)
                field[left + x, top + y] = digit[x, y];
        return field;
    }
}
