using static TorchSharp.torch;

namespace LeNet.Models.Paper;

/// <summary>
/// A network whose outputs are Euclidean RBF units over its last hidden layer, so that its loss is dominated by the
/// squared distance ‖x − w_D‖² of those features x to the correct class's prototype (Hessian 2I in x).
/// </summary>
public interface IRbfNetwork
{
    /// <summary>The features x that the RBF units read, <c>[N, features]</c>.</summary>
    Tensor Features(Tensor input);
}
