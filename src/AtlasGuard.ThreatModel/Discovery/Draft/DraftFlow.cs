namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>A flow drafted from one component naming another's address: from the caller to the service called.</summary>
internal sealed record DraftFlow(string From, string To, bool? Encrypted, string Path, int Line, string Fact);
