using System.Text.Json.Serialization;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>Source-generated JSON metadata for quoting strings (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class DraftJsonContext : JsonSerializerContext;
