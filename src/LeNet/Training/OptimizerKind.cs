namespace LeNet.Training;

/// <summary>The optimizers <c>--optimizer</c> offers.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with (optional) momentum.</summary>
    Sgd,
}

/// <summary>The learning-rate schedules <c>--schedule</c> offers.</summary>
public enum ScheduleKind
{
    /// <summary>A constant learning rate.</summary>
    None,

    /// <summary>Multiply the rate by 0.1 every third of the run (StepLR).</summary>
    Step,

    /// <summary>One-cycle: warm up to the rate, then anneal far below it (Smith and Topin, 2018), stepped per batch.</summary>
    OneCycle,
}
