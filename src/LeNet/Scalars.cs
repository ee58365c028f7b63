using LeNet.Training;
using TorchSharp;

namespace LeNet;

/// <summary>
/// Constant libtorch scalars, created once and kept alive for the process. TorchSharp's implicit conversions create a
/// Scalar per call that the finalizer may free while libtorch is still reading it (seen as a rare "toDouble" error
/// under concurrent load); ops on hot paths use these instead, and variable values use explicitly disposed scalars.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar SquareRootOfTwo = Math.Sqrt(2).ToScalar();
    public static readonly Scalar OutlierLabel = LossFunction.OutlierLabel.ToScalar();
    public static readonly Scalar OutlierWeight = LossFunction.OutlierWeight.ToScalar();
}
