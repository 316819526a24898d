using AtlasGuard.Core.Atlas;
using AtlasGuard.Core.Findings;
using AtlasGuard.ThreatModel.Evaluation;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Rules;
using AtlasGuard.ThreatModel.Scoring;

namespace AtlasGuard.Reporting.ThreatModel;

/// <summary>
/// What the file reports of a threat model (HTML, ATLAS Navigator layer, SARIF) need besides the result: the model
/// (its file, the source positions of its components, its attacker profiles and risk decisions), the ATLAS catalog
/// and the rules it was evaluated with, the tool version, and the folder paths are made relative to.
/// </summary>
/// <param name="Result">The evaluated threats, paths and aggregates.</param>
/// <param name="Model">The pipeline model the result was evaluated from.</param>
public sealed record ThreatModelReport(ThreatModelResult Result, PipelineModel Model)
{
    /// <summary>The catalog for technique, tactic, mitigation and case-study names.</summary>
    public AtlasCatalog Catalog { get; init; } = AtlasCatalog.Embedded;

    /// <summary>The rules the result was evaluated with (SARIF lists them).</summary>
    public ThreatRuleSet Rules { get; init; } = ThreatRuleSet.Embedded;

    /// <summary>AtlasGuard's version, as the reports print it.</summary>
    public string ToolVersion { get; init; } = ToolInfo.Version;

    /// <summary>The folder the model's path is shown relative to (the working directory by default).</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>
    /// The model file relative to <see cref="BaseDirectory"/> with forward slashes, or its bare file name when it lies
    /// outside that folder: never an absolute path, so reports can be shared and compared.
    /// </summary>
    public string ModelPath
    {
        get
        {
            var full = Path.GetFullPath(Model.File, Path.GetFullPath(BaseDirectory));
            var relative = Path.GetRelativePath(Path.GetFullPath(BaseDirectory), full);
            if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                relative = Path.GetFileName(full);
            }

            return relative.Replace('\\', '/');
        }
    }

    /// <summary>Where the component is declared in the model file; <see cref="SourcePosition.None"/> when unknown.</summary>
    public SourcePosition PositionOf(string componentId) => Model.FindComponent(componentId)?.Position ?? SourcePosition.None;

    /// <summary>
    /// Whether a threat counts towards the matrix and the layer: it applies, and no honoured decision calls it a false
    /// positive (the rule the aggregates follow).
    /// </summary>
    public static bool Counts(Threat threat)
    {
        ArgumentNullException.ThrowIfNull(threat);
        return threat.Applicability == Applicability.Applies
            && threat.Tracking is not { Honoured: true, Entry.Status: RiskStatus.FalsePositive };
    }

    /// <summary>The scan severity of the same name as a band, so the bands take the scan reports' colours and levels.</summary>
    public static Severity AsSeverity(RiskBand band) => band switch
    {
        RiskBand.Critical => Severity.Critical,
        RiskBand.High => Severity.High,
        RiskBand.Medium => Severity.Medium,
        _ => Severity.Low,
    };
}
