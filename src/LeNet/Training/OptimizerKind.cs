namespace LeNet.Training;

/// <summary>The optimizers <c>--optimizer</c> offers.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015).</summary>
    Adam,

    /// <summary>Stochastic gradient descent with (optional) momentum.</summary>
    Sgd,

    /// <summary>The paper's stochastic diagonal Levenberg–Marquardt (<see cref="DiagonalLevenbergMarquardt"/>).</summary>
    Sdlm,
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

    /// <summary>
    /// LeCun et al. (1998): the rate for 2 passes, then ×0.4 for 3, ×0.2 for 3, ×0.1 for 4 and ×0.02 after that
    /// (0.0005, 0.0002, 0.0001, 0.00005, 0.00001 from the paper's 0.0005).
    /// </summary>
    Paper,
}

/// <summary>How <c>sdlm</c> estimates its curvature h_kk before each pass (<c>--curvature</c>).</summary>
public enum CurvatureKind
{
    /// <summary>The Gauss–Newton diagonal in expectation, from sampled directions (any network).</summary>
    Sampled,

    /// <summary>The paper's own: second derivatives back-propagated without off-diagonal terms (the paper network only).</summary>
    BackPropagated,
}
