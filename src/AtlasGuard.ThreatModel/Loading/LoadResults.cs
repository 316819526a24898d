using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Model;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Loading;

/// <summary>A loaded pipeline document: the model when there was no error, and every diagnostic in file order.</summary>
public sealed record ThreatModelLoadResult(PipelineModel? Model, ImmutableArray<ThreatModelDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error (then <see cref="Model"/> is null).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>A loaded <c>kind: AttackerProfiles</c> file: its profiles when there was no error, and the diagnostics.</summary>
public sealed record AttackerProfilesLoadResult(ImmutableArray<AttackerProfile> Profiles, ImmutableArray<ThreatModelDiagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error (then <see cref="Profiles"/> is empty).</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
