namespace LeNet.Inference;

/// <summary>One way of reading a run of consecutive pieces of a line.</summary>
/// <param name="From">The first piece.</param>
/// <param name="To">One past the last piece.</param>
/// <param name="Box">Where the run's ink is, in the upright line.</param>
/// <param name="Score">Its contribution to a path's score: the log of its weighted probability (or the cost of leaving it unread).</param>
/// <param name="Prediction">What it is read as; null for a mark left unread as noise.</param>
public sealed record LineCandidate(int From, int To, PixelBox Box, double Score, DigitPrediction? Prediction);

/// <summary>
/// Everything the line reader did, for pictures and debugging: the upright ink, its pieces, every candidate
/// character it scored, and the path it chose.
/// </summary>
/// <param name="UprightInk">The ink after the slant was removed (cut to the rows and columns the ink reaches, when there was a
/// slant to remove); pieces and candidates refer to it.</param>
/// <param name="Shear">The slant removed (x moved by −shear × (y − middle row)).</param>
/// <param name="Geometry">The line's digit height and middle line, in the upright ink.</param>
/// <param name="Pieces">The over-segmentation, left to right.</param>
/// <param name="Candidates">Every run of pieces the network read.</param>
/// <param name="Path">The chosen readings, left to right (unread marks included, with no prediction).</param>
/// <param name="Reading">The result, with boxes in the original image.</param>
public sealed record LineAnalysis(GrayImage UprightInk, double Shear, LineGeometry Geometry, IReadOnlyList<InkPiece> Pieces,
    IReadOnlyList<LineCandidate> Candidates, IReadOnlyList<LineCandidate> Path, LineReading Reading);
