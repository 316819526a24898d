namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>Raises a component's exposure (none &lt; internal &lt; partner &lt; internet), never lowers it.</summary>
internal static class Exposures
{
    private static readonly string[] Order = ["none", "internal", "partner", "internet"];

    public static bool IsWider(string candidate, string? current) =>
        current is null || Array.IndexOf(Order, candidate) > Array.IndexOf(Order, current);

    public static void Raise(DraftComponent component, string level, string reason)
    {
        if (IsWider(level, component.Exposure))
        {
            component.Exposure = level;
            component.ExposureReason = reason;
        }
    }

    /// <summary>Raises the component's dashboard_exposure where its type has that prop.</summary>
    public static void RaiseDashboard(DraftComponent component, string level, string reason)
    {
        if (!SchemaVocabulary.HasProp(component.Type, "dashboard_exposure"))
        {
            return;
        }

        var current = component.Props.TryGetValue("dashboard_exposure", out var node) ? node.GetValue<string>() : null;
        if (IsWider(level, current))
        {
            component.Set("dashboard_exposure", level, reason);
        }
    }
}
