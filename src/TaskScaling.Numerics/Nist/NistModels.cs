namespace TaskScaling.Numerics.Nist;

/// <summary>
/// The model functions of the 27 NIST StRD nonlinear-regression problems, each with its analytic gradient
/// ∂f/∂b. Several problems share a form (Misra1a/BoxBOD, Chwirut1/2, Gauss1–3, Lanczos1–3, Hahn1/Thurber).
/// Nelson's certified fit is of ln y, so its response must be log-transformed (<see cref="LogResponse"/>).
/// </summary>
public static class NistModels
{
    private static readonly Dictionary<string, IModel> ByProblem = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Misra1a"] = ExponentialRise("Misra1a"),
        ["BoxBOD"] = ExponentialRise("BoxBOD"),
        ["Chwirut1"] = Chwirut("Chwirut1"),
        ["Chwirut2"] = Chwirut("Chwirut2"),
        ["Lanczos1"] = Lanczos("Lanczos1"),
        ["Lanczos2"] = Lanczos("Lanczos2"),
        ["Lanczos3"] = Lanczos("Lanczos3"),
        ["Gauss1"] = Gauss("Gauss1"),
        ["Gauss2"] = Gauss("Gauss2"),
        ["Gauss3"] = Gauss("Gauss3"),
        ["DanWood"] = Make("DanWood", 2, "b1*x**b2",
            (x, b) => b[0] * Math.Pow(x[0], b[1]),
            (x, b, g) => { double p = Math.Pow(x[0], b[1]); g[0] = p; g[1] = b[0] * p * Math.Log(x[0]); }),
        ["Misra1b"] = Make("Misra1b", 2, "b1*(1-(1+b2*x/2)**(-2))",
            (x, b) => { double u = 1 + b[1] * x[0] / 2; return b[0] * (1 - 1 / (u * u)); },
            (x, b, g) => { double u = 1 + b[1] * x[0] / 2; g[0] = 1 - 1 / (u * u); g[1] = b[0] * x[0] / (u * u * u); }),
        ["Kirby2"] = Make("Kirby2", 5, "(b1+b2*x+b3*x**2)/(1+b4*x+b5*x**2)",
            (x, b) => { double t = x[0]; return (b[0] + b[1] * t + b[2] * t * t) / (1 + b[3] * t + b[4] * t * t); },
            (x, b, g) =>
            {
                double t = x[0], num = b[0] + b[1] * t + b[2] * t * t, den = 1 + b[3] * t + b[4] * t * t, q = num / (den * den);
                g[0] = 1 / den; g[1] = t / den; g[2] = t * t / den; g[3] = -q * t; g[4] = -q * t * t;
            }),
        ["Hahn1"] = RationalCubic("Hahn1"),
        ["Thurber"] = RationalCubic("Thurber"),
        ["Nelson"] = Make("Nelson", 3, "log(y) = b1 - b2*x1*exp(-b3*x2)",
            (x, b) => b[0] - b[1] * x[0] * Math.Exp(-b[2] * x[1]),
            (x, b, g) => { double e = Math.Exp(-b[2] * x[1]); g[0] = 1; g[1] = -x[0] * e; g[2] = b[1] * x[0] * x[1] * e; }, inputs: 2),
        ["MGH17"] = Make("MGH17", 5, "b1 + b2*exp(-x*b4) + b3*exp(-x*b5)",
            (x, b) => b[0] + b[1] * Math.Exp(-x[0] * b[3]) + b[2] * Math.Exp(-x[0] * b[4]),
            (x, b, g) =>
            {
                double e4 = Math.Exp(-x[0] * b[3]), e5 = Math.Exp(-x[0] * b[4]);
                g[0] = 1; g[1] = e4; g[2] = e5; g[3] = -b[1] * x[0] * e4; g[4] = -b[2] * x[0] * e5;
            }),
        ["Misra1c"] = Make("Misra1c", 2, "b1*(1-(1+2*b2*x)**(-.5))",
            (x, b) => b[0] * (1 - 1 / Math.Sqrt(1 + 2 * b[1] * x[0])),
            (x, b, g) => { double u = 1 + 2 * b[1] * x[0], r = 1 / Math.Sqrt(u); g[0] = 1 - r; g[1] = b[0] * x[0] * r / u; }),
        ["Misra1d"] = Make("Misra1d", 2, "b1*b2*x*((1+b2*x)**(-1))",
            (x, b) => b[0] * b[1] * x[0] / (1 + b[1] * x[0]),
            (x, b, g) => { double u = 1 + b[1] * x[0]; g[0] = b[1] * x[0] / u; g[1] = b[0] * x[0] / (u * u); }),
        ["Roszman1"] = Make("Roszman1", 4, "b1 - b2*x - arctan[b3/(x-b4)]/pi",
            (x, b) => b[0] - b[1] * x[0] - Math.Atan(b[2] / (x[0] - b[3])) / Math.PI,
            (x, b, g) =>
            {
                double d = x[0] - b[3], t = b[2] / d, w = 1 / (Math.PI * (1 + t * t));
                g[0] = 1; g[1] = -x[0]; g[2] = -w / d; g[3] = -w * b[2] / (d * d);
            }),
        ["ENSO"] = Make("ENSO", 9, "b1 + b2*cos(2*pi*x/12) + b3*sin(2*pi*x/12) + b5*cos(2*pi*x/b4) + b6*sin(2*pi*x/b4) + b8*cos(2*pi*x/b7) + b9*sin(2*pi*x/b7)",
            (x, b) =>
            {
                double w = 2 * Math.PI * x[0];
                return b[0] + b[1] * Math.Cos(w / 12) + b[2] * Math.Sin(w / 12)
                     + b[4] * Math.Cos(w / b[3]) + b[5] * Math.Sin(w / b[3])
                     + b[7] * Math.Cos(w / b[6]) + b[8] * Math.Sin(w / b[6]);
            },
            (x, b, g) =>
            {
                double w = 2 * Math.PI * x[0];
                double c4 = Math.Cos(w / b[3]), s4 = Math.Sin(w / b[3]), c7 = Math.Cos(w / b[6]), s7 = Math.Sin(w / b[6]);
                g[0] = 1; g[1] = Math.Cos(w / 12); g[2] = Math.Sin(w / 12);
                // d/db4 of cos(w/b4) = sin(w/b4)·w/b4², of sin(w/b4) = −cos(w/b4)·w/b4².
                g[3] = (b[4] * s4 - b[5] * c4) * w / (b[3] * b[3]); g[4] = c4; g[5] = s4;
                g[6] = (b[7] * s7 - b[8] * c7) * w / (b[6] * b[6]); g[7] = c7; g[8] = s7;
            }),
        ["MGH09"] = Make("MGH09", 4, "b1*(x**2+x*b2) / (x**2+x*b3+b4)",
            (x, b) => { double t = x[0]; return b[0] * (t * t + t * b[1]) / (t * t + t * b[2] + b[3]); },
            (x, b, g) =>
            {
                double t = x[0], num = t * t + t * b[1], den = t * t + t * b[2] + b[3], q = b[0] * num / (den * den);
                g[0] = num / den; g[1] = b[0] * t / den; g[2] = -q * t; g[3] = -q;
            }),
        ["Rat42"] = Make("Rat42", 3, "b1 / (1+exp[b2-b3*x])",
            (x, b) => b[0] / (1 + Math.Exp(b[1] - b[2] * x[0])),
            (x, b, g) =>
            {
                double e = Math.Exp(b[1] - b[2] * x[0]), u = 1 + e;
                g[0] = 1 / u; g[1] = -b[0] * e / (u * u); g[2] = b[0] * x[0] * e / (u * u);
            }),
        ["MGH10"] = Make("MGH10", 3, "b1 * exp[b2/(x+b3)]",
            (x, b) => b[0] * Math.Exp(b[1] / (x[0] + b[2])),
            (x, b, g) =>
            {
                double d = x[0] + b[2], e = Math.Exp(b[1] / d);
                g[0] = e; g[1] = b[0] * e / d; g[2] = -b[0] * e * b[1] / (d * d);
            }),
        ["Eckerle4"] = Make("Eckerle4", 3, "(b1/b2) * exp[-0.5*((x-b3)/b2)**2]",
            (x, b) => { double z = (x[0] - b[2]) / b[1]; return b[0] / b[1] * Math.Exp(-0.5 * z * z); },
            (x, b, g) =>
            {
                double z = (x[0] - b[2]) / b[1], e = Math.Exp(-0.5 * z * z);
                g[0] = e / b[1]; g[1] = b[0] / (b[1] * b[1]) * e * (z * z - 1); g[2] = b[0] / (b[1] * b[1]) * e * z;
            }),
        ["Rat43"] = Make("Rat43", 4, "b1 / ((1+exp[b2-b3*x])**(1/b4))",
            (x, b) => b[0] / Math.Pow(1 + Math.Exp(b[1] - b[2] * x[0]), 1 / b[3]),
            (x, b, g) =>
            {
                double e = Math.Exp(b[1] - b[2] * x[0]), u = 1 + e, p = Math.Pow(u, -1 / b[3]);
                g[0] = p; g[1] = -b[0] * p * e / (u * b[3]); g[2] = b[0] * p * x[0] * e / (u * b[3]);
                g[3] = b[0] * p * Math.Log(u) / (b[3] * b[3]);
            }),
        ["Bennett5"] = Make("Bennett5", 3, "b1 * (b2+x)**(-1/b3)",
            (x, b) => b[0] * Math.Pow(b[1] + x[0], -1 / b[2]),
            (x, b, g) =>
            {
                double v = b[1] + x[0], p = Math.Pow(v, -1 / b[2]);
                g[0] = p; g[1] = -b[0] * p / (b[2] * v); g[2] = b[0] * p * Math.Log(v) / (b[2] * b[2]);
            }),
    };

    /// <summary>The names of all problems with a model here, sorted.</summary>
    public static IReadOnlyList<string> Problems { get; } = ByProblem.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    /// <summary>The model of a NIST problem (by file name, e.g. "MGH09"); null when unknown.</summary>
    public static IModel? For(string problem) => ByProblem.GetValueOrDefault(problem);

    /// <summary>True for problems whose certified fit is of ln y rather than y (Nelson).</summary>
    public static bool LogResponse(string problem) => string.Equals(problem, "Nelson", StringComparison.OrdinalIgnoreCase);

    private static IModel Make(string name, int p, string formula, FunctionModel.Function f, FunctionModel.GradientFunction g, int inputs = 1) =>
        new FunctionModel($"{name}: y = {formula}", Enumerable.Range(1, p).Select(i => $"b{i}").ToArray(), inputs, f, g);

    /// <summary>exp(c·x) without the rounding error of the product: with a = fl(c·x) and e = c·x − a (exact by
    /// FMA), exp(c·x) = exp(a)·exp(e) ≈ exp(a) + exp(a)·e.</summary>
    private static double ExpOfProduct(double c, double x)
    {
        double a = c * x;
        double e = Math.FusedMultiplyAdd(c, x, -a);
        double ea = Math.Exp(a);
        return Math.FusedMultiplyAdd(ea, e, ea);
    }

    private static IModel ExponentialRise(string name) => Make(name, 2, "b1*(1-exp[-b2*x])",
        (x, b) => b[0] * (1 - Math.Exp(-b[1] * x[0])),
        (x, b, g) => { double e = Math.Exp(-b[1] * x[0]); g[0] = 1 - e; g[1] = b[0] * x[0] * e; });

    private static IModel Chwirut(string name) => Make(name, 3, "exp[-b1*x]/(b2+b3*x)",
        (x, b) => Math.Exp(-b[0] * x[0]) / (b[1] + b[2] * x[0]),
        (x, b, g) =>
        {
            double e = Math.Exp(-b[0] * x[0]), q = b[1] + b[2] * x[0];
            g[0] = -x[0] * e / q; g[1] = -e / (q * q); g[2] = -x[0] * e / (q * q);
        });

    private static IModel Lanczos(string name) => Make(name, 6, "b1*exp(-b2*x) + b3*exp(-b4*x) + b5*exp(-b6*x)",
        // Lanczos1's residuals (RSS ≈ 1.4e-25) sit a few ulps above rounding, so every rounding saved shows in
        // its residual standard deviation: exponentials with the argument's rounding error put back, and
        // fused multiply-adds.
        (x, b) => Math.FusedMultiplyAdd(b[0], ExpOfProduct(-b[1], x[0]),
            Math.FusedMultiplyAdd(b[2], ExpOfProduct(-b[3], x[0]), b[4] * ExpOfProduct(-b[5], x[0]))),
        (x, b, g) =>
        {
            for (int k = 0; k < 3; k++)
            {
                double e = Math.Exp(-b[2 * k + 1] * x[0]);
                g[2 * k] = e; g[2 * k + 1] = -b[2 * k] * x[0] * e;
            }
        });

    private static IModel Gauss(string name) => Make(name, 8, "b1*exp(-b2*x) + b3*exp(-(x-b4)**2/b5**2) + b6*exp(-(x-b7)**2/b8**2)",
        (x, b) =>
        {
            double t = x[0], u = (t - b[3]) / b[4], v = (t - b[6]) / b[7];
            return b[0] * Math.Exp(-b[1] * t) + b[2] * Math.Exp(-u * u) + b[5] * Math.Exp(-v * v);
        },
        (x, b, g) =>
        {
            double t = x[0], e = Math.Exp(-b[1] * t);
            g[0] = e; g[1] = -b[0] * t * e;
            for (int k = 0; k < 2; k++)
            {
                int a = 2 + 3 * k; // amplitude, centre, width at a, a+1, a+2
                double d = t - b[a + 1], w = b[a + 2], u = d / w, gk = Math.Exp(-u * u);
                g[a] = gk; g[a + 1] = b[a] * gk * 2 * d / (w * w); g[a + 2] = b[a] * gk * 2 * d * d / (w * w * w);
            }
        });

    private static IModel RationalCubic(string name) => Make(name, 7, "(b1+b2*x+b3*x**2+b4*x**3)/(1+b5*x+b6*x**2+b7*x**3)",
        (x, b) =>
        {
            double t = x[0], t2 = t * t, t3 = t2 * t;
            return (b[0] + b[1] * t + b[2] * t2 + b[3] * t3) / (1 + b[4] * t + b[5] * t2 + b[6] * t3);
        },
        (x, b, g) =>
        {
            double t = x[0], t2 = t * t, t3 = t2 * t;
            double num = b[0] + b[1] * t + b[2] * t2 + b[3] * t3, den = 1 + b[4] * t + b[5] * t2 + b[6] * t3, q = num / (den * den);
            g[0] = 1 / den; g[1] = t / den; g[2] = t2 / den; g[3] = t3 / den; g[4] = -q * t; g[5] = -q * t2; g[6] = -q * t3;
        });
}
