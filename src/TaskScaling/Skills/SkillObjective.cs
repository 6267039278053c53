using System.Runtime.Intrinsics;

namespace TaskScaling.Skills;

/// <summary>
/// Training objective of the skill model (spec §2.2, §3.1) with its exact gradient by hand-derived
/// reverse mode:
/// θ_i = [x_i, D_i]·W, z_ij = λ_jᵀθ_i + b_j, ŷ_ij = c_j + (1 − c_j)·g_j(z_ij), c_j = sigmoid(γ_j),
/// loss = mean over the n×J cells of SmoothL1_β(ŷ − y), β = 0.01 (h(r) = r²/(2β) if |r| &lt; β else |r| − β/2).
/// Cells are stored benchmark-major and padded to a multiple of 4 for vectorisation; padded cells carry a
/// zero upstream gradient, so they never contribute. All work buffers are allocated once; an evaluation
/// allocates nothing. Not thread-safe (one instance per thread).
/// </summary>
public sealed partial class SkillObjective
{
    public const double HuberBeta = 0.01;
    private const int H = SkillParameters.Hidden;

    public SkillParameters Layout { get; }
    public SkillDesign Design { get; }
    private readonly int _n, _np, _d, _j, _q;
    private readonly double[] _y;          // J×np
    private readonly double[] _theta, _dTheta; // d×np
    private readonly double[] _z, _g;            // prediction scratch (Predict)
    private readonly double[] _u, _a1, _a2, _o;   // network activations (Predict)
    private readonly double _invCells;
    private readonly double[] _mask, _scratchGrad;
    private readonly Vector512<double>[] _wb, _gacc, _lamAcc;

    /// <summary>
    /// SmoothL1 threshold β of this objective (default <see cref="HuberBeta"/>, the model's loss). Larger values
    /// are used only as a smoothing continuation inside an optimiser; every reported loss uses β = 0.01.
    /// </summary>
    public double Beta { get; set; } = HuberBeta;

    /// <summary>Training MAE (mean |ŷ − y|) at the last evaluated point.</summary>
    public double LastMae { get; private set; }

    public SkillObjective(SkillDesign design, double[,] scores, int skills, LinkKind link)
    {
        Design = design;
        _n = design.Rows; _np = SpanMath.Pad(Math.Max(_n, 1)); _d = skills; _j = scores.GetLength(1); _q = design.Columns;
        if (scores.GetLength(0) != _n) throw new ArgumentException("scores and design differ in rows");
        Layout = new SkillParameters(_q, _d, _j, link);
        _y = new double[_j * _np];
        for (int j = 0; j < _j; j++) for (int i = 0; i < _n; i++) _y[j * _np + i] = scores[i, j];
        _theta = new double[_d * _np]; _dTheta = new double[_d * _np];
        _z = new double[_np]; _g = new double[_np];
        if (link == LinkKind.Monotone)
        {
            _u = new double[_np]; _a1 = new double[H * _np]; _a2 = new double[H * _np];
            _o = new double[_np];
        }
        else { _u = _a1 = _a2 = _o = []; }
        _invCells = 1.0 / (_n * (double)_j);
        _mask = new double[_np];
        for (int i = 0; i < _n; i++) _mask[i] = 1.0;
        _scratchGrad = new double[Layout.Count];
        _wb = new Vector512<double>[SkillParameters.NetworkSize];
        _gacc = new Vector512<double>[SkillParameters.NetworkSize];
        _lamAcc = new Vector512<double>[_d];
    }

    public int Rows => _n;

    /// <summary>Loss at <paramref name="p"/>; fills <paramref name="grad"/> (same length) when not empty.</summary>
    public double Evaluate(ReadOnlySpan<double> p, Span<double> grad)
    {
        bool wantGrad = !grad.IsEmpty;
        if (!wantGrad) grad = _scratchGrad;
        grad.Clear();
        ComputeSkills(p, Design, _theta, _np);
        Array.Clear(_dTheta);
        double loss = 0, mae = 0;
        for (int j = 0; j < _j; j++) loss += BenchmarkKernel(j, p, grad, ref mae);
        // dW[col, k] += val · dθ_ik
        var L = Layout;
        var rs = Design.RowStart; var col = Design.Column; var val = Design.Value;
        for (int i = 0; i < _n; i++)
            for (int e = rs[i]; e < rs[i + 1]; e++)
            {
                int baseW = L.W + col[e] * _d;
                for (int k = 0; k < _d; k++) grad[baseW + k] += val[e] * _dTheta[k * _np + i];
            }
        LastMae = mae * _invCells;
        return loss * _invCells;
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
        SpanMath.TanhAffine(_z, 1.0, 0.0, _u);
        for (int k = 0; k < H; k++) SpanMath.TanhAffine(_u, w[SkillParameters.OffW1 + k], w[SkillParameters.OffV1 + k], _a1.AsSpan(k * np, np));
        for (int m = 0; m < H; m++)
        {
            var acc = _a2.AsSpan(m * np, np);
            acc.Fill(w[SkillParameters.OffV2 + m]);
            for (int k = 0; k < H; k++) SpanMath.Axpy(w[SkillParameters.OffW2 + m * H + k], _a1.AsSpan(k * np, np), acc);
            SpanMath.TanhInPlace(acc);
        }
        var o = _o.AsSpan();
        o.Clear();
        for (int m = 0; m < H; m++) SpanMath.Axpy(w[SkillParameters.OffW3 + m], _a2.AsSpan(m * np, np), o);
        SpanMath.SigmoidInPlace(o, w[SkillParameters.OffV3]);
        o.CopyTo(_g);
    }

    /// <summary>Predictions ŷ (rows×J) for any design with the same columns.</summary>
    public static double[,] Predict(ReadOnlySpan<double> p, SkillParameters layout, SkillDesign design)
    {
        int n = design.Rows, np = SpanMath.Pad(Math.Max(n, 1)), d = layout.Skills, J = layout.Benchmarks;
        var scratch = new SkillObjective(design, new double[n, J], d, layout.Link);
        var theta = new double[d * np];
        ComputeSkills(p, design, theta, np);
        var result = new double[n, J];
        for (int j = 0; j < J; j++)
        {
            var z = scratch._z.AsSpan();
            z.Fill(p[layout.B + j]);
            for (int k = 0; k < d; k++) SpanMath.Axpy(p[layout.Lambda + j * d + k], theta.AsSpan(k * np, np), z);
            if (layout.Link == LinkKind.Sigmoid) SpanMath.Sigmoid(z, scratch._g);
            else scratch.NetworkForward(p.Slice(layout.Network + j * SkillParameters.NetworkSize, SkillParameters.NetworkSize));
            double c = 1.0 / (1.0 + Math.Exp(-p[layout.Gamma + j]));
            for (int i = 0; i < n; i++) result[i, j] = c + (1 - c) * scratch._g[i];
        }
        return result;
    }

    /// <summary>Skills θ (rows×d) of a design.</summary>
    public static double[,] Skills(ReadOnlySpan<double> p, SkillParameters layout, SkillDesign design)
    {
        int n = design.Rows, np = SpanMath.Pad(Math.Max(n, 1)), d = layout.Skills;
        var theta = new double[d * np];
        ComputeSkills(p, design, theta, np);
        var r = new double[n, d];
        for (int i = 0; i < n; i++) for (int k = 0; k < d; k++) r[i, k] = theta[k * np + i];
        return r;
    }
}
