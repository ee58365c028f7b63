namespace LeNet.Models;

/// <summary>The pretrained models that ship inside the library.</summary>
public enum BundledModel
{
    /// <summary>LeNet-5 reading the ten digits: MNIST plus generated handwriting of many writers and fonts.</summary>
    Digits,

    /// <summary>LeNet-5 reading the digits and + − × ÷ / = ( ): handwritten arithmetic.</summary>
    Math,
}
