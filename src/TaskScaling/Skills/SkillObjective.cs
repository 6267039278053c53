using TaskScaling.Numerics;

namespace TaskScaling.Skills;

/// <summary>
/// Training objective of the skill model (spec §2.2, §3.1) with its exact gradient by hand-derived
/// reverse mode:
/// θ_i = [x_i, D_i]·W, z_ij = λ_jᵀθ_i + b_j, ŷ_ij = c_j + (1 − c_j)·g_j(z_ij), c_j = sigmoid(γ_j),
/// loss = mean over the n×J cells of SmoothL1_β(ŷ − y), β = 0.01 (h(r) = r²/(2β) if |r| &lt; β else |r| − β/2).
/// The per-cell work runs in <see cref="SkillObjectiveKernel{T}"/>, in double or single precision
/// (<see cref="Precision"/>); cells are padded to a whole register and padded cells carry a zero upstream
/// gradient, so they never contribute. All work buffers are allocated once; an evaluation allocates nothing.
/// Not thread-safe (one instance per thread).
/// </summary>
internal sealed class SkillObjective
{
    public const double HuberBeta = 0.01;
    private const int H = SkillParameters.Hidden;

    public SkillParameters Layout { get; }
    public SkillDesign Design { get; }
    private readonly int _n, _np;
    private readonly double[] _z, _g;            // prediction scratch (Predict)
    private readonly double[] _u, _a1, _a2, _o;   // network activations (Predict)
    private readonly double[] _scratchGrad;
    private readonly double[,] _scores;
    private readonly SkillObjectiveKernel<double>? _double;
    private readonly SkillObjectiveKernel<float>? _single;

    /// <summary>Arithmetic of the per-cell work (parameters, gradients and the loss are always reported in double).</summary>
    public SkillPrecision Precision { get; }

    /// <summary>
    /// SmoothL1 threshold β of this objective (default <see cref="HuberBeta"/>, the model's loss). Larger values
    /// are used only as a smoothing continuation inside an optimiser; every reported loss uses β = 0.01.
    /// </summary>
    public double Beta { get; set; } = HuberBeta;

    /// <summary>Training MAE (mean |ŷ − y|) at the last evaluated point.</summary>
    public double LastMae { get; private set; }

    public SkillObjective(SkillDesign design, double[,] scores, int skills, LinkKind link,
        SkillPrecision precision = SkillPrecision.Double)
    {
        Design = design;
        _n = design.Rows; _np = VectorKernels.Pad(Math.Max(_n, 1));
        if (scores.GetLength(0) != _n) throw new ArgumentException("scores and design differ in rows");
        Layout = new SkillParameters(design.Columns, skills, scores.GetLength(1), link);
        Precision = precision;
        _scores = scores;
        if (precision == SkillPrecision.Single) _single = new SkillObjectiveKernel<float>(Layout, design, scores);
        else _double = new SkillObjectiveKernel<double>(Layout, design, scores);
        _z = new double[_np]; _g = new double[_np];
        if (link == LinkKind.Monotone)
        {
            _u = new double[_np]; _a1 = new double[H * _np]; _a2 = new double[H * _np];
            _o = new double[_np];
        }
        else { _u = _a1 = _a2 = _o = []; }
        _scratchGrad = new double[Layout.Count];
    }

    public int Rows => _n;

    /// <summary>The same objective (design, scores, d, link, β) computed in another precision (the scores array is shared, not copied).</summary>
    public SkillObjective InPrecision(SkillPrecision precision) =>
        precision == Precision ? this : new SkillObjective(Design, _scores, Layout.Skills, Layout.Link, precision) { Beta = Beta };

    /// <summary>Loss at <paramref name="p"/>; fills <paramref name="grad"/> (same length) when not empty.</summary>
    public double Evaluate(ReadOnlySpan<double> p, Span<double> grad)
    {
        if (grad.IsEmpty) grad = _scratchGrad;
        double mae;
        double loss = _single is not null ? _single.Evaluate(p, grad, Beta, out mae) : _double!.Evaluate(p, grad, Beta, out mae);
        LastMae = mae;
        return loss;
    }

