namespace LeNet.Inference;

/// <summary>One line of writing in a photo that may hold several (a worksheet of sums, a column of numbers).</summary>
/// <param name="Band">The rows of the photo the line was read from, the photo's full width.</param>
/// <param name="Analysis">Every step of reading it, in the band's own coordinates.</param>
/// <param name="Reading">The line as read, its boxes in the photo's coordinates.</param>
public sealed record PageLine(PixelBox Band, LineAnalysis Analysis, LineReading Reading);
