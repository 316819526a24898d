using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Scanning;

/// <summary>Where detectors put findings. Implementations are thread-safe.</summary>
public interface IFindingSink
{
    /// <summary>Adds a finding.</summary>
    void Report(Finding finding);
}
