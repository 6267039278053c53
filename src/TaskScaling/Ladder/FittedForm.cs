using TaskScaling.Numerics;
using TaskScaling.Numerics.Forms;
using TaskScaling.Numerics.LeastSquares;
using TaskScaling.Numerics.Uncertainty;

namespace TaskScaling.Ladder;

/// <summary>A fitted functional form: predictions, their delta-method standard errors, and the fit itself.</summary>
public sealed record FittedForm(IModel Model, FitResult Fit)
{
    /// <summary>Usable for prediction: the optimiser met a convergence test or ran out of iterations with
    /// finite parameters (the latter is reported in the message); a failed fit is not.</summary>
    public bool Usable => Fit.Status != FitStatus.Failed && Fit.Parameters.All(double.IsFinite);

    public double Predict(params double[] x) => Model.Evaluate(x, Fit.Parameters);

    /// <summary>Delta-method SE of the mean prediction, sqrt(g Σ gᵀ) with g = ∂f/∂p at x; NaN without covariance.</summary>
    public double StandardError(params double[] x) => DeltaMethod.StandardError(Model, Fit, x);

    /// <summary>df/dx for one-input forms (step 2), for chaining; NaN when the form does not know it.</summary>
    public double InputDerivative(double x) =>
        Model is IInputDerivative d ? d.InputDerivative(x, Fit.Parameters) : double.NaN;

    public IReadOnlyDictionary<string, double> Parameters =>
        Model.ParameterNames.Select((n, i) => (n, i)).ToDictionary(t => t.n, t => Fit.Parameters[t.i]);
}
