using System.Text.Json;
using System.Text.Json.Nodes;
using TaskScaling.Data.SavedFits;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>A fitted skill model saved to a file and read back predicts exactly as the fit it came from.</summary>
public sealed class SkillModelTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("skill-model").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static SkillsFitReport Fit(int d) => d == 1 ? SkillModelTestFits.D1 : SkillModelTestFits.D3;

    private string Save(SkillModel model, string name = "model.json")
    {
        var path = Path.Combine(_dir, name);
        SkillModelFile.Write(path, model, [new InputChecksum("sloth/data_v2.csv", new string('0', 64))]);
        return path;
    }

    [Theory]
    [InlineData(1, LinkKind.Sigmoid)]
    [InlineData(1, LinkKind.Monotone)]
    [InlineData(3, LinkKind.Sigmoid)]
    [InlineData(3, LinkKind.Monotone)]
    public void PredictionsFromTheFileEqualTheFittedModels(int d, LinkKind link)
    {
        var report = Fit(d);
        var inMemory = report.ToModel();
        var loaded = SkillModelFile.Read(Save(inMemory)).Payload;
        var fitted = link == LinkKind.Sigmoid ? report.Sigmoid : report.Monotone!;
        Assert.Equal(link, fitted.Link);
        int compared = 0;
        foreach (var (family, size, tokens) in SkillModelTestFits.Targets(inMemory))
        {
            // The fitter's own result on the new model's design row, the in-memory model and the loaded one.
            var design = SkillDesign.Build(fitted.Design.Covariates, fitted.Design.Intercept, fitted.Design.FamilyNames,
                [size], [tokens], [6 * size * tokens], [fitted.Design.FamilyNames.ToList().IndexOf(family)]);
            var expected = fitted.Predict(design);
            var fromMemory = inMemory.Predict(family, size, tokens, link);
            var fromFile = loaded.Predict(family, size, tokens, link);
            Assert.Equal(report.Benchmarks, fromFile.Select(p => p.Benchmark));
            for (int j = 0; j < report.Benchmarks.Count; j++, compared++)
            {
                Assert.Equal(expected[0, j], fromMemory[j].Score, 1e-12);
                Assert.Equal(expected[0, j], fromFile[j].Score, 1e-12);
                // Shortest round-trip doubles and the same forward pass: bit-identical.
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[0, j]), BitConverter.DoubleToInt64Bits(fromFile[j].Score));
            }
        }
        Assert.Equal(2 * inMemory.Families.Count * report.Benchmarks.Count, compared);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void EveryFittedNumberRoundTrips(int d)
    {
        var model = Fit(d).ToModel();
        var path = Save(model);
        var saved = SkillModelFile.Read(path);
        var back = saved.Payload;
        Assert.Equal("skills", saved.Kind);
        Assert.Equal(SavedFitFile.CurrentVersion, saved.Version);
        Assert.Equal("sloth/data_v2.csv", Assert.Single(saved.Inputs).Path);
        Assert.Equal(model.Benchmarks, back.Benchmarks);
        Assert.Equal(model.Families, back.Families);
        Assert.Equal(model.LowerBounds, back.LowerBounds);
        Assert.Equal((model.Covariates, model.Intercept, model.Skills, model.Seed), (back.Covariates, back.Intercept, back.Skills, back.Seed));
        Assert.Equal(model.FitOptions.LearningRates, back.FitOptions.LearningRates);
        Assert.Equal(JsonSerializer.Serialize(model.FitOptions, SavedFitFile.Options), JsonSerializer.Serialize(back.FitOptions, SavedFitFile.Options));
        Assert.Equal(model.TrainingModels, back.TrainingModels);
        Assert.Equal(model.Sigmoid.Parameters, back.Sigmoid.Parameters);
        Assert.Equal(model.Monotone!.Parameters, back.Monotone!.Parameters);
        Assert.Equal(model.Sigmoid with { Parameters = [] }, back.Sigmoid with { Parameters = [] });
        Assert.Equal(model.Monotone with { Parameters = [] }, back.Monotone with { Parameters = [] });
        var (a, b) = (model.Interpretation, back.Interpretation);
        Assert.Equal(a.Loadings, b.Loadings);
        Assert.Equal(a.Correlation, b.Correlation);
        Assert.Equal(a.Coefficients, b.Coefficients);
        Assert.Equal(a.CoefficientNames, b.CoefficientNames);
        Assert.Equal(a.Families, b.Families);
        Assert.Equal(a.Translation, b.Translation);
        Assert.Equal(a.TrainingSkills, b.TrainingSkills);
        Assert.Equal(a.Rotation?.Phi, b.Rotation?.Phi);
        Assert.Equal(d > 1, b.Rotation is not null);
        // Writing the loaded model again gives the same bytes (no timestamp; shortest round-trip numbers).
        Assert.Equal(File.ReadAllText(path), SkillModelFile.ToJson(back, saved.Inputs));
    }

    [Fact]
    public void TheFileNamesTheParametersAndTheInputs()
    {
        var model = Fit(1).ToModel();
        var table = Path.Combine(_dir, "table.csv");
        File.WriteAllText(table, "a,b\n1,2\n");
        var path = Path.Combine(_dir, "named.json");
        SkillModelFile.Write(path, model, [table]);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("skills", (string?)root["kind"]);
        Assert.Equal(table, (string?)root["inputs"]![0]!["path"]);
        Assert.Equal(InputChecksum.Of(table).Sha256, (string?)root["inputs"]![0]!["sha256"]);
        var payload = root["payload"]!;
        Assert.Equal("log10SizeLog10Tokens", (string?)payload["covariates"]);
        Assert.Equal("family", (string?)payload["intercept"]);
        Assert.Equal(model.Families.Count, payload["families"]!.AsArray().Count);
        var links = payload["links"]!.AsArray();
        Assert.Equal(["sigmoid", "monotone"], links.Select(l => (string?)l!["link"]));
        var sigmoid = links[0]!;
        Assert.Equal(3, sigmoid["slopes"]!.AsArray().Count);
        Assert.Equal(model.Families.Count, sigmoid["intercepts"]!.AsArray().Count);
        // The slope of log10 S on the skill is A's first entry: W[0, 0] of the flat vector.
        Assert.Equal(model.Sigmoid.Parameters[0], (double)sigmoid["slopes"]![0]![0]!);
        // c = sigmoid(γ) held by stage 1 at the chance levels (through logit_ε, ε = 1e-5).
        var c = sigmoid["lowerAsymptotes"]!.AsArray().Select(v => (double)v!).ToArray();
        for (int j = 0; j < c.Length; j++) Assert.Equal(model.LowerBounds[j], c[j], 2e-5);
        Assert.Null(sigmoid["networks"]);
        Assert.Equal(3, links[1]!["networks"]!.AsArray().Count);
        Assert.Equal(10, links[1]!["networks"]![0]!["w2"]!.AsArray().Count);
    }

    [Fact]
    public void AnUnknownVersionIsAClearError()
    {
        var path = Save(Fit(1).ToModel());
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"version\": 1,", "\"version\": 7,"));
        var e = Assert.Throws<DataFormatException>(() => SkillModelFile.Read(path));
        Assert.Contains("unsupported fit file version 7", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void AChangedNumberFailsTheChecksum()
    {
        var model = Fit(1).ToModel();
        var path = Save(model);
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        var b = root["payload"]!["links"]![0]!["b"]!.AsArray();
        b[0] = (double)b[0]! + 1e-9;
        File.WriteAllText(path, root.ToJsonString());
        var e = Assert.Throws<DataFormatException>(() => SkillModelFile.Read(path));
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void ALadderFitIsNotASkillModel()
    {
        var path = Path.Combine(_dir, "ladder.json");
        SavedFitFile.Write(path, "ladder", new { tasks = new[] { "mmlu" } }, []);
        var e = Assert.Throws<DataFormatException>(() => SkillModelFile.Read(path));
        Assert.Contains("'ladder' fit, expected a 'skills' fit", e.Message);
    }

    [Fact]
    public void APayloadOfTheWrongShapeNamesTheMember()
    {
        var model = Fit(1).ToModel();
        var payload = SkillModelFile.ToPayload(model);
        var bad = payload with { Links = [payload.Links[0] with { B = payload.Links[0].B[..2] }] };
        var path = Path.Combine(_dir, "bad.json");
        SavedFitFile.Write(path, SkillModelFile.Kind, bad, []);
        var e = Assert.Throws<DataFormatException>(() => SkillModelFile.Read(path));
        Assert.Contains("links[0].b", e.Message);
        Assert.Contains("expected 3 numbers, found 2", e.Message);

        var noLoadings = new JsonObject { ["method"] = "sloth" };
        SavedFitFile.Write(path, SkillModelFile.Kind, noLoadings, []);
        e = Assert.Throws<DataFormatException>(() => SkillModelFile.Read(path));
        Assert.Contains("payload does not match the 'skills' fit format", e.Message);
    }

    [Fact]
    public void AnUnknownFamilyListsTheKnownOnesAndSuggestsTheNearest()
    {
        var model = SkillModelFile.Read(Save(Fit(1).ToModel())).Payload;
        var e = Assert.Throws<InvalidRequestException>(() => model.Predict("meta-llama-4", 70, 15));
        Assert.Contains("unknown family 'meta-llama-4'", e.Message);
        Assert.Contains("did you mean 'meta-llama-3'?", e.Message);
        Assert.Contains("pythia", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Throws<InvalidRequestException>(() => model.Predict("pythia", -1, 15));
        Assert.Throws<InvalidRequestException>(() => model.Predict("pythia", 1, double.NaN));
    }

    [Fact]
    public void ASigmoidOnlyModelRefusesTheMonotoneLink()
    {
        var model = Fit(1).ToModel() with { Monotone = null };
        var loaded = SkillModelFile.Read(Save(model)).Payload;
        Assert.Null(loaded.Monotone);
        Assert.Equal(LinkKind.Sigmoid, loaded.LinkFit().Link);
        var e = Assert.Throws<InvalidRequestException>(() => loaded.Predict("pythia", 1, 1, LinkKind.Monotone));
        Assert.Contains("no monotone link", e.Message);
        // The report of a prediction from a model names the link, the training models and the family's models.
        var r = SkillsPrediction.Predict(loaded, "pythia", 12, 0.3);
        Assert.Equal(LinkKind.Sigmoid, r.Link);
        Assert.Equal(model.TrainingModels.Count, r.TrainingModels);
        Assert.All(r.FamilyModels, m => Assert.Contains(new SkillModelTrainingRow(m, "pythia"), model.TrainingModels));
        Assert.NotEmpty(r.FamilyModels);
    }
}
