using LeNet.Training;
using TorchSharp;

namespace LeNet;

/// <summary>
/// Constant libtorch scalars, created once and kept alive for the process. TorchSharp's implicit conversions create a
/// Scalar per call that the finalizer may free while libtorch is still reading it (seen as a rare "toDouble" or
/// "toFloat" error under concurrent load); ops on hot paths use these instead, and variable values use explicitly
/// disposed scalars. TorchSharp's own shorthands do the same inside: tensor <c>+</c> is <c>add(other, 1)</c> and
/// <c>square()</c> is <c>pow(2)</c>, so those paths write <c>add(other, Scalars.One)</c> and <c>pow(Scalars.Two)</c>.
/// </summary>
internal static class Scalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Two = 2.ToScalar();
    public static readonly Scalar Tiny = 1e-8f.ToScalar();
    public static readonly Scalar SquareRootOfTwo = Math.Sqrt(2).ToScalar();
    public static readonly Scalar OutlierLabel = LossFunction.OutlierLabel.ToScalar();
    public static readonly Scalar OutlierWeight = LossFunction.OutlierWeight.ToScalar();
}