    /// <summary>θ (d×stride, skill-major) of the design's rows.</summary>
    internal static void ComputeSkills(ReadOnlySpan<double> p, SkillDesign design, double[] theta, int stride)
    {
        int d = theta.Length / stride;
        Array.Clear(theta);
        var rs = design.RowStart; var col = design.Column; var val = design.Value;
        for (int i = 0; i < design.Rows; i++)
            for (int e = rs[i]; e < rs[i + 1]; e++)
            {
                int baseW = col[e] * d;
                for (int k = 0; k < d; k++) theta[k * stride + i] += val[e] * p[baseW + k];
            }
    }

    // Monotone network on the cells of one benchmark: u = tanh z, a1 = tanh(W1 u + v1), a2 = tanh(W2 a1 + v2),
    // o = W3 a2 + v3, g = sigmoid(o).
    private void NetworkForward(ReadOnlySpan<double> w)
    {
        int np = _np;
        VectorKernels.TanhAffine(_z, 1.0, 0.0, _u);
        for (int k = 0; k < H; k++) VectorKernels.TanhAffine(_u, w[SkillParameters.OffW1 + k], w[SkillParameters.OffV1 + k], _a1.AsSpan(k * np, np));
        for (int m = 0; m < H; m++)
        {
            var acc = _a2.AsSpan(m * np, np);
            acc.Fill(w[SkillParameters.OffV2 + m]);
            for (int k = 0; k < H; k++) VectorKernels.Axpy(w[SkillParameters.OffW2 + m * H + k], _a1.AsSpan(k * np, np), acc);
            VectorKernels.TanhInPlace(acc);
        }
        var o = _o.AsSpan();
        o.Clear();
        for (int m = 0; m < H; m++) VectorKernels.Axpy(w[SkillParameters.OffW3 + m], _a2.AsSpan(m * np, np), o);
        VectorKernels.SigmoidInPlace(o, w[SkillParameters.OffV3]);
        o.CopyTo(_g);
    }

    /// <summary>Predictions ŷ (rows×J) for any design with the same columns.</summary>
    public static double[,] Predict(ReadOnlySpan<double> p, SkillParameters layout, SkillDesign design)
    {
        int n = design.Rows, np = VectorKernels.Pad(Math.Max(n, 1)), d = layout.Skills, J = layout.Benchmarks;
        var scratch = new SkillObjective(design, new double[n, J], d, layout.Link);
        var theta = new double[d * np];
        ComputeSkills(p, design, theta, np);
        var result = new double[n, J];
        for (int j = 0; j < J; j++)
        {
            var z = scratch._z.AsSpan();
            z.Fill(p[layout.B + j]);
            for (int k = 0; k < d; k++) VectorKernels.Axpy(p[layout.Lambda + j * d + k], theta.AsSpan(k * np, np), z);
            if (layout.Link == LinkKind.Sigmoid) VectorKernels.Sigmoid(z, scratch._g);
            else scratch.NetworkForward(p.Slice(layout.Network + j * SkillParameters.NetworkSize, SkillParameters.NetworkSize));
            double c = 1.0 / (1.0 + Math.Exp(-p[layout.Gamma + j]));
            for (int i = 0; i < n; i++) result[i, j] = c + (1 - c) * scratch._g[i];
        }
        return result;
    }

    /// <summary>Skills θ (rows×d) of a design.</summary>
    public static double[,] Skills(ReadOnlySpan<double> p, SkillParameters layout, SkillDesign design)
    {
        int n = design.Rows, np = VectorKernels.Pad(Math.Max(n, 1)), d = layout.Skills;
        var theta = new double[d * np];
        ComputeSkills(p, design, theta, np);
        var r = new double[n, d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) r[i, k] = theta[k * np + i];
        return r;
    }
}
