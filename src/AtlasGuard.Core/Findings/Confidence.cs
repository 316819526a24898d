namespace AtlasGuard.Core.Findings;

/// <summary>How sure a detector is that a finding is a true positive.</summary>
public enum Confidence
{
    /// <summary>A heuristic that often needs a human look.</summary>
    Low = 0,

    /// <summary>Usually right.</summary>
    Medium = 1,

    /// <summary>Established from the artifact's structure; rarely wrong.</summary>
    High = 2,
}
